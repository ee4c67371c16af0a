import { DEFAULT_POLICY } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import {
  buildModel,
  buildModelAsOf,
  isoDateOf,
  modelReportSource,
  ABSENT_DAY,
  dayNumber,
  responseMatrix,
  type SpeakOutFilter,
  type SpeakOutReport,
  speakOutReport,
} from '@app/projections';
import { ccmStates } from '../../projections/src/testing/event-log.fixtures';
import { dayOf, randomHistory, SITUATIONS } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { incidentsAt } from './incidents-at';
import { reportIncidentsAt, reportIncidentsOf, responseMatrixAt, speakOutReportAt } from './report-at';
import { FileStatementRows } from './statement-rows';
import { cutsOf, whereOf } from './testing/cuts';
import { dumpRows } from './testing/statement-rows-dump';
import { memorySource } from './testing/memory-source';

/**
 * The oracle for the speak-out report and the response matrix read from the projection file: for random histories
 * (scoped statements, resolutions and votes, corrections, merges), at four cuts on each clock and live, each equals
 * the report on the reference replay of the events within the cut, field by field, for several filters.
 */
const SEEDS = Array.from({ length: 10 }, (_, i) => 501 + i);
const states = ccmStates();

/** Every field, the lazily built ones (each line's statement ids, the lags) included. */
const plain = (r: SpeakOutReport) => JSON.parse(JSON.stringify(r)) as unknown;

/** The filters asked at every cut: none, and one of each kind, from what the history holds. */
function filtersOf(events: readonly StoredEvent[]): SpeakOutFilter[] {
  const merged = events.find((e) => e.type === 'IncidentMergedInto')?.data as
    { incidentId: string; canonicalIncidentId: string } | undefined;
  const alleged = events
    .filter((e) => e.type === 'UseAlleged')
    .map((e) => (e.data as { incidentId: string }).incidentId);
  return [
    {},
    { situationId: SITUATIONS[0] },
    { situationId: SITUATIONS[1], from: dayOf(400), to: dayOf(1200) },
    { allegedUser: 'rus' },
    { allegedGroup: 'SAUDI-LED coalition' },
    { incidentIds: [...(merged ? [merged.incidentId] : []), ...alleged.slice(0, 3)] },
    { incidentIds: [alleged[alleged.length - 1]] },
    { countryCode: 'yem' },
    { from: dayOf(600), to: dayOf(900) },
  ];
}

async function fileOf(events: StoredEvent[]) {
  const store = ReadStore.openFile(':memory:');
  await store.catchUp(memorySource(events, 7));
  return { store, rows: FileStatementRows.load(store.db) };
}

describe('the speak-out report and the response matrix from the projection file against the reference fold', () => {
  let lines = 0;
  let heard = 0;
  let lags = 0;

  it.each(SEEDS)('history %i: every filter at several cuts on both clocks, and live', async (seed) => {
    const { events } = randomHistory(seed, 160);
    const { store, rows } = await fileOf(events);
    const filters = filtersOf(events);
    for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
      const model = cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut);
      const asOfDate = cut === 'LIVE' ? undefined : isoDateOf(cut.at);
      const where = whereOf(cut);
      for (const filter of filters) {
        const expected = speakOutReport(model, states, filter, asOfDate);
        const got = speakOutReportAt(store.db, cut, DEFAULT_POLICY, rows, { states, filter, asOfDate });
        expect({ where, filter, report: plain(got) }).toEqual({ where, filter, report: plain(expected) });
        lines += expected.statesParties.filter((l) => l.kind !== null).length;
        heard += expected.statesParties.reduce((n, l) => n + l.statementIds.length, 0);
        lags += expected.lags.length;
      }
      // The reports read only a status and a date of each incident; a list as of the cut reads whole assessments,
      // and a report given those (the matrix below) reads the same statuses from them.
      const listed = reportIncidentsOf(incidentsAt(store.db, cut, DEFAULT_POLICY));
      const lean = reportIncidentsAt(store.db, cut, DEFAULT_POLICY);
      const ids = lean.incidents.map((i) => i.incidentId);
      expect({ where, ids, statuses: ids.map(lean.statusOf) }).toEqual({
        where,
        ids: listed.incidents.map((i) => i.incidentId),
        statuses: ids.map(listed.statusOf),
      });
      const subjects = {
        situationIds: SITUATIONS,
        incidentIds: (filters[5].incidentIds ?? []).slice(0, 2),
      };
      expect({
        where,
        matrix: responseMatrixAt(store.db, cut, DEFAULT_POLICY, rows, {
          states,
          subjects,
          asOfDate,
          incidents: listed,
        }),
      }).toEqual({ where, matrix: responseMatrix(model, states, subjects, asOfDate) });
    }
    store.close();
  });

  it('the reports compared hold responses, statements heard and lags', () => {
    expect(lines).toBeGreaterThan(100);
    expect(heard).toBeGreaterThan(1000);
    expect(lags).toBeGreaterThan(100);
  });
});

describe('the statement rows kept in step with the file', () => {
  it.each([601, 602, 603])(
    'history %i: followed page by page, equal to the rows loaded afresh and as the fold keeps them',
    async (seed) => {
      const { events } = randomHistory(seed, 160);
      const store = ReadStore.openFile(':memory:');
      const half = Math.floor(events.length / 2);
      await store.catchUp(memorySource(events.slice(0, half), 7));
      const rows = FileStatementRows.load(store.db);
      let follows = 0;
      for (let at = half; at < events.length; at += 5) {
        store.applyPage(events.slice(at, at + 5), { assess: true });
        if (rows.follow()) follows++;
      }
      expect(follows).toBeGreaterThan(10);
      expect(rows.seq).toBe(store.checkpoint().seq);
      expect(dumpRows(rows)).toEqual(dumpRows(FileStatementRows.load(store.db)));
      expect(dumpRows(rows)).toEqual(dumpRows(await FileStatementRows.loadInSteps(store.db, 3)));
      expect(dumpRows(rows)).toEqual(dumpRows(modelReportSource(buildModel(events)).statements));
      store.close();
    },
  );

  it.each([606, 607])(
    'history %i: the ids of many rows read at once, each the one of its row, at every cut',
    async (seed) => {
      const { events } = randomHistory(seed, 160);
      const { store, rows } = await fileOf(events);
      for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
        const at = rows.at(cut);
        const all = Array.from({ length: at.length }, (_, row) => at.length - 1 - row);
        const picked = all.filter((row) => row % 3 !== 1);
        for (const asked of [all, picked, []])
          expect({ where: whereOf(cut), ids: at.statementIdsOf(asked) }).toEqual({
            where: whereOf(cut),
            ids: asked.map((row) => at.statementIdOf(row)),
          });
      }
      expect(new Set(rows.statementIdsOf(Array.from({ length: rows.length }, (_, row) => row))).size).toBe(rows.length);
      store.close();
    },
  );

  it.each([608, 609])(
    'history %i: statements whose corrections change only their words or venue: read as the fold reads them',
    async (seed) => {
      // Every other correction reworded instead: the rows hold nothing it changes, so no version of it is kept.
      let n = 0;
      const events = randomHistory(seed, 160).events.map((e) =>
        e.type === 'StatementCorrected' && n++ % 2 === 0
          ? { ...e, data: { ...e.data, changes: { quote: `reworded ${n}`, venue: 'NATIONAL' } } }
          : e,
      );
      const { store, rows } = await fileOf(events);
      for (const cut of cutsOf(events.map((e) => e.recordedAt))) {
        // What a report as of the cut's day scans: the rows delivered by then.
        const lastDay = cut === 'LIVE' ? ABSENT_DAY - 1 : dayNumber(isoDateOf(cut.at));
        const byId = (dump: ReturnType<typeof dumpRows>) =>
          new Map(dump.filter((r) => r.day <= lastDay).map((r) => [r.statementId, r]));
        const expected = modelReportSource(cut === 'LIVE' ? buildModel(events) : buildModelAsOf(events, cut));
        expect({ where: whereOf(cut), rows: byId(dumpRows(rows.at(cut))) }).toEqual({
          where: whereOf(cut),
          rows: byId(dumpRows(expected.statements)),
        });
      }
      const corrected = new Set(
        events
          .filter((e) => e.type === 'StatementCorrected')
          .map((e) => (e.data as { statementId: string }).statementId),
      );
      const reworded = events.filter(
        (e) => e.type === 'StatementCorrected' && 'quote' in (e.data as { changes: object }).changes,
      ).length;
      expect(reworded).toBeGreaterThan(3);
      expect(rows.parts().parts.corrected.size).toBeLessThan(corrected.size);
      store.close();
    },
  );

  it.each([604, 605])('history %i: rows another thread loaded, taken over, then followed', (seed) => {
    const { events } = randomHistory(seed, 160);
    const store = ReadStore.openFile(':memory:');
    const half = Math.floor(events.length / 2);
    store.applyPage(events.slice(0, half), { assess: true });
    const { parts } = FileStatementRows.load(store.db).parts();
    // What crosses threads is a structured clone: no prototypes, no private state beyond the parts.
    const adopted = FileStatementRows.adopt(store.db, structuredClone(parts));
    expect(adopted.seq).toBe(store.checkpoint().seq);
    expect(dumpRows(adopted)).toEqual(dumpRows(FileStatementRows.load(store.db)));
    store.applyPage(events.slice(half), { assess: true });
    expect(adopted.follow()).toBe(true);
    expect(dumpRows(adopted)).toEqual(dumpRows(FileStatementRows.load(store.db)));
    expect(dumpRows(adopted.at({ clock: 'KNOWN', at: new Date(`${dayOf(700)}T00:00:00Z`) }))).toEqual(
      dumpRows(FileStatementRows.load(store.db).at({ clock: 'KNOWN', at: new Date(`${dayOf(700)}T00:00:00Z`) })),
    );
    store.close();
  });
});
