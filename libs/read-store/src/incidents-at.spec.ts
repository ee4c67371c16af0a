import { DEFAULT_POLICY, type RegistryEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import {
  buildModel,
  buildModelAsOf,
  type Cut,
  evidenceDateOf,
  findIncident,
  type IncidentView,
} from '@app/projections';
import { randomHistory } from '../../projections/src/testing/random-history';
import { incidentAt, incidentsAt, incidentsByIdAt, incidentsShownAt } from './incidents-at';
import { ReadStore } from './read-store';
import { within } from './cut';
import { EVIDENCE } from './evidence.queries';
import { cutsOf, pastCutsOf, whereOf } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { shownOf } from './testing/shown';

/**
 * The oracle for every incident at once: for random histories, the canonical incidents `incidentsAt` reads from
 * the tables in one pass, at the cuts oracle.spec.ts uses on both clocks and live, equal the reference replay's
 * list (merged duplicates left out, withdrawn incidents kept), field by field, and each equals what
 * `assessAsOf` gives for that incident alone.
 */
const SEEDS = Array.from({ length: 12 }, (_, i) => 301 + i);

const shown = (i: IncidentView) => shownOf(i);

async function storeOf(seed: number, edit: (events: StoredEvent[]) => StoredEvent[] = (events) => events) {
  const log = { events: edit(randomHistory(seed, 160).events) };
  const store = ReadStore.openFile(':memory:');
  await store.catchUp(memorySource(log.events, 7));
  return { log, store };
}

/** incidentsAt at every cut equals the replay's list, and each incident equals assessAsOf of it alone. */
function expectTheReplay(store: ReadStore, events: StoredEvent[]): { withdrawn: number; merged: number } {
  let withdrawn = 0;
  let merged = 0;
  for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
    const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
    const expected = [...model.incidents.values()]
      .filter((i) => !i.mergedInto)
      .map(shown)
      .sort((a, b) => a.incidentId.localeCompare(b.incidentId));
    const got = incidentsAt(store.db, cut, DEFAULT_POLICY);
    const where = whereOf(cut);
    expect({ where, incidents: [...got].sort((a, b) => a.incidentId.localeCompare(b.incidentId)) }).toEqual({
      where,
      incidents: expected,
    });
    for (const incident of got) {
      const { incidentId, assessment, statusHistory } = incident;
      expect({ where, one: store.assessAsOf(incidentId, cut) }).toEqual({
        where,
        one: { incidentId, assessment, statusHistory },
      });
    }
    withdrawn += got.filter((i) => i.withdrawal !== null).length;
    merged += got.reduce((n, i) => n + i.mergedDuplicates.length, 0);
  }
  return { withdrawn, merged };
}

describe('every incident as of a cut in one pass (incidentsAt) against the reference fold', () => {
  let withdrawn = 0;
  let merged = 0;

  it.each(SEEDS)('history %i: both clocks at several cuts, and live', async (seed) => {
    const { log, store } = await storeOf(seed);
    const seen = expectTheReplay(store, log.events);
    withdrawn += seen.withdrawn;
    merged += seen.merged;
    store.close();
  });

  it('the histories list withdrawn incidents and incidents with merged duplicates', () => {
    expect(withdrawn).toBeGreaterThan(10);
    expect(merged).toBeGreaterThan(10);
  });

  it.each(SEEDS.slice(0, 4))(
    'history %i: the same with no stored assessment to take (the policy for all)',
    async (seed) => {
      const { log, store } = await storeOf(seed);
      store.db.prepare('INSERT INTO dirty_incidents SELECT incident_id, 0 FROM incidents').run();
      expectTheReplay(store, log.events);
      store.close();
    },
  );

  it.each(SEEDS.slice(4, 8))('history %i: live, with pages folded but not yet assessed', async (seed) => {
    const log = randomHistory(seed, 160);
    const store = ReadStore.openFile(':memory:');
    const half = Math.floor(log.events.length / 2);
    await store.catchUp(memorySource(log.events.slice(0, half), 7));
    await store.catchUp(memorySource(log.events, 7), { assess: false });
    expect(store.db.prepare('SELECT count(*) FROM dirty_incidents').pluck().get()).toBeGreaterThan(0);
    const expected = [...buildModel(log.events).incidents.values()].filter((i) => !i.mergedInto).map(shown);
    const got = incidentsAt(store.db, 'LIVE', DEFAULT_POLICY);
    expect(got).toEqual(expected.sort((a, b) => a.incidentId.localeCompare(b.incidentId)));
    store.close();
  });

  it('takes the stored live assessment of an incident whose rows all lie within the cut', async () => {
    const { store } = await storeOf(SEEDS[0]);
    const [first] = incidentsAt(store.db, 'LIVE', DEFAULT_POLICY);
    const marked = { ...first.assessment, reasons: ['as stored'] };
    store.db
      .prepare('UPDATE assessments SET assessment = ? WHERE incident_id = ?')
      .run(JSON.stringify(marked), first.incidentId);
    expect(incidentsAt(store.db, 'LIVE', DEFAULT_POLICY)[0].assessment).toEqual(marked);
    // Due to be assessed again (live), or stored under another policy: not taken.
    store.db.prepare('INSERT INTO dirty_incidents VALUES (?, 0)').run(first.incidentId);
    expect(incidentsAt(store.db, 'LIVE', DEFAULT_POLICY)[0].assessment).toEqual(first.assessment);
    store.db.prepare('DELETE FROM dirty_incidents').run();
    expect(incidentsAt(store.db, 'LIVE', { ...DEFAULT_POLICY, version: 'other' })[0].assessment.reasons).not.toEqual([
      'as stored',
    ]);
    store.close();
  });

  it('takes stored assessments at past cuts on both clocks, never one with a fact after the cut', async () => {
    const taken = { KNOWN: 0, RECORDED: 0, read: 0 };
    for (const seed of SEEDS) {
      const { log, store } = await storeOf(seed);
      const facts = factsAbout(log.events);
      // Marked: an assessment read back marked was taken from store (the replay equality is the test above).
      store.db
        .prepare("UPDATE assessments SET assessment = json_set(assessment, '$.reasons', json('[\"as stored\"]'))")
        .run();
      for (const cut of pastCutsOf(log.events.map((e) => e.recordedAt))) {
        for (const incident of incidentsAt(store.db, cut, DEFAULT_POLICY)) {
          if (incident.assessment.reasons.join() !== 'as stored') {
            taken.read++;
            continue;
          }
          taken[cut.clock]++;
          const after = (facts.get(incident.incidentId) ?? []).filter((fact) => afterCut(fact, cut));
          expect({ where: whereOf(cut), id: incident.incidentId, after }).toEqual({
            where: whereOf(cut),
            id: incident.incidentId,
            after: [],
          });
        }
      }
      store.close();
    }
    expect(taken.KNOWN).toBeGreaterThan(100);
    expect(taken.RECORDED).toBeGreaterThan(100);
    expect(taken.read).toBeGreaterThan(100);
  });
});

/** The facts about each incident a replay reads straight from the log: its own, its investigations', its sources'. */
function factsAbout(events: StoredEvent[]): Map<string, StoredEvent[]> {
  const about = new Map<string, StoredEvent[]>();
  const add = (id: string, e: StoredEvent) => about.set(id, [...(about.get(id) ?? []), e]);
  const covered = new Map<string, string[]>();
  const citing = new Map<string, string[]>();
  for (const e of events) {
    const d = e.data as Record<string, unknown>;
    if (typeof d.incidentId === 'string') add(d.incidentId, e);
    if (typeof d.canonicalIncidentId === 'string') add(d.canonicalIncidentId, e);
    const source = (d.firstCorroboration as { sourceId?: string } | undefined)?.sourceId ?? d.sourceId;
    if (typeof d.incidentId === 'string' && typeof source === 'string') {
      citing.set(source, [...(citing.get(source) ?? []), d.incidentId]);
    }
    if (e.type === 'InvestigationOpened') covered.set(d.investigationId as string, d.incidentIds as string[]);
    if (e.type === 'InvestigationOpened' || e.type === 'InvestigationConcluded') {
      for (const id of covered.get(d.investigationId as string) ?? []) add(id, e);
    }
    if (e.type === 'SourceRegraded' || e.type === 'SourcesMerged') {
      for (const id of citing.get(d.sourceId as string) ?? []) add(id, e);
    }
  }
  return about;
}

/** A fact after the cut: recorded after it, or dated after the day (an allegation: its first source too). */
function afterCut(e: StoredEvent, cut: Cut): boolean {
  if (cut.clock === 'RECORDED') return e.recordedAt > cut.at;
  const day = cut.at.toISOString().slice(0, 10);
  const first = (e.data as { firstCorroboration?: { publishedOn: string } }).firstCorroboration?.publishedOn;
  const dated = evidenceDateOf(e as unknown as RegistryEvent);
  return (dated !== null && dated > day) || (first !== undefined && first > day);
}

describe('one incident as of a cut (incidentAt) against the reference fold', () => {
  it.each(SEEDS.slice(0, 6))('history %i: by any id it had, on both clocks and live', async (seed) => {
    const { log, store } = await storeOf(seed);
    const ids = log.events.filter((e) => e.type === 'UseAlleged').map((e) => e.data.incidentId as string);
    let resolved = 0;
    for (const cut of cutsOf(log.events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(log.events) : buildModelAsOf(log.events, cut);
      const where = whereOf(cut);
      for (const id of ids) {
        const expected = findIncident(model, id);
        const got = incidentAt(store.db, cut, id, DEFAULT_POLICY);
        expect({ where, id, got }).toEqual({ where, id, got: expected ? shown(expected) : null });
        if (expected && expected.incidentId !== id) resolved++;
      }
    }
    expect(resolved).toBeGreaterThan(0); // a merged duplicate's id resolves to its canonical incident
    store.close();
  });
});

describe('a page of incidents as of a cut read together (incidentsByIdAt) against the reference fold', () => {
  it.each(SEEDS.slice(6, 12))(
    'history %i: every id at once, and in pages of 5, on both clocks and live',
    async (seed) => {
      const { log, store } = await storeOf(seed);
      const ids = log.events.filter((e) => e.type === 'UseAlleged').map((e) => e.data.incidentId as string);
      let resolved = 0;
      for (const cut of cutsOf(log.events.map((e) => e.recordedAt))) {
        const model = cut === 'LIVE' ? buildModel(log.events) : buildModelAsOf(log.events, cut);
        const where = whereOf(cut);
        const expectedOf = (id: string) => {
          const expected = findIncident(model, id);
          if (expected && expected.incidentId !== id) resolved++;
          return expected ? shown(expected) : null;
        };
        // A page holds a merged duplicate's canonical incident or not: either way each reads as one incident alone.
        const pages = [
          ids,
          ...Array.from({ length: Math.ceil(ids.length / 5) }, (_, i) => ids.slice(i * 5, i * 5 + 5)),
        ];
        for (const page of pages) {
          expect({ where, got: incidentsByIdAt(store.db, cut, page, DEFAULT_POLICY) }).toEqual({
            where,
            got: page.map(expectedOf),
          });
        }
      }
      expect(resolved).toBeGreaterThan(0);
      store.close();
    },
  );
});

describe('every incident as of a cut before the policy (incidentsShownAt)', () => {
  it.each(SEEDS.slice(0, 4))('history %i: incidentsAt without the assessments, at every cut', async (seed) => {
    const { log, store } = await storeOf(seed);
    for (const cut of cutsOf(log.events.map((e) => e.recordedAt))) {
      const where = whereOf(cut);
      const assessed = incidentsAt(store.db, cut, DEFAULT_POLICY).map(
        ({ assessment: _a, statusHistory: _h, ...shown }) => shown,
      );
      expect({ where, shown: incidentsShownAt(store.db, cut) }).toEqual({ where, shown: assessed });
    }
    store.close();
  });
});

describe('the dates of the incidents (EVIDENCE.dates)', () => {
  it.each(['KNOWN', 'RECORDED', 'LIVE'] as const)('%s: reads the dates from their two indexes', (kind) => {
    const store = ReadStore.openFile(':memory:');
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN ${EVIDENCE.dates.sql((alias) => within(kind, alias), '')}`)
      .all({ day: '2020-01-01', t: 0 })
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toEqual(
      expect.arrayContaining([
        'SCAN v USING INDEX incident_versions_dates',
        'SCAN v USING INDEX incident_versions_date_corrections',
      ]),
    );
    store.close();
  });
});

describe('what a report reads of the incidents (EVIDENCE.reported)', () => {
  it.each(['KNOWN', 'RECORDED', 'LIVE'] as const)('%s: version 0 from its index alone, corrections apart', (kind) => {
    const store = ReadStore.openFile(':memory:');
    const sql = EVIDENCE.reported.sql((alias) => within(kind, alias), '');
    const params = { day: '2020-01-01', t: 0 };
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(params)
      .map((row) => (row as { detail: string }).detail);
    expect(plan).toEqual(
      expect.arrayContaining([
        'SCAN v USING INDEX incident_versions_reported',
        'SCAN v USING INDEX incident_versions_listed_corrections',
      ]),
    );
    // Each half opens the table; only the corrections' reads a column of it (their whole changes).
    const table = store.db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = 'incident_versions'`).pluck().get();
    const program = store.db.prepare(`EXPLAIN ${sql}`).all(params) as { opcode: string; p1: number; p2: number }[];
    const cursors = program.filter((op) => op.opcode === 'OpenRead' && op.p2 === table).map((op) => op.p1);
    const read = cursors.filter((c) => program.some((op) => op.opcode === 'Column' && op.p1 === c));
    expect({ cursors: cursors.length, read: read.length }).toEqual({ cursors: 2, read: 1 });
    store.close();
  });
});
