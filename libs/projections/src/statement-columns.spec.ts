import { STATEMENT_KINDS } from '@app/domain';
import type { StatementView } from './model';
import { ABSENT_DAY, dayNumber, StatementColumns } from './statement-columns';

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
const speakersOf = (columns: StatementColumns, row: number) => {
  const out: number[] = [];
  return out.slice(0, columns.speakersInto(row, out)).map((n) => columns.stateCodes[n]);
};

describe('StatementColumns', () => {
  it('packs each statement in a row, past its first capacity, with more speakers and incidents than fit inline', () => {
    const columns = new StatementColumns();
    for (let seq = 0; seq < 3000; seq++) columns.add(view(seq, { deliveredOn: seq % 2 ? '2016-04-02' : '2016-04-01' }));
    columns.add(
      view(3000, {
        speakers: ['NOR', 'IRL', 'DEU', 'GBR', 'FRA', 'IRL'],
        incidentIds: ['inc-1', 'inc-2', 'inc-3'],
        kind: 'CONCERN',
      }),
    );
    expect(columns.length).toBe(3001);
    expect([columns.dayOf(0), columns.dayOf(2999)]).toEqual([dayNumber('2016-04-01'), dayNumber('2016-04-02')]);
    expect(speakersOf(columns, 3000)).toEqual(['NOR', 'IRL', 'DEU', 'GBR', 'FRA']);
    expect(columns.incidentsOf(3000).map((n) => columns.incidentIds[n])).toEqual(['inc-1', 'inc-2', 'inc-3']);
    expect(STATEMENT_KINDS[columns.kindOf(3000)]).toBe('CONCERN');
    const flags = new Uint8Array(columns.stateCodes.length);
    flags[columns.stateNumber('FRA')!] = 1;
    expect([columns.spokenByAny(3000, flags), columns.spokenByAny(0, flags)]).toEqual([true, false]);
  });

  it('rewrites a corrected row; a cut reads rows through its day and instant, corrected ones as worked out', () => {
    const columns = new StatementColumns();
    const first = view(0);
    columns.add(first);
    columns.add(view(1));
    columns.add(view(2, { deliveredOn: '2016-06-01' }));
    columns.correct({ ...first, speakers: ['FRA'], deliveredOn: '2016-05-01' });
    expect(speakersOf(columns, 0)).toEqual(['FRA']);
    expect([...columns.corrected]).toEqual([0]);
    const days = (c: StatementColumns) => [0, 1, 2].map((row) => c.dayOf(row));
    // Recorded by row 1's instant, row 0 as first delivered.
    const recorded = columns.at(Infinity, first.recordedAt.getTime() + 1000, () => first);
    expect([speakersOf(recorded, 0), recorded.view(0).deliveredOn]).toEqual([['GBR'], '2016-04-01']);
    expect(days(recorded)).toEqual([dayNumber('2016-04-01'), dayNumber('2016-04-01'), ABSENT_DAY]);
    // Known by 2016-05-01: row 0 absent (as `thenOf` says), row 2 delivered after the day.
    const known = columns.at(dayNumber('2016-05-01'), Infinity, () => null);
    expect(days(known)).toEqual([ABSENT_DAY, dayNumber('2016-04-01'), ABSENT_DAY]);
    // The live statement itself: its row as it is.
    expect(days(columns.at(Infinity, Infinity, (live) => live))[0]).toBe(dayNumber('2016-05-01'));
    expect([speakersOf(columns, 0), columns.view(0).deliveredOn, days(columns)]).toEqual([
      ['FRA'],
      '2016-05-01',
      [dayNumber('2016-05-01'), dayNumber('2016-04-01'), dayNumber('2016-06-01')],
    ]);
  });

  it("a cut's rows worked out again read so through every accessor, the live columns' as before", () => {
    const columns = new StatementColumns();
    columns.add(view(0, { speakers: ['GBR', 'FRA'], incidentIds: ['inc-1'] }));
    columns.add(view(1, { speakers: ['NOR'], incidentIds: ['inc-2', 'inc-3', 'inc-4'] }));
    columns.correct(view(0, { speakers: ['GBR', 'FRA'], incidentIds: ['inc-1'] }));
    columns.correct(view(1, { speakers: ['NOR'], incidentIds: ['inc-2', 'inc-3', 'inc-4'] }));
    const then = new Map([
      ['st-0', view(0, { speakers: ['IRL'], incidentIds: ['inc-5', 'inc-6', 'inc-7'], kind: 'CONCERN' })],
      ['st-1', view(1, { speakers: ['DEU', 'AUT', 'DEU', 'BEL', 'CHE', 'DNK'], incidentIds: [], scope: {} })],
    ]);
    const copy = columns.at(Infinity, Infinity, (live) => then.get(live.statementId)!);
    expect([[...copy.scoped], [...columns.scoped]]).toEqual([[1], []]);
    const ids = (c: StatementColumns, row: number) => c.incidentsOf(row).map((n) => c.incidentIds[n]);
    const into = (c: StatementColumns, row: number) => {
      const out: number[] = [];
      return out.slice(0, c.incidentNumbersInto(row, out)).map((n) => c.incidentIds[n]);
    };
    const flags = new Uint8Array(64);
    flags[copy.stateNumber('IRL')!] = 1;
    expect([ids(copy, 0), into(copy, 0), speakersOf(copy, 0), STATEMENT_KINDS[copy.kindOf(0)]]).toEqual([
      ['inc-5', 'inc-6', 'inc-7'],
      ['inc-5', 'inc-6', 'inc-7'],
      ['IRL'],
      'CONCERN',
    ]);
    expect([copy.soleSpeaker(0), copy.spokenByAny(0, flags), copy.spokenByAny(1, flags)]).toEqual([
      copy.stateNumber('IRL'),
      true,
      false,
    ]);
    expect([ids(copy, 1), speakersOf(copy, 1), copy.soleSpeaker(1)]).toEqual([
      [],
      ['DEU', 'AUT', 'BEL', 'CHE', 'DNK'],
      -1,
    ]);
    expect([ids(columns, 0), into(columns, 1), speakersOf(columns, 0), speakersOf(columns, 1)]).toEqual([
      ['inc-1'],
      ['inc-2', 'inc-3', 'inc-4'],
      ['GBR', 'FRA'],
      ['NOR'],
    ]);
    expect([STATEMENT_KINDS[columns.kindOf(0)], columns.soleSpeaker(1), columns.spokenByAny(0, flags)]).toEqual([
      'CONDEMNATION',
      columns.stateNumber('NOR'),
      false,
    ]);
  });
});
