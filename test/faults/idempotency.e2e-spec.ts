import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChildService, ensureBuilt } from '../support/child-service';
import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  CONCLUDE_INVESTIGATION,
  CORRECT_INCIDENT,
  CORRECT_STATEMENT,
  MERGE_INCIDENTS,
  OPEN_INVESTIGATION,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  RETRACT_CORROBORATION,
  WITHDRAW_INCIDENT,
  corroborationInput,
  investigationInput,
  sourceInput,
  statementInput,
  yemenAllegation,
} from '../support/fixtures';
import { eventsByKey, oneSetProblems, readStoredEvents } from './workload';

/**
 * Every mutation, sent once and retried 3 times with its idempotency key (once in sequence, twice at
 * the same moment), yields one set of events and the same answer; after a restart the retries still
 * append nothing: the keys live in the store, not in memory.
 */
const REGRADE_SOURCE = /* GraphQL */ `
  mutation ($input: RegradeSourceInput!) {
    regradeSource(input: $input) {
      id
      name
      kind
      grade
    }
  }
`;

type Ids = Record<string, string>;
interface Step {
  name: string;
  query: string;
  input: (ids: Ids) => Record<string, unknown>;
  remember?: (data: any, ids: Ids) => void;
}

const STEPS: Step[] = [
  {
    name: 'registerSource',
    query: REGISTER_SOURCE,
    input: () => sourceInput(),
    remember: (d, ids) => (ids.sA = d.registerSource.id),
  },
  {
    name: 'registerSource',
    query: REGISTER_SOURCE,
    input: () => sourceInput({ name: 'Human Rights Watch', grade: 'C' }),
    remember: (d, ids) => (ids.sB = d.registerSource.id),
  },
  {
    name: 'regradeSource',
    query: REGRADE_SOURCE,
    input: (ids) => ({ sourceId: ids.sB, newGrade: 'A', reason: 'Track record', regradedOn: '2016-06-01' }),
  },
  {
    name: 'allegeUse',
    query: ALLEGE_USE,
    input: (ids) => yemenAllegation(ids.sA),
    remember: (d, ids) => {
      ids.i1 = d.allegeUse.id;
      ids.c1 = d.allegeUse.corroborations[0].id;
    },
  },
  {
    name: 'allegeUse',
    query: ALLEGE_USE,
    input: (ids) => yemenAllegation(ids.sB, { summary: 'A duplicate report' }),
    remember: (d, ids) => (ids.i2 = d.allegeUse.id),
  },
  {
    name: 'allegeUse',
    query: ALLEGE_USE,
    input: (ids) => yemenAllegation(ids.sB, { summary: 'Logged in error' }),
    remember: (d, ids) => (ids.i3 = d.allegeUse.id),
  },
  { name: 'addCorroboration', query: ADD_CORROBORATION, input: (ids) => corroborationInput(ids.i1, ids.sB) },
  {
    name: 'correctIncident',
    query: CORRECT_INCIDENT,
    input: (ids) => ({
      incidentId: ids.i1,
      changes: { summary: 'Corrected.' },
      reason: 'Typo',
      correctedOn: '2016-06-01',
    }),
  },
  {
    name: 'retractCorroboration',
    query: RETRACT_CORROBORATION,
    input: (ids) => ({
      incidentId: ids.i1,
      corroborationId: ids.c1,
      reason: 'Wrong photos',
      retractedOn: '2016-07-01',
    }),
  },
  {
    name: 'openInvestigation',
    query: OPEN_INVESTIGATION,
    input: (ids) => investigationInput([ids.i1]),
    remember: (d, ids) => (ids.inv = d.openInvestigation.id),
  },
  {
    name: 'concludeInvestigation',
    query: CONCLUDE_INVESTIGATION,
    input: (ids) => ({
      investigationId: ids.inv,
      outcome: 'USE_CONFIRMED',
      findings: 'BL-755 were used.',
      concludedOn: '2016-12-19',
    }),
  },
  {
    name: 'recordStatement',
    query: RECORD_STATEMENT,
    input: (ids) => statementInput([ids.i1]),
    remember: (d, ids) => (ids.st = d.recordStatement.id),
  },
  {
    name: 'correctStatement',
    query: CORRECT_STATEMENT,
    input: (ids) => ({
      statementId: ids.st,
      changes: { kind: 'CONDEMNATION' },
      reason: 'Misfiled',
      correctedOn: '2016-06-02',
    }),
  },
  {
    name: 'mergeIncidents',
    query: MERGE_INCIDENTS,
    input: (ids) => ({
      duplicateIncidentId: ids.i2,
      canonicalIncidentId: ids.i1,
      reason: 'Same attack',
      mergedOn: '2016-06-02',
    }),
  },
  {
    name: 'withdrawIncident',
    query: WITHDRAW_INCIDENT,
    input: (ids) => ({ incidentId: ids.i3, reason: 'Logged in error', withdrawnOn: '2016-06-03' }),
  },
];

jest.setTimeout(180_000);

describe('idempotency: every mutation retried 3 times, also across a restart', () => {
  let dir: string;
  let service: ChildService | undefined;
  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-idempotency-'));
  }, 200_000);
  afterAll(async () => {
    await service?.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const eventsApplied = async () =>
    (await service!.ok(`{ projectionStatus { eventsApplied } }`)).projectionStatus.eventsApplied as number;
  const keyOf = (i: number) => `idem-${i}-${STEPS[i].name}`;

  it('yields exactly one set of events per key and the same answer, before and after a restart', async () => {
    const dbPath = path.join(dir, 'registry.db');
    service = await ChildService.start({ SQLITE_PATH: dbPath });
    const ids: Ids = {};
    const inputs: Record<string, unknown>[] = [];
    const firstAnswers: any[] = [];

    for (const [i, step] of STEPS.entries()) {
      const input = { ...step.input(ids), idempotencyKey: keyOf(i) };
      inputs.push(input);
      const first = await service.ok(step.query, { input });
      step.remember?.(first, ids);
      const applied = await eventsApplied();
      const again = [await service.gql(step.query, { input })];
      again.push(...(await Promise.all([service.gql(step.query, { input }), service.gql(step.query, { input })])));
      for (const res of again)
        expect({ step: step.name, errors: res.errors, data: res.data }).toEqual({
          step: step.name,
          errors: undefined,
          data: first,
        });
      expect(await eventsApplied()).toBe(applied);
      firstAnswers.push(Object.values(first)[0]);
    }

    // The same key with another input is refused, and appends nothing.
    const before = await eventsApplied();
    const reused = await service.gql(REGISTER_SOURCE, { input: { ...inputs[0], name: 'Someone else' } });
    expect(reused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await eventsApplied()).toBe(before);

    // Restart: the read model is rebuilt from the store, keys included.
    expect((await service.kill('SIGTERM')).code).toBe(0);
    service = await ChildService.start({ SQLITE_PATH: dbPath });
    expect(await eventsApplied()).toBe(before);
    for (const [i, step] of STEPS.entries()) {
      for (let retry = 0; retry < 3; retry++) {
        const res = await service.gql(step.query, { input: inputs[i] });
        expect({ step: step.name, errors: res.errors }).toEqual({ step: step.name, errors: undefined });
        // The same object (a merged duplicate answers as its canonical incident from the merge on).
        const expected = firstAnswers[i].id === ids.i2 ? ids.i1 : firstAnswers[i].id;
        expect({ step: step.name, id: (Object.values(res.data!)[0] as { id: string }).id }).toEqual({
          step: step.name,
          id: expected,
        });
      }
    }
    expect(await eventsApplied()).toBe(before);
    expect((await service.kill('SIGTERM')).code).toBe(0);

    // In the file: one set of events per key, and no event without one.
    const events = await readStoredEvents(dbPath);
    const byKey = eventsByKey(events);
    expect([...byKey.keys()].sort()).toEqual(STEPS.map((_, i) => keyOf(i)).sort());
    expect([...byKey].flatMap(([key, set]) => oneSetProblems(key, set))).toEqual([]);
    expect(events).toHaveLength(before);
  });
});
