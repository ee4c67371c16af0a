import type { StoredEvent } from '@app/event-store';
import {
  buildModel,
  buildModelAsOf,
  findIncident,
  type InvestigationView,
  investigationsOf,
  type RegistryModel,
  resolveIncidentId,
  statementsOf,
} from '@app/projections';
import {
  allege,
  corroborate,
  corroboration,
  EventLog,
  source,
  statement,
} from '../../projections/src/testing/event-log.fixtures';
import { randomHistory } from '../../projections/src/testing/random-history';
import type { CutKind } from './cut';
import { type IncidentListsAt, incidentListsAt, incidentListsSql } from './incident-lists-at';
import type { InvestigationNow } from './live-investigation';
import { ReadStore } from './read-store';
import { cutsOf, whereOf, withRevisions } from './testing/cuts';
import { memorySource } from './testing/memory-source';
import { corroborationsShown } from './testing/shown';
import { fromFile, fromReplay } from './testing/statement-pages';

/**
 * The oracle for the lists an incident shows as of a cut (`incidentListsAt`): for random histories (merges,
 * retractions, regrades, corrections, conclusions, statements corrected to name other incidents, all dated and
 * recorded in different orders; stream revisions as a store gives them), at the cuts the other oracles read on both
 * clocks and live, every id ever alleged (a merged duplicate's included, and ids the cut does not know yet) reads
 * from the tables what the reference fold as of that cut shows under the incident it resolves to: corroborations
 * as the API maps them, its corrections, its investigations and its statements, field by field, in its order.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => 1101 + i);

async function storeOf(events: StoredEvent[]) {
  const store = ReadStore.openFile(':memory:');
  await store.catchUp(memorySource(events, 7));
  return store;
}

/** JSON both sides: dates as text, a property left undefined as one left out. */
const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value ?? null));

/** An investigation as the API shows it from the model (investigation.mapper.ts), in InvestigationNow's fields. */
function investigationShown(model: RegistryModel, view: InvestigationView) {
  const { conclusionRecordedAt: _c, eventIds: _e, incidentIds, ...rest } = view;
  const sourceId = view.investigator.sourceId;
  return {
    ...rest,
    sourceName: (sourceId ? model.sources.get(sourceId)?.name : undefined) ?? null,
    incidentIds: [...new Set(incidentIds.map((i) => resolveIncidentId(model, i)))],
  };
}

/** What the model (as of a cut) shows under the incident `id` resolves to, as `incidentListsAt` gives it. */
function shownByModel(model: RegistryModel, id: string) {
  const view = findIncident(model, id);
  if (!view) return null;
  const corroborations = corroborationsShown(model, view);
  return json({
    incidentId: view.incidentId,
    corroborations,
    corrections: view.corrections.map((c) => ({
      fields: Object.keys(c.changes),
      reason: c.reason,
      correctedOn: c.correctedOn,
    })),
    investigations: investigationsOf(model, view).map((i) => investigationShown(model, i)),
    statements: statementsOf(model, view).map((s) => fromReplay(model)({ ...s, speaker: null })),
  });
}

const shownByFile = (got: IncidentListsAt | null) => json(got && { ...got, statements: got.statements.map(fromFile) });

/** What the past cuts showed, and how much of it differs from the same incident now (what a live read would show). */
const seen = {
  compared: 0,
  absent: 0,
  cuts: 0,
  merged: 0,
  retracted: 0,
  retractedLater: 0,
  regraded: 0,
  regradedLater: 0,
  corrected: 0,
  correctedLater: 0,
  concluded: 0,
  concludedLater: 0,
  investigations: 0,
  statements: 0,
  statementsCorrectedLater: 0,
  statementsRelinkedLater: 0,
};

/** Tallies what a past cut showed of one incident against what it shows now. */
function tally(model: RegistryModel, id: string, got: IncidentListsAt, now: IncidentListsAt): void {
  if (got.incidentId !== id) seen.merged++;
  const live = new Map(now.corroborations.map((c) => [c.corroborationId, c]));
  for (const c of got.corroborations) {
    if (c.retractedOn !== null) seen.retracted++;
    else if (live.get(c.corroborationId)?.retractedOn != null) seen.retractedLater++;
    if ((model.sources.get(c.source.id)?.grades.length ?? 0) > 1) seen.regraded++;
    if (live.get(c.corroborationId)?.source.grade !== c.source.grade) seen.regradedLater++;
  }
  if (got.corrections.length > 0) seen.corrected++;
  if (now.corrections.length > got.corrections.length) seen.correctedLater++;
  const liveInvestigations = new Map(now.investigations.map((i) => [i.investigationId, i]));
  for (const i of got.investigations) {
    seen.investigations++;
    if (i.outcome !== null) seen.concluded++;
    else if (liveInvestigations.get(i.investigationId)?.outcome != null) seen.concludedLater++;
  }
  const liveStatements = new Map(now.statements.map((s) => [s.statementId, s]));
  for (const s of got.statements) {
    seen.statements++;
    if ((liveStatements.get(s.statementId)?.revision ?? s.revision) > s.revision) seen.statementsCorrectedLater++;
    if (!liveStatements.has(s.statementId)) seen.statementsRelinkedLater++;
  }
}

describe('the lists under an incident as of a cut from the tables (incidentListsAt), against the reference', () => {
  it.each(SEEDS)('history %i: every id at every cut, both clocks and live', async (seed) => {
    const events = withRevisions(randomHistory(seed, 160).events);
    const store = await storeOf(events);
    const ids = [
      ...new Set(events.flatMap((e) => (e.type === 'UseAlleged' ? [e.data.incidentId as string] : []))),
      'no-such-incident',
    ];
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      const where = whereOf(cut);
      seen.cuts++;
      for (const id of ids) {
        const got = incidentListsAt(store.db, cut, id);
        expect({ where, id, got: shownByFile(got) }).toEqual({ where, id, got: shownByModel(model, id) });
        if (got === null) {
          seen.absent++;
          continue;
        }
        seen.compared++;
        if (cut !== 'LIVE') tally(model, id, got, incidentListsAt(store.db, 'LIVE', id)!);
      }
    }
    store.close();
  });

  it('the past cuts showed merges, retractions, regrades, corrections and conclusions, some made only later', () => {
    // Each "later" count is a case where showing the incident as it is now, rather than as of the cut, would fail.
    expect(Object.entries(seen).filter(([, n]) => n === 0)).toEqual([]);
    expect(seen.cuts).toBe(SEEDS.length * 9);
    expect(seen.compared).toBeGreaterThan(1000);
    expect(seen.absent).toBeGreaterThan(100);
  });

  it('a made-up history: a source registered, a conclusion and a tie relinked after the cut', async () => {
    const log = new EventLog();
    log.add(source('amnesty', 'Amnesty International', 'B'));
    log.add(allege('inc-1', '2016-02-01', corroboration('c-1', 'amnesty', '2016-02-01')));
    log.add(corroborate('inc-1', corroboration('c-2', 'late', '2016-02-03')));
    for (const id of ['st-1', 'st-2']) log.add(statement(id, ['SAU'], 'DENIAL', '2016-02-05', ['inc-1']));
    log.add({
      type: 'InvestigationOpened',
      data: {
        investigationId: 'inv-1',
        investigator: { kind: 'NGO', sourceId: 'late' },
        incidentIds: ['inc-1'],
        mandate: 'establish the facts',
        openedOn: '2016-02-04',
      },
    });
    const cut = { clock: 'RECORDED' as const, at: log.events[log.events.length - 1].recordedAt };
    // After the cut: the source cited is registered, the investigation concluded, and the first statement is
    // corrected (which relinks it last).
    log.add(source('late', 'Late Monitor', 'A'));
    log.add({
      type: 'InvestigationConcluded',
      data: { investigationId: 'inv-1', outcome: 'USE_CONFIRMED', findings: 'found', concludedOn: '2016-02-06' },
    });
    log.add({
      type: 'StatementCorrected',
      data: { statementId: 'st-1', changes: { kind: 'ACKNOWLEDGEMENT' }, reason: 'misread', correctedOn: '2016-02-06' },
    });
    const events = withRevisions(log.events);
    const store = await storeOf(events);
    const then = incidentListsAt(store.db, cut, 'inc-1');
    const now = incidentListsAt(store.db, 'LIVE', 'inc-1');
    expect(shownByFile(then)).toEqual(shownByModel(buildModelAsOf(events, cut), 'inc-1'));
    expect(shownByFile(now)).toEqual(shownByModel(buildModel(events), 'inc-1'));
    expect(then?.corroborations[1].source).toEqual({ id: 'late', name: 'late', grade: 'F' });
    expect(now?.corroborations[1].source).toEqual({ id: 'late', name: 'Late Monitor', grade: 'A' });
    const investigation = (i: InvestigationNow) => [i.sourceName, i.outcome, i.revision];
    expect(then?.investigations.map(investigation)).toEqual([[null, null, 0]]);
    expect(now?.investigations.map(investigation)).toEqual([['Late Monitor', 'USE_CONFIRMED', 1]]);
    expect(then?.statements.map((s) => [s.statementId, s.kind, s.revision])).toEqual([
      ['st-1', 'DENIAL', 0],
      ['st-2', 'DENIAL', 0],
    ]);
    expect(now?.statements.map((s) => [s.statementId, s.kind, s.revision])).toEqual([
      ['st-2', 'DENIAL', 0],
      ['st-1', 'ACKNOWLEDGEMENT', 1],
    ]);
    store.close();
  });

  it('reads each list through the indexes: no table scanned, on either clock or live', async () => {
    const store = await storeOf(withRevisions(randomHistory(SEEDS[0], 160).events));
    const params = { day: '2016-06-30', t: 0, id: 'x', members: '["x"]', ids: '["x"]' };
    for (const kind of ['KNOWN', 'RECORDED', 'LIVE'] as CutKind[]) {
      for (const [query, sql] of Object.entries(incidentListsSql(kind))) {
        const plan = (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
          (row) => row.detail,
        );
        // A SCAN is allowed only of the JSON array of keys and of the subqueries' own few rows (co-routines).
        const coroutines = plan.flatMap((d) => /^CO-ROUTINE (\w+)/.exec(d)?.[1] ?? []);
        const scans = plan.filter(
          (d) => /^SCAN /.test(d) && !/^SCAN json_each /.test(d) && !coroutines.includes(d.slice(5)),
        );
        expect({ kind, query, scans, automatic: plan.filter((d) => /AUTOMATIC/.test(d)) }).toEqual({
          kind,
          query,
          scans: [],
          automatic: [],
        });
      }
    }
    store.close();
  });
});
