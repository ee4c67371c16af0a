import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { StoredEvent } from '@app/event-store';
import { ChildService, ensureBuilt } from '../support/child-service';
import { ALLEGE_USE, REGISTER_SOURCE, corroborationInput, sourceInput, yemenAllegation } from '../support/fixtures';
import { eventsByKey, oneSetProblems, readStoredEvents } from './workload';

/**
 * Two service processes on one SQLite file: the in-process stream queue cannot order their writes, so
 * what keeps them apart is the store's own check of the expected revision inside its group commit and
 * the executor's scan of the stream for an idempotency key. Each test here fails without one of them.
 *
 * The other process sees new events when it reads a stream (the executor reads before deciding), not
 * necessarily in its read model: a retry it answers from the stream may wait for its read model up to
 * READ_YOUR_WRITES_TIMEOUT_MS, so the answers compared are what the key determines, and the truth is
 * read from the event file.
 */
const WRITERS = 12; // per incident, half on each process
const SENDS = 20;
/** Corroborations answered with the incident id only: the same whichever read model answers. */
const ADD_CORROBORATION_ID = /* GraphQL */ `
  mutation ($input: AddCorroborationInput!) {
    addCorroboration(input: $input) {
      id
    }
  }
`;

jest.setTimeout(360_000);

describe('two service processes on one SQLite file', () => {
  let dir: string;
  let dbPath: string;
  let a: ChildService;
  let b: ChildService;
  let sourceId: string;
  const incidentIds: string[] = [];
  const services: ChildService[] = [];
  const start = async () => {
    const service = await ChildService.start({ SQLITE_PATH: dbPath, READ_YOUR_WRITES_TIMEOUT_MS: '1500' }, 60_000);
    services.push(service);
    return service;
  };

  beforeAll(async () => {
    await ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-two-services-'));
    dbPath = path.join(dir, 'registry.db');
    a = await start();
    sourceId = (await a.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource.id;
    for (const summary of ['First attack', 'Second attack']) {
      incidentIds.push((await a.ok(ALLEGE_USE, { input: yemenAllegation(sourceId, { summary }) })).allegeUse.id);
    }
    b = await start(); // catches up from the file: both know the source and the incidents
  }, 240_000);
  afterAll(async () => {
    for (const s of services) await s.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const streamOf = (events: StoredEvent[], incidentId: string) =>
    events.filter((e) => e.stream === `incident-${incidentId}`);
  const summaries = (events: StoredEvent[]) =>
    events.filter((e) => e.type === 'CorroborationAdded').map((e) => e.data.summary as string);
  const writerSummary = (label: string, incident: number, writer: number) => `${label} ${incident}/${writer}`;
  const revisionOf = async (incidentId: string) =>
    streamOf(await readStoredEvents(dbPath), incidentId).at(-1)!.revision;
  const allWriters = (label: string, incident: number) =>
    Array.from({ length: WRITERS }, (_, w) => writerSummary(label, incident, w)).sort();

  it('with expectedRevision: one winner per revision, CONFLICT for the others, none lost or doubled', async () => {
    const starts = await Promise.all(incidentIds.map(revisionOf));
    const wins: { incident: number; writer: number; expected: number }[] = [];
    const conflicts: string[] = [];

    const write = async (incidentId: string, incident: number, writer: number) => {
      const via = writer % 2 === 0 ? a : b;
      let expected = starts[incident]; // all writers of an incident race for the same revision
      for (;;) {
        const summary = writerSummary('rev', incident, writer);
        const input = corroborationInput(incidentId, sourceId, { summary, expectedRevision: expected });
        const res = await via.gql(ADD_CORROBORATION_ID, { input });
        if (!res.errors) {
          wins.push({ incident, writer, expected });
          return;
        }
        const { code, actualRevision } = res.errors[0].extensions ?? {};
        if (code !== 'CONFLICT') throw new Error(`writer ${incident}/${writer}: ${JSON.stringify(res.errors)}`);
        expect(Number(actualRevision)).toBeGreaterThan(expected);
        conflicts.push(`${incident}/${writer}@${expected}`);
        expected = Number(actualRevision);
      }
    };
    const writers = (id: string, incident: number) => Array.from({ length: WRITERS }, (_, w) => write(id, incident, w));
    await Promise.all(incidentIds.flatMap(writers));

    const events = await readStoredEvents(dbPath);
    incidentIds.forEach((incidentId, incident) => {
      const ours = wins.filter((w) => w.incident === incident);
      // One winner per revision: the revisions they expected are exactly start, start+1, ...
      const revisions = Array.from({ length: WRITERS }, (_, i) => starts[incident] + i);
      expect(ours.map((w) => w.expected).sort((x, y) => x - y)).toEqual(revisions);
      const stream = streamOf(events, incidentId);
      expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
      expect(summaries(stream).sort()).toEqual(allWriters('rev', incident));
      for (const { writer, expected } of ours) {
        expect(stream[expected + 1].data.summary).toBe(writerSummary('rev', incident, writer));
      }
    });
    // Each round had one winner and losers in both processes.
    expect(conflicts.length).toBeGreaterThanOrEqual(incidentIds.length * (WRITERS - 1));
  });

  it('without expectedRevision: every command lands exactly once, in some order', async () => {
    const send = (incidentId: string, incident: number, writer: number) =>
      (writer % 2 === 0 ? a : b).gql(ADD_CORROBORATION_ID, {
        input: corroborationInput(incidentId, sourceId, { summary: writerSummary('free', incident, writer) }),
      });
    const results = await Promise.all(
      incidentIds.flatMap((id, incident) => Array.from({ length: WRITERS }, (_, writer) => send(id, incident, writer))),
    );
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);

    const events = await readStoredEvents(dbPath);
    incidentIds.forEach((incidentId, incident) => {
      const stream = streamOf(events, incidentId);
      expect(stream.map((e) => e.revision)).toEqual(stream.map((_, i) => i));
      const free = summaries(stream).filter((s) => s.startsWith('free '));
      expect(free.sort()).toEqual(allWriters('free', incident));
    });
  });

  /** Sends of one keyed mutation, all at once; the answer, or undefined when the connection broke (a kill). */
  type Answer = { errors?: unknown; data?: unknown } | undefined;
  const sendAll = (key: string, count: number, via: (i: number) => ChildService): Promise<Answer[]> => {
    const input = corroborationInput(incidentIds[0], sourceId, { summary: `Keyed ${key}`, idempotencyKey: key });
    return Promise.all(
      Array.from({ length: count }, (_, i) =>
        via(i)
          .gql(ADD_CORROBORATION_ID, { input })
          .then(
            (r) => ({ errors: r.errors, data: r.data }),
            () => undefined, // fetch errors come from another realm: not `instanceof Error` here
          ),
      ),
    );
  };
  const theAnswer = () => ({ errors: undefined, data: { addCorroboration: { id: incidentIds[0] } } });
  const oneSet = async (key: string) => {
    const set = eventsByKey(await readStoredEvents(dbPath)).get(key) ?? [];
    expect(oneSetProblems(key, set)).toEqual([]);
    expect(set.map((e) => e.type)).toEqual(['CorroborationAdded']);
  };

  it('twenty concurrent first sends of one keyed mutation: one set of events, twenty identical answers', async () => {
    const key = 'two-services-first-sends';
    expect(await sendAll(key, SENDS, (i) => (i % 2 === 0 ? a : b))).toEqual(Array(SENDS).fill(theAnswer()));
    await oneSet(key);
  });

  it('the same with one process killed in the middle and restarted: one set of events, one answer', async () => {
    const key = 'two-services-restart';
    const sending = sendAll(key, SENDS, (i) => (i % 2 === 0 ? a : b));
    await new Promise((resolve) => setTimeout(resolve, 30));
    await a.kill('SIGKILL');
    const first = await sending;
    a = await start();
    // The client sends again what got no answer, to either process, with the same key; and two more.
    const unanswered = first.filter((r) => r === undefined).length;
    console.log(`two services: the kill left ${unanswered} of ${SENDS} sends without an answer`);
    const again = await sendAll(key, unanswered + 2, (i) => (i % 2 === 0 ? a : b));
    expect(again).toEqual(Array(unanswered + 2).fill(theAnswer()));
    expect(first.filter((r) => r !== undefined)).toEqual(Array(SENDS - unanswered).fill(theAnswer()));
    await oneSet(key);
  });
});
