import type { JsonObject, StoredEvent } from '@app/event-store';
import { SqliteEventStore, uuidv7 } from '@app/event-store';
import type { RegistryEvent } from '@app/domain';
import { DEFAULT_POLICY } from '@app/domain';
import { ProjectionRunner } from './projection-runner';
import type { ChangeSet } from './registry.projection';
import { allege, corroborate, corroboration, statement, yemenStory } from './testing/event-log.fixtures';
import { buildModel } from './time-travel';
import { holdsStatementTexts, statementTextsOf, TEXTS_IN_STORE } from './statement-texts';

/** Appends stored-looking fixture events to a real store, one append per event. */
async function append(store: SqliteEventStore, events: { stream: string; type: string; data: JsonObject }[]) {
  let position = '';
  for (const e of events) {
    const result = await store.append(e.stream, [
      { id: uuidv7(), type: e.type, data: e.data, metadata: { actor: 'tester', correlationId: 'c', schemaVersion: 1 } },
    ]);
    position = result.position;
  }
  return position;
}
const toNew = (e: RegistryEvent, stream: string) => ({ stream, type: e.type, data: e.data as unknown as JsonObject });

async function readAll(store: SqliteEventStore): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const e of store.readAll()) all.push(e);
  return all;
}

describe('ProjectionRunner over a real SQLite store', () => {
  let store: SqliteEventStore;
  let runner: ProjectionRunner;

  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    await append(store, yemenStory().events);
    runner = new ProjectionRunner(store);
  });

  afterEach(async () => {
    await runner.stop();
    await store.close();
  });

  it('keeps statement texts in the store: lean model has placeholders, the stream the texts as corrected', async () => {
    await append(store, [
      toNew(statement('st-t', ['GBR'], 'CONCERN', '2017-02-01', ['inc-1'], { quote: 'first words' }), 'statement-st-t'),
      {
        stream: 'statement-st-t',
        type: 'StatementCorrected',
        data: { statementId: 'st-t', changes: { quote: 'corrected words' }, reason: 'r', correctedOn: '2017-02-02' },
      },
    ]);
    await runner.start();
    const view = runner.model.statements.get('st-t')!;
    expect(holdsStatementTexts(view)).toBe(false);
    expect(view).toMatchObject({
      quote: TEXTS_IN_STORE.quote,
      kind: 'CONCERN',
      corrections: [expect.objectContaining({ reason: 'r' })],
    });
    const events: StoredEvent[] = [];
    for await (const e of store.readStream('statement-st-t')) events.push(e);
    expect(statementTextsOf(events)).toEqual({
      quote: 'corrected words',
      citation: { url: 'https://example.org/st-t' },
    });
    expect(statementTextsOf([])).toBeNull();
    expect(holdsStatementTexts(buildModel(await readAll(store)).statements.get('st-t')!)).toBe(true);
  });

  it('catches up with what the store holds, then equals a rebuild from the same events', async () => {
    await runner.start();
    expect(runner.model.eventsApplied).toBe(16);
    expect(runner.checkpoint).toBe((await readAll(store)).at(-1)!.position);
    expect(runner.model.incidents.get('inc-1')!.assessment.status).toBe('CONFIRMED');
    expect(runner.model).toEqual(
      buildModel(await readAll(store), { keepAuditEntries: false, keepStatementTexts: false }),
    );
  });

  it('follows live appends, tells listeners what changed, and lets a writer wait for its own write', async () => {
    await runner.start();
    const seen: ChangeSet[] = [];
    const unsubscribe = runner.onChange((c) => seen.push(c));
    const position = await append(store, [
      toNew(corroborate('inc-3', corroboration('c6', 'hrw', '2016-06-10')), 'incident-inc-3'),
      toNew(statement('st-new', ['IRL', 'AUT'], 'CONCERN', '2016-06-12', ['inc-1']), 'statement-st-new'),
    ]);
    await expect(runner.waitFor(position, 5000)).resolves.toBe(true);
    expect(runner.checkpoint).toBe(position);
    expect(runner.model.incidents.get('inc-3')!.corroborationIds).toEqual(['c5', 'c6']);
    expect(seen.map((c) => c.recordedStatementIds)).toEqual([[], ['st-new']]);
    expect(seen[0].incidentIds).toEqual(['inc-3']);
    unsubscribe();
    const later = await append(store, [
      toNew(statement('st-x', ['AUT'], 'CONCERN', '2016-06-13', ['inc-1']), 'statement-st-x'),
    ]);
    await expect(runner.waitFor(later, 5000)).resolves.toBe(true);
    expect(seen).toHaveLength(2);
  });

  it('reports only real status changes, with before and after', async () => {
    await runner.start();
    const seen: ChangeSet[] = [];
    runner.onChange((c) => seen.push(c));
    const position = await append(store, [
      toNew(allege('inc-7', '2016-08-01', corroboration('c70', 'hrw', '2016-08-01')), 'incident-inc-7'),
      toNew(corroborate('inc-7', corroboration('c71', 'ai', '2016-08-03')), 'incident-inc-7'),
      toNew(corroborate('inc-7', corroboration('c72', 'daily', '2016-08-04')), 'incident-inc-7'),
      // inc-3 was withdrawn: an acknowledgement does not bring it back.
      toNew(statement('st-ack', ['SYR'], 'ACKNOWLEDGEMENT', '2016-08-05', ['inc-3']), 'statement-st-ack'),
    ]);
    await runner.waitFor(position, 5000);
    expect(
      seen.map((c) => c.statusChanges.map(({ incidentId, before, after }) => ({ incidentId, before, after }))),
    ).toEqual([
      [{ incidentId: 'inc-7', before: null, after: 'ALLEGED' }],
      [{ incidentId: 'inc-7', before: 'ALLEGED', after: 'CORROBORATED' }],
      [],
      [],
    ]);
    expect(seen[1].statusChanges[0].assessment).toMatchObject({ status: 'CORROBORATED', statusSince: '2016-08-03' });
  });

  it('resolves a wait at once for a position already passed, false on timeout or when the runner stops', async () => {
    await runner.start();
    await expect(runner.waitFor('1', 5000)).resolves.toBe(true);
    await expect(runner.waitFor('1000', 10)).resolves.toBe(false);
    const pending = runner.waitFor('2000', 60_000);
    await runner.stop();
    await expect(pending).resolves.toBe(false);
  });

  it('skips and counts events it cannot read, and reports them on its health', async () => {
    await append(store, [{ stream: 'other-1', type: 'SomethingFromTheFuture', data: { x: 1 } }]);
    await runner.start();
    const health = runner.health();
    expect(health).toMatchObject({ skipped: 1, eventsApplied: 16, live: true, rebuilding: false, lastError: null });
    expect(health.skippedEventIds).toEqual([(await readAll(store)).at(-1)!.id]);
    expect(health.projectionVersion).toBe(runner.projectionVersion);
  });

  it('rebuilds a fresh model while events keep arriving, and swaps it in caught up', async () => {
    await runner.start();
    const before = runner.model;
    const rebuilt = runner.rebuild();
    const position = await append(store, [
      toNew(statement('st-late', ['NOR'], 'CONDEMNATION', '2016-12-30', ['inc-1']), 'statement-st-late'),
    ]);
    await rebuilt;
    await runner.waitFor(position, 5000);
    expect(runner.model).not.toBe(before);
    expect(runner.model.statements.has('st-late')).toBe(true);
    expect(runner.model.eventsApplied).toBe(17);
    expect(runner.model).toEqual(
      buildModel(await readAll(store), { keepAuditEntries: false, keepStatementTexts: false }),
    );
  });

  it('rebuilds under the policy it was given', async () => {
    const strict = { ...DEFAULT_POLICY, version: 'strict', minIndependentSources: 5 };
    runner = new ProjectionRunner(store, { policy: strict });
    await runner.start();
    expect(runner.model.incidents.get('inc-1')!.assessment).toMatchObject({ policyVersion: 'strict' });
    await runner.rebuild();
    expect(runner.model.incidents.get('inc-1')!.assessment.policyVersion).toBe('strict');
  });
});
