/**
 * Rebuild the registry projection from the start of the store.
 *
 *   node dist/apps/api/src/cli/rebuild.js                  replay the configured store here and print the counts
 *   node dist/apps/api/src/cli/rebuild.js --url <graphql>  ask a running instance to rebuild (rebuildProjections);
 *                                                          the token comes from API_TOKEN or ADMIN_TOKEN
 *
 * The read model lives in memory and every instance rebuilds it from the store when it starts, so a new
 * projection or policy version takes effect on restart; `--url` rebuilds a running instance without one.
 * Exit codes: 0 done, 1 failed, 2 bad configuration.
 */
import { EventStore, KurrentDbEventStore, openSqliteEventStore } from '@app/event-store';
import { createRegistryModel, evolveRegistry, PROJECTION_VERSION, settleRegistry } from '@app/projections';
import { type AppConfig, ConfigError, loadConfig } from '../config/config';

async function openStore(config: AppConfig): Promise<EventStore> {
  return config.eventStore === 'kurrentdb'
    ? KurrentDbEventStore.fromConnectionString(config.kurrentdbConnectionString!)
    : openSqliteEventStore(config.sqlitePath, { synchronous: config.sqliteSynchronous });
}

/** Replays every event into a fresh model, as an instance does on start. */
export async function replayStore(store: EventStore) {
  const started = Date.now();
  const model = createRegistryModel({ deferAssessments: true });
  for await (const stored of store.readAll()) evolveRegistry(model, stored);
  settleRegistry(model);
  let incidents = 0;
  for (const i of model.incidents.values()) if (!i.mergedInto) incidents++;
  return {
    projectionVersion: PROJECTION_VERSION, checkpoint: model.checkpoint, eventsApplied: model.eventsApplied,
    skipped: model.skipped, skippedEventIds: model.skippedEventIds, sources: model.sources.size, incidents,
    corroborations: model.corroborations.size, investigations: model.investigations.size, statements: model.statements.size,
    durationMs: Date.now() - started,
  };
}

async function rebuildRemote(url: string, token: string | undefined): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({
      query: 'mutation { rebuildProjections { projectionVersion checkpoint eventsApplied skipped skippedEventIds sources incidents corroborations investigations statements durationMs } }',
    }),
  });
  const body = (await res.json()) as { data?: { rebuildProjections: unknown }; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data?.rebuildProjections;
}

async function main(argv: string[]): Promise<number> {
  const urlAt = argv.indexOf('--url');
  if (urlAt >= 0) {
    const url = argv[urlAt + 1];
    if (!url) throw new ConfigError('--url needs the GraphQL address, e.g. http://localhost:3000/graphql');
    process.stdout.write(`${JSON.stringify(await rebuildRemote(url, process.env.API_TOKEN || process.env.ADMIN_TOKEN), null, 2)}\n`);
    return 0;
  }
  const store = await openStore(loadConfig());
  try {
    process.stdout.write(`${JSON.stringify(await replayStore(store), null, 2)}\n`);
  } finally {
    await store.close();
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (error: unknown) => {
    process.stderr.write(`rebuild failed: ${(error as Error).message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  });
}
