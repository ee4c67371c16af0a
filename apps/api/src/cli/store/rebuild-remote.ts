/** Rebuilding the registry projection: here from the store, or in a running instance over GraphQL. */
import type { EventStore } from '@app/event-store';
import { createRegistryModel, evolveRegistry, PROJECTION_VERSION, settleRegistry } from '@app/projections';

/** Replays every event into a fresh model, as an instance does on start. */
export async function replayStore(store: EventStore) {
  const started = Date.now();
  const model = createRegistryModel({ deferAssessments: true });
  for await (const stored of store.readAll()) evolveRegistry(model, stored);
  settleRegistry(model);
  let incidents = 0;
  for (const i of model.incidents.values()) if (!i.mergedInto) incidents++;
  return {
    projectionVersion: PROJECTION_VERSION,
    checkpoint: model.checkpoint,
    eventsApplied: model.eventsApplied,
    skipped: model.skipped,
    skippedEventIds: model.skippedEventIds,
    sources: model.sources.size,
    incidents,
    corroborations: model.corroborations.size,
    investigations: model.investigations.size,
    statements: model.statements.size,
    durationMs: Date.now() - started,
  };
}

/** Asks a running instance to rebuild its projection file (the rebuildProjections mutation, ADMIN). */
export async function rebuildRemote(url: string, token: string | undefined): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({
      query:
        'mutation { rebuildProjections { projectionVersion checkpoint eventsApplied skipped skippedEventIds sources ' +
        'incidents corroborations investigations statements durationMs } }',
    }),
  });
  const body = (await res.json()) as { data?: { rebuildProjections: unknown }; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data?.rebuildProjections;
}
