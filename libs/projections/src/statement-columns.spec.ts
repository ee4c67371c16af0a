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
  const out: string[] = [];
  columns.forEachSpeaker(row, (n) => out.push(columns.stateCodes[n]));
  return out;
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
    expect([columns.days[0], columns.days[2999]]).toEqual([dayNumber('2016-04-01'), dayNumber('2016-04-02')]);
    expect(speakersOf(columns, 3000)).toEqual(['NOR', 'IRL', 'DEU', 'GBR', 'FRA']);
    expect(columns.incidentsOf(3000).map((n) => columns.incidentIds[n])).toEqual(['inc-1', 'inc-2', 'inc-3']);
    expect(STATEMENT_KINDS[columns.kinds[3000]]).toBe('CONCERN');
    const flags = new Uint8Array(columns.stateCodes.length);
    flags[columns.stateNumber('FRA')!] = 1;
    expect([columns.spokenByAny(3000, flags), columns.spokenByAny(0, flags)]).toEqual([true, false]);
  });

  it('rewrites a corrected row, and a copy for a cut rewrites its own rows without touching the original', () => {
    const columns = new StatementColumns();
    const first = view(0);
    columns.add(first);
    columns.add(view(1));
    columns.correct({ ...first, speakers: ['FRA'], deliveredOn: '2016-05-01' });
    expect(speakersOf(columns, 0)).toEqual(['FRA']);
    expect([...columns.corrected]).toEqual([0]);
    const copy = columns.copy();
    copy.write(0, first);
    copy.write(1, null);
    expect([speakersOf(copy, 0), copy.view(0).deliveredOn, copy.days[1]]).toEqual([['GBR'], '2016-04-01', ABSENT_DAY]);
    expect([speakersOf(columns, 0), columns.view(0).deliveredOn, columns.days[1]]).toEqual([
      ['FRA'],
      '2016-05-01',
      dayNumber('2016-04-01'),
    ]);
  });

  it("a copy's rewritten row reads as it was rewritten through every accessor, the original's as before", () => {
    const columns = new StatementColumns();
    columns.add(view(0, { speakers: ['GBR', 'FRA'], incidentIds: ['inc-1'] }));
    columns.add(view(1, { speakers: ['NOR'], incidentIds: ['inc-2', 'inc-3', 'inc-4'] }));
    const copy = columns.copy();
    copy.write(0, view(0, { speakers: ['IRL'], incidentIds: ['inc-5', 'inc-6', 'inc-7'], kind: 'CONCERN' }));
    copy.write(1, view(1, { speakers: ['DEU', 'AUT', 'DEU', 'BEL', 'CHE', 'DNK'], incidentIds: [] }));
    const ids = (c: StatementColumns, row: number) => c.incidentsOf(row).map((n) => c.incidentIds[n]);
    const into = (c: StatementColumns, row: number) => {
      const out: number[] = [];
      return out.slice(0, c.incidentNumbersInto(row, out)).map((n) => c.incidentIds[n]);
    };
    const flags = new Uint8Array(64);
    flags[copy.stateNumber('IRL')!] = 1;
    expect([ids(copy, 0), into(copy, 0), speakersOf(copy, 0), STATEMENT_KINDS[copy.kinds[0]]]).toEqual([
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
    expect([STATEMENT_KINDS[columns.kinds[0]], columns.soleSpeaker(1), columns.spokenByAny(0, flags)]).toEqual([
      'CONDEMNATION',
      columns.stateNumber('NOR'),
      false,
    ]);
  });
});
