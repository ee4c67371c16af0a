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
});
