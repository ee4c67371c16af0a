import { DEFAULT_POLICY } from '@app/domain';
import {
  type Connection,
  incidentMap,
  listIncidents,
  listOverview,
  type OverviewFilter,
  overviewMap,
  overviewSorted,
  type ReportedDetails,
  tallyIncidents,
  tallyOverview,
} from '@app/projections';
import {
  EventLog,
  allege,
  corroborate,
  corroboration,
  source,
  statement,
} from '../../projections/src/testing/event-log.fixtures';
import { randomHistory } from '../../projections/src/testing/random-history';
import { STORED_DATES, STORED_STATUSES, storedStatusesAt } from './assessments';
import { cutParams, type ReadCut } from './cut';
import { type IncidentAtCut, incidentsAt } from './incidents-at';
import { ReadStore } from './read-store';
import { overviewIncidents, reportIncidentsAt, reportIncidentsOf, type ReportIncidents } from './report-at';
import { cutsOf, whereOf } from './testing/cuts';
import { memorySource } from './testing/memory-source';

/**
 * A report as of a cut takes each incident's status and first confirmation from the stored live assessment where
 * that holds, from the stored statuses on each evidence date where only no rewrite falls after a KNOWN cut's day
 * (see `Bounds.latestRewriteDate`) or a RECORDED cut's day outside its lag windows (`LagWindow`), else from the
 * policy over its rows then. Over many random histories (merges,
 * corrections, regrades, source merges, conclusions), every incident at every cut reads as the policy over its rows
 * as of the cut (`incidentsAt`, itself held to the reference fold by incidents-at.spec.ts) says.
 */
const SEEDS = Array.from({ length: 60 }, (_, i) => 700 + i);

/** What a report reads of an incident's details (every field of ReportedDetails, and no other). */
const reportedOf = (d: ReportedDetails): ReportedDetails => ({
  occurredFrom: d.occurredFrom,
  occurredTo: d.occurredTo,
  location: { countryCode: d.location.countryCode, latitude: d.location.latitude, longitude: d.location.longitude },
  allegedUser: d.allegedUser,
  situationId: d.situationId,
});
/**
 * A tally, a map and pages sorted by date from what a report reads (`overviewIncidents`), under filters on details and
 * status, as from every incident read whole (`incidentsAt`).
 */
function expectOverviewAsListed(cut: ReadCut, lean: ReportIncidents, listed: IncidentAtCut[]): void {
  const set = { incidents: new Map(listed.map((i) => [i.incidentId, i])), fixed: true as const };
  const sorted = overviewSorted(overviewIncidents(lean));
  const some = listed[Math.floor(listed.length / 2)];
  const filters: OverviewFilter[] = [
    {},
    { status: ['CONFIRMED'] },
    { readiness: ['CONCERN', 'NONE'] },
    ...(some === undefined
      ? []
      : [
          { countryCode: some.details.location.countryCode.toLowerCase(), occurredFrom: some.details.occurredFrom },
          { allegedUser: some.details.allegedUser.stateCodes[0] ?? 'RUS', status: ['ALLEGED', 'CORROBORATED'] },
          { situationId: some.details.situationId ?? 'sit-1', occurredTo: some.details.occurredTo },
        ]),
    {
      status: ['CONFIRMED', 'CORROBORATED'],
      notCondemnedBy: {
        stateCodes: new Set(['GBR']),
        condemners: new Map(listed.filter((_, k) => k % 3 === 0).map((i) => [i.incidentId, new Set(['FRA', 'GBR'])])),
      },
    },
  ] as OverviewFilter[];
  for (const filter of filters) {
    for (const args of [{ first: 0 }, { first: 3 }, { first: 2, descending: false }]) {
      const page = listOverview(sorted, filter, args);
      const full = listIncidents(set, filter, args);
      const ids = (c: Connection<{ incidentId: string }>) => ({
        ...c,
        edges: c.edges.map((e) => [e.cursor, e.node.incidentId]),
      });
      expect({ where: whereOf(cut), filter, args, page: ids(page) }).toEqual({
        where: whereOf(cut),
        filter,
        args,
        page: ids(full),
      });
      const next = full.pageInfo.endCursor;
      if (next !== null) {
        const after = { ...args, after: next };
        expect(ids(listOverview(sorted, filter, after))).toEqual(ids(listIncidents(set, filter, after)));
      }
      const [tally, map] = [tallyOverview(sorted, filter), overviewMap(sorted, filter)];
      expect({ where: whereOf(cut), filter, tally, map }).toEqual({
        where: whereOf(cut),
        filter,
        tally: tallyIncidents(set, filter),
        map: incidentMap(set, filter),
      });
    }
  }
}

/** KNOWN cuts where the stored statuses answered although the live assessment did not hold. */
let byStatuses = 0;
/** RECORDED cuts where they answered for an incident with rows recorded after the cut (see LagWindow). */
let byLags = 0;
/** RECORDED cuts where the policy ran from a lag window's start, the statuses before it taken as stored. */
let resumed = 0;

describe('the statuses a report reads as of a cut', () => {
  it.each(SEEDS)('history %i: equal to the policy over the rows of the cut, every incident', async (seed) => {
    // Half the histories dated as a registry kept up to date records them: most rows within days of their dates.
    const { events } = randomHistory(seed, 160, seed % 2 === 0 ? { lagDays: 20 } : {});
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(events, 7));
    const recordedLater = store.db.prepare('SELECT incident_id FROM assessments WHERE latest_recorded_at > ?');
    const taken = store.db.prepare(
      `SELECT incident_id FROM assessments WHERE latest_evidence_date > @day
       AND (latest_rewrite_date IS NULL OR latest_rewrite_date <= @day)`,
    );
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const lean = reportIncidentsAt(store.db, cut, DEFAULT_POLICY);
      const listed = reportIncidentsOf(incidentsAt(store.db, cut, DEFAULT_POLICY));
      const ids = listed.incidents.map((i) => i.incidentId);
      expect({ where: whereOf(cut), ids: lean.incidents.map((i) => i.incidentId) }).toEqual({
        where: whereOf(cut),
        ids,
      });
      expect({ where: whereOf(cut), statuses: ids.map(lean.statusOf) }).toEqual({
        where: whereOf(cut),
        statuses: ids.map(listed.statusOf),
      });
      // The report reads only some of the details (EVIDENCE.reported): those, as the list reads them.
      expect({ where: whereOf(cut), details: lean.incidents.map((i) => reportedOf(i.details)) }).toEqual({
        where: whereOf(cut),
        details: listed.incidents.map((i) => reportedOf(i.details)),
      });
      expectOverviewAsListed(cut, lean, listed.incidents as IncidentAtCut[]);
      if (cut !== 'LIVE' && cut.clock === 'KNOWN') {
        const shown = new Set(ids);
        const stored = taken.pluck().all({ day: cutParams(cut).day }) as string[];
        byStatuses += stored.filter((id) => shown.has(id)).length;
      }
      if (cut !== 'LIVE' && cut.clock === 'RECORDED') {
        const stored = storedStatusesAt(store.db, cut, DEFAULT_POLICY, ids);
        const late = recordedLater.pluck().all(cutParams(cut).t) as string[];
        byLags += late.filter((id) => stored.statuses.has(id)).length;
        resumed += stored.known.size;
      }
    }
    store.close();
  });

  it('the stored statuses answered for many incidents whose live assessment did not hold', () => {
    expect(byStatuses).toBeGreaterThan(300);
  });

  it('on the RECORDED clock too, for incidents with rows recorded after the cut (outside their lag windows)', () => {
    expect(byLags).toBeGreaterThan(50);
  });

  it('inside a lag window, the policy ran from its start for many (the statuses before it as stored)', () => {
    expect(resumed).toBeGreaterThan(50);
  });
});

describe('a correction of what the alleged user said, dated after the day', () => {
  // The stored statuses were assessed over the statement as corrected; on a day before the correction was known,
  // the alleged user had only expressed concern, so the incident was not yet confirmed by an acknowledgement.
  it('is read as the policy over the rows of the day, not from the stored statuses', async () => {
    const log = new EventLog();
    log.add(source('ai', 'Amnesty International', 'B'));
    log.add(source('daily', 'The Daily', 'D', 'MEDIA'));
    log.add(allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10')));
    log.add(statement('st-sau', ['SAU'], 'CONCERN', '2016-01-20', ['inc-1'], { venue: 'NATIONAL' }));
    log.add(corroborate('inc-1', corroboration('c2', 'daily', '2016-03-01')));
    log.add({
      type: 'StatementCorrected',
      data: {
        statementId: 'st-sau',
        changes: { kind: 'ACKNOWLEDGEMENT' },
        reason: 'misread',
        correctedOn: '2016-06-01',
      },
    });
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(log.events));
    const statusOn = (day: string) => {
      const cut = { clock: 'KNOWN' as const, at: new Date(`${day}T12:00:00Z`) };
      const { statusOf } = reportIncidentsAt(store.db, cut, DEFAULT_POLICY);
      return statusOf('inc-1').status === 'CONFIRMED';
    };
    expect({ '2016-02-01': statusOn('2016-02-01'), '2016-07-01': statusOn('2016-07-01') }).toEqual({
      '2016-02-01': false,
      '2016-07-01': true,
    });
    store.close();
  });
});

describe('a correction of the alleged user dated before a RECORDED cut and recorded after it', () => {
  // The stored statuses were assessed with the user as corrected (SYR, whose acknowledgement confirms it from the
  // start); the registry showed RUS until the correction was recorded, and SYR's word confirmed nothing then. The
  // correction's lag window holds the cut's day, and it rewrites: no status before the window is taken as stored.
  it('is read as the policy over the rows recorded by then', async () => {
    const log = new EventLog();
    const at = (day: string) => ({ recordedAt: `${day}T12:00:00Z` });
    log.add(source('ai', 'Amnesty International', 'B'), at('2016-01-10'));
    const rus = { allegedUser: { kind: 'STATE' as const, stateCodes: ['RUS'] } };
    log.add(allege('inc-1', '2016-01-10', corroboration('c1', 'ai', '2016-01-10'), rus), at('2016-01-11'));
    log.add(statement('st-syr', ['SYR'], 'ACKNOWLEDGEMENT', '2016-01-20', ['inc-1']), at('2016-01-21'));
    log.add(
      {
        type: 'IncidentCorrected',
        data: {
          incidentId: 'inc-1',
          changes: { allegedUser: { kind: 'STATE', stateCodes: ['SYR'] } },
          reason: 'misattributed',
          correctedOn: '2016-03-01',
        },
      },
      at('2016-03-10'),
    );
    const store = ReadStore.openFile(':memory:');
    await store.catchUp(memorySource(log.events));
    const statusAt = (cut: ReadCut) => reportIncidentsAt(store.db, cut, DEFAULT_POLICY).statusOf('inc-1');
    const then = { clock: 'RECORDED' as const, at: new Date('2016-03-05T12:00:00Z') };
    expect({ then: statusAt(then), now: statusAt('LIVE') }).toEqual({
      then: { status: 'ALLEGED', confirmedOn: null },
      now: { status: 'CONFIRMED', confirmedOn: '2016-01-20' },
    });
    store.close();
  });
});

describe('what a report reads of the stored assessments', () => {
  it.each([
    [STORED_STATUSES, 'assessments_statuses'],
    [STORED_DATES, 'assessments_dates'],
  ])('%#: the statuses, their dates and the lag windows from their indexes alone, no assessment read', (sql, index) => {
    const store = ReadStore.openFile(':memory:');
    const plan = store.db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all({ keys: '[]', version: DEFAULT_POLICY.version })
      .map((row) => (row as { detail: string }).detail);
    expect(plan.filter((step) => / a( |$)/.test(step))).toEqual([
      expect.stringMatching(new RegExp(`^SEARCH a USING COVERING INDEX ${index}`)),
    ]);
    store.close();
  });
});
