import { incidentStream } from '@app/domain';
import { EventStore, type StoredEvent } from '@app/event-store';
import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  REGISTER_SOURCE,
  corroborationInput,
  sourceInput,
  yemenAllegation,
} from '../support/fixtures';
import { TestApp } from '../support/test-app';

/**
 * 50 writers on one incident at the same moment. With `expectedRevision` (optimistic concurrency) every
 * revision has exactly one winner and the others get CONFLICT, then reload and try again; without it the
 * service retries for them and every command lands. Either way nothing is lost or written twice.
 */
const WRITERS = 50;

jest.setTimeout(120_000);

describe('concurrency: 50 writers on one incident', () => {
  let app: TestApp;
  let sourceId: string;
  beforeAll(async () => {
    app = await TestApp.start();
    sourceId = (await app.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource.id;
  });
  afterAll(async () => {
    await app.stop();
  });

  async function newIncident(): Promise<string> {
    return (await app.ok(ALLEGE_USE, { input: yemenAllegation(sourceId) })).allegeUse.id;
  }

  async function streamEvents(incidentId: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const e of app.app.get(EventStore).readStream(incidentStream(incidentId))) events.push(e);
    return events;
  }

  const summaries = (events: StoredEvent[]) =>
    events.filter((e) => e.type === 'CorroborationAdded').map((e) => e.data.summary as string);
  const writerSummary = (i: number) => `writer ${i} corroborates`;
  const allWriters = Array.from({ length: WRITERS }, (_, i) => writerSummary(i)).sort();

  it('with expectedRevision: one winner per revision, losers get CONFLICT, nothing lost or duplicated', async () => {
    const incidentId = await newIncident();
    const start = (await streamEvents(incidentId)).at(-1)!.revision;
    const wins: { writer: number; expected: number }[] = [];
    const losses: { writer: number; expected: number; actual: number }[] = [];

    await Promise.all(
      Array.from({ length: WRITERS }, async (_, writer) => {
        let expected = start; // every writer saw the same revision: all 50 race for the next one
        for (;;) {
          const res = await app.gql(ADD_CORROBORATION, {
            input: corroborationInput(incidentId, sourceId, {
              summary: writerSummary(writer),
              expectedRevision: expected,
            }),
          });
          if (!res.errors) {
            wins.push({ writer, expected });
            return;
          }
          expect(res.errors[0].extensions?.code).toBe('CONFLICT');
          const actual = Number(res.errors[0].extensions?.actualRevision);
          expect(actual).toBeGreaterThan(expected);
          losses.push({ writer, expected, actual });
          expected = actual; // reload, try again on what is there now
        }
      }),
    );

    // One winner per revision, 50 winners in all.
    expect(wins.map((w) => w.expected).sort((a, b) => a - b)).toEqual(
      Array.from({ length: WRITERS }, (_, i) => start + i),
    );
    // The first round had one winner and 49 losers; every loss was to a winner of that revision.
    expect(losses.filter((l) => l.expected === start)).toHaveLength(WRITERS - 1);
    const winnerOf = new Map(wins.map((w) => [w.expected, w.writer]));
    for (const loss of losses) {
      expect(winnerOf.has(loss.expected)).toBe(true);
      expect(winnerOf.get(loss.expected)).not.toBe(loss.writer);
    }

    // The stream: each writer exactly once, at the revision after the one it expected.
    const events = await streamEvents(incidentId);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(summaries(events).sort()).toEqual(allWriters);
    for (const { writer, expected } of wins) expect(events[expected + 1].data.summary).toBe(writerSummary(writer));
    const { incident } = await app.ok(`query ($id: ID!) { incident(id: $id) { corroborations { id } } }`, {
      id: incidentId,
    });
    expect(incident.corroborations).toHaveLength(WRITERS + 1);
  });

  it('without expectedRevision: all 50 commands land, in some order, each exactly once', async () => {
    const incidentId = await newIncident();
    const results = await Promise.all(
      Array.from({ length: WRITERS }, (_, writer) =>
        app.gql(ADD_CORROBORATION, {
          input: corroborationInput(incidentId, sourceId, { summary: writerSummary(writer) }),
        }),
      ),
    );

    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);
    const events = await streamEvents(incidentId);
    expect(events.map((e) => e.revision)).toEqual(events.map((_, i) => i));
    expect(summaries(events).sort()).toEqual(allWriters);
    const { incident } = await app.ok(`query ($id: ID!) { incident(id: $id) { corroborations { id } } }`, {
      id: incidentId,
    });
    expect(incident.corroborations).toHaveLength(WRITERS + 1);
  });
});
