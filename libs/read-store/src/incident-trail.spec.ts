import { DEFAULT_POLICY, incidentStream, type RegistryEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { buildModel, buildModelAsOf, findIncident, incidentHistory, statusChangesOf } from '@app/projections';
import { allege, corroboration, EventLog, source, statement } from '../../projections/src/testing/event-log.fixtures';
import { randomHistory } from '../../projections/src/testing/random-history';
import { incidentAt } from './incidents-at';
import { incidentTrailAt } from './incident-trail';
import { ReadStore } from './read-store';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for an incident's audit trail read from the file and its own events (`incidentTrailAt` over the events
 * of `trailStreams`): for random histories (merges, corrections naming other incidents, regrades and merges of
 * sources, retractions, conclusions), every id the reference replay knows at each cut on both clocks and live gets
 * the replay's trail (every entry: event, type, dates, actor, words), its revision, and its status changes with the
 * events that caused them.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => 4101 + i);

/** The random log files a retraction under no incident; the decider appends it to its corroboration's incident. */
function retractionsOnTheirIncident(events: readonly StoredEvent[]): StoredEvent[] {
  const incidentOf = new Map<string, string>();
  return events.map((e) => {
    const d = e.data as {
      incidentId: string;
      corroborationId: string;
      firstCorroboration?: { corroborationId: string };
    };
    if (e.type === 'UseAlleged') incidentOf.set(d.firstCorroboration!.corroborationId, d.incidentId);
    if (e.type === 'CorroborationAdded') incidentOf.set(d.corroborationId, d.incidentId);
    if (e.type !== 'CorroborationRetracted' || !incidentOf.has(d.corroborationId)) return e;
    const incidentId = incidentOf.get(d.corroborationId)!;
    return { ...e, stream: incidentStream(incidentId), data: { ...d, incidentId } };
  });
}

describe('an incident audit trail from the file and its events, against the reference replay', () => {
  const seen = new Map<string, number>();

  it.each(SEEDS)('history %i: every incident by any id it had, at every cut', async (seed) => {
    const events = withRevisions(retractionsOnTheirIncident(randomHistory(seed, 200).events));
    const order = new Map(events.map((e, i) => [e.position, i]));
    const compare = (a: string, b: string) => order.get(a)! - order.get(b)!;
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const model = buildModel(events);
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const where = whereOf(cut);
      const then = cut === 'LIVE' ? model : buildModelAsOf(events, cut);
      for (const id of model.incidents.keys()) {
        const view = findIncident(then, id);
        const reading = incidentTrailAt(store.db, cut, id);
        const streams = new Set(reading?.streams);
        const trail =
          reading?.from(
            events.filter((e) => streams.has(e.stream)),
            compare,
          ) ?? null;
        if (view === undefined) {
          expect({ where, id, trail }).toEqual({ where, id, trail: null });
          continue;
        }
        const history = incidentHistory(then, id)!.map(({ seq: _seq, ...entry }) => entry);
        const statusHistory = incidentAt(store.db, cut, id, DEFAULT_POLICY)!.statusHistory;
        expect({
          where,
          id,
          canonical: trail?.incidentId,
          revision: trail?.revision,
          history: trail?.history.map(({ seq: _seq, ...entry }) => entry),
          causes: trail?.causes(statusHistory),
        }).toEqual({
          where,
          id,
          canonical: view.incidentId,
          revision: view.revision,
          history,
          causes: statusChangesOf(then, view),
        });
        if (cut !== 'LIVE') for (const e of history) seen.set(e.type, (seen.get(e.type) ?? 0) + 1);
      }
    }
    store.close();
  });

  afterAll(() => {
    // The trails at past cuts hold every kind of event that reaches an incident's trail.
    for (const type of [
      'UseAlleged',
      'IncidentCorrected',
      'IncidentMergedInto',
      'IncidentWithdrawn',
      'CorroborationAdded',
      'CorroborationRetracted',
      'SourceRegraded',
      'SourcesMerged',
      'InvestigationOpened',
      'InvestigationConcluded',
      'StatementRecorded',
      'StatementCorrected',
    ])
      expect({ type, seen: (seen.get(type) ?? 0) > 0 }).toEqual({ type, seen: true });
  });

  it('shapes random histories never make: events before the allegation, organisations, late sources', async () => {
    const registered = (id: string, parentOrganisation?: string): RegistryEvent => {
      const made = source(id, id, 'B') as Extract<RegistryEvent, { type: 'SourceRegistered' }>;
      return { ...made, data: { ...made.data, ...(parentOrganisation && { parentOrganisation }) } };
    };
    const investigation = (id: string, sourceId: string, incidentIds: string[]): RegistryEvent => ({
      type: 'InvestigationOpened',
      data: {
        investigationId: id,
        investigator: { kind: 'NGO', sourceId },
        incidentIds,
        mandate: 'm',
        openedOn: '2016-02-02',
      },
    });
    const regraded = (sourceId: string, regradedOn: string): RegistryEvent => ({
      type: 'SourceRegraded',
      data: { sourceId, grade: 'A', previousGrade: 'B', reason: 'record', regradedOn },
    });
    const merged = (sourceId: string, canonicalSourceId: string): RegistryEvent => ({
      type: 'SourcesMerged',
      data: { sourceId, canonicalSourceId, reason: 'same', mergedOn: '2016-04-01' },
    });
    const log = new EventLog();
    for (const event of [
      // Named by a statement, an investigation and a regrade before it is alleged.
      registered('a'),
      statement('s-1', ['GBR'], 'CONDEMNATION', '2016-02-01', ['X']),
      investigation('v-1', 'a', ['X']),
      regraded('a', '2016-02-03'),
      allege('X', '2016-03-01', corroboration('c-1', 'a', '2016-03-01')),
      // A merge into a sibling source of one organisation reaches X; a source registered after its corroboration.
      registered('p'),
      registered('b', 'p'),
      registered('q', 'p'),
      allege('Y', '2016-03-01', corroboration('c-2', 'b', '2016-03-01')),
      allege('Z', '2016-03-01', corroboration('c-3', 'late', '2016-03-01')),
      registered('late'),
      regraded('late', '2016-04-03'),
      registered('d'),
      merged('d', 'q'),
      // An investigator never registered is the parent of sources: a merge into one reaches its investigations.
      registered('g1', 'ghost'),
      investigation('v-2', 'ghost', ['Z']),
      registered('e'),
      merged('e', 'g1'),
    ])
      log.add(event);
    const events = withRevisions(log.events);
    const order = new Map(events.map((e, i) => [e.position, i]));
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 3));
    const model = buildModel(events);
    // What each trail must hold (the reference fold's, compared whole below): none of it vacuous.
    const types = {
      X: ['StatementRecorded', 'InvestigationOpened', 'SourceRegraded', 'UseAlleged'],
      Y: ['UseAlleged', 'SourcesMerged'],
      Z: ['UseAlleged', 'SourceRegraded', 'InvestigationOpened', 'SourcesMerged'],
    };
    for (const [id, expected] of Object.entries(types)) {
      const reading = incidentTrailAt(store.db, 'LIVE', id)!;
      const streams = new Set(reading.streams);
      const trail = reading.from(
        events.filter((e) => streams.has(e.stream)),
        (a, b) => order.get(a)! - order.get(b)!,
      );
      const history = incidentHistory(model, id)!.map(({ seq: _seq, ...entry }) => entry);
      expect({ id, history: trail.history.map(({ seq: _seq, ...entry }) => entry), revision: trail.revision }).toEqual({
        id,
        history,
        revision: findIncident(model, id)!.revision,
      });
      expect({ id, types: history.map((e) => e.type) }).toEqual({ id, types: expected });
    }
    store.close();
  });
});
