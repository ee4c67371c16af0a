import { STATEMENT_KINDS } from '@app/domain';
import { dayNumber } from './day-numbers';
import type { StatementView } from './model';
import { ModelStatementRows } from './model-statement-rows';

function view(seq: number, more: Partial<StatementView> = {}): StatementView {
  return {
    statementId: `st-${seq}`,
    seq,
    revision: 0,
    speakers: ['GBR'],
    kind: 'CONDEMNATION',
    venue: 'UNGA',
    deliveredOn: '2016-04-01',
    incidentIds: ['inc-1'],
    namesUser: false,
    quote: '',
    citation: { url: '' },
    corrections: [],
    eventId: `e-${seq}`,
    recordedAt: new Date(Date.UTC(2017, 0, 1) + seq * 1000),
    ...more,
  };
}

describe('ModelStatementRows', () => {
  const statements = new Map(
    [
      view(0),
      view(1, { speakers: ['FRA', 'DEU', 'FRA'], incidentIds: ['inc-2', 'inc-1', 'inc-2'], kind: 'CONCERN' }),
      view(2, { speakers: [], deliveredOn: '2016-05-02', scope: { generic: true } }),
    ].map((s) => [s.statementId, s]),
  );
  const rows = new ModelStatementRows(statements);
  const read = (row: number, into: (row: number, out: number[]) => number, names: readonly string[]) => {
    const out: number[] = [];
    return out.slice(0, into.call(rows, row, out)).map((n) => names[n]);
  };

  it('reads a row per statement in the map order, with its day, kind and scope', () => {
    expect(rows.length).toBe(3);
    expect([0, 1, 2].map((row) => rows.statementIdOf(row))).toEqual(['st-0', 'st-1', 'st-2']);
    expect(rows.view(1)).toBe(statements.get('st-1'));
    expect([rows.dayOf(0), rows.dayOf(2)]).toEqual([dayNumber('2016-04-01'), dayNumber('2016-05-02')]);
    expect(STATEMENT_KINDS[rows.kindOf(1)]).toBe('CONCERN');
    expect([...rows.scoped]).toEqual([2]);
  });

  it('names incidents with their repeats, each speaker once, and a sole speaker only when there is one', () => {
    expect(read(1, rows.incidentNumbersInto, rows.incidentIds)).toEqual(['inc-2', 'inc-1', 'inc-2']);
    expect(read(1, rows.speakersInto, rows.stateCodes)).toEqual(['FRA', 'DEU']);
    expect(rows.stateCodes[rows.soleSpeaker(0)]).toBe('GBR');
    expect([rows.soleSpeaker(1), rows.soleSpeaker(2)]).toEqual([-1, -1]);
    expect(read(2, rows.speakersInto, rows.stateCodes)).toEqual([]);
  });
});
