import { DEFAULT_POLICY, type RegistryEvent } from '@app/domain';
import {
  buildModelAsOf,
  evidenceDateOf,
  findIncident,
  isoDateOf,
  reportStatus,
  speakOutReport,
} from '@app/projections';
import type { ReadCut } from './cut';
import {
  EventLog,
  allege,
  ccmStates,
  corroborate,
  corroboration,
  source,
  statement,
} from '../../projections/src/testing/event-log.fixtures';
import { incidentsAt } from './incidents-at';
import { ReadStore } from './read-store';
import { reportIncidentsAt, speakOutReportAt } from './report-at';
import { FileStatementRows } from './statement-rows';
import { statementAt } from './statements-at';
import { memorySource } from './testing/memory-source';

/**
 * A correction that moves a statement's delivery later than the day the correction itself is dated: the statement as
 * corrected cannot be publicly known before it was delivered, so the correction is known from the later of the two
 * days. Every read as of a day between them (the report, its statuses, every incident whole) answers as the replay of
 * the events known that day does: the statement as first recorded.
 */
const moved: RegistryEvent = {
  type: 'StatementCorrected',
  data: {
    statementId: 'st-1',
    changes: { deliveredOn: '2016-03-01' },
    reason: 'wrong date',
    correctedOn: '2016-01-20',
  },
};

describe('a correction that moves a statement’s delivery after the correction’s own date', () => {
  it('is known from the delivery it sets, when that is the later', () => {
    expect(evidenceDateOf(moved)).toBe('2016-03-01');
    const earlier = { ...moved, data: { ...moved.data, changes: { deliveredOn: '2016-01-02' } } } as RegistryEvent;
    expect(evidenceDateOf(earlier)).toBe('2016-01-20');
    const other = { ...moved, data: { ...moved.data, changes: { kind: 'CONDEMNATION' } } } as RegistryEvent;
    expect(evidenceDateOf(other)).toBe('2016-01-20');
  });

  // Without and with a corroboration published after the cut (the incident's stored statuses then no longer hold
  // whole, and a report reads them up to its day).
  it.each([false, true])('reads as the replay as of a day between them (a later corroboration: %s)', async (later) => {
    const log = new EventLog();
    const at = (day: string) => ({ recordedAt: `${day}T12:00:00Z` });
    log.add(source('ai', 'Amnesty International', 'B'), at('2017-01-01'));
    const user = { allegedUser: { kind: 'STATE' as const, stateCodes: ['RUS'] } };
    log.add(allege('inc-1', '2016-01-01', corroboration('c1', 'ai', '2016-01-01'), user), at('2017-01-02'));
    log.add(statement('st-1', ['RUS'], 'ACKNOWLEDGEMENT', '2016-01-10', ['inc-1']), at('2017-01-03'));
    log.add(moved, at('2017-01-04'));
    if (later) log.add(corroborate('inc-1', corroboration('c2', 'ai', '2016-04-01')), at('2017-01-05'));
    const store = ReadStore.openFile(':memory:');
    try {
      await store.catchUp(memorySource(log.events));
      const rows = FileStatementRows.load(store.db);
      for (const day of ['2016-02-01', '2016-03-01', '2016-05-01']) {
        const cut: ReadCut = { clock: 'KNOWN', at: new Date(`${day}T12:00:00Z`) };
        const model = buildModelAsOf(log.events, cut);
        const replayed = findIncident(model, 'inc-1')!;
        const expected = reportStatus(replayed.assessment.status, replayed.statusHistory);
        const listed = incidentsAt(store.db, cut, DEFAULT_POLICY).find((i) => i.incidentId === 'inc-1')!;
        expect({ day, whole: reportStatus(listed.assessment.status, listed.statusHistory) }).toEqual({
          day,
          whole: expected,
        });
        expect({ day, lean: reportIncidentsAt(store.db, cut, DEFAULT_POLICY).statusOf('inc-1') }).toEqual({
          day,
          lean: expected,
        });
        const states = ccmStates();
        const asOfDate = isoDateOf(cut.at);
        expect({
          day,
          report: speakOutReportAt(store.db, cut, DEFAULT_POLICY, rows, { states, filter: {}, asOfDate }),
        }).toEqual({ day, report: speakOutReport(model, states, {}, asOfDate) });
      }
      // Shown with the date it was given, known from the delivery it sets.
      const shown = statementAt(store.db, { clock: 'KNOWN', at: new Date('2016-03-01T12:00:00Z') }, 'st-1');
      expect(shown?.corrections.map((c) => c.correctedOn)).toEqual(['2016-01-20']);
      expect(statementAt(store.db, { clock: 'KNOWN', at: new Date('2016-02-28T12:00:00Z') }, 'st-1')?.deliveredOn).toBe(
        '2016-01-10',
      );
    } finally {
      store.close();
    }
  });
});
