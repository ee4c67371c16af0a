import { FileStatementRows, ReadStore } from '@app/read-store';
import { randomHistory } from '../../../../libs/projections/src/testing/random-history';
import { memorySource } from '../../../../libs/read-store/src/testing/memory-source';
import { CutReads } from './cut-reads';

const known = (day: string) => ({ clock: 'KNOWN' as const, at: new Date(`${day}T00:00:00Z`) });

describe('CutReads', () => {
  let file: ReadStore;
  beforeEach(async () => {
    file = ReadStore.openFile(':memory:');
    await file.catchUp(memorySource(randomHistory(7, 120).events, 50));
  });
  afterEach(() => file.close());

  it('reads a list once per cut and filter, kept until the file moves; one read at a time, a few waiting', async () => {
    const lists = new CutReads(1);
    const reads = [known('2016-01-01'), known('2017-01-01'), known('2018-01-01')].map((cut) =>
      lists.statements(file, 0, cut, { stateCode: 'GBR' }).then(
        (read) => read?.length,
        (error: { code?: string }) => error.code,
      ),
    );
    const [first, second, third] = await Promise.all(reads);
    expect(typeof first).toBe('number');
    expect(second).toBeGreaterThanOrEqual(first as number);
    expect(third).toBe('UNAVAILABLE');
    const again = await lists.statements(file, 0, known('2017-01-01'), { stateCode: 'GBR' });
    expect(await lists.statements(file, 0, known('2017-01-01'), { stateCode: 'GBR' })).toBe(again);
    expect(await lists.statements(file, 0, known('2017-01-01'), { stateCode: 'FRA' })).not.toBe(again);
    // Another generation (a swapped-in file) is read afresh; so are the sources, kept apart from statements.
    expect(await lists.statements(file, 1, known('2017-01-01'), { stateCode: 'GBR' })).not.toBe(again);
    const sources = await lists.sources(file, 0, known('2017-01-01'));
    expect(sources?.length).toBeGreaterThan(0);
    expect(await lists.sources(file, 0, known('2017-01-01'))).toBe(sources);
  });

  it('keeps every incident of a cut, and the same before the policy, apart; one gate for every kind', async () => {
    const reads = new CutReads(0);
    const [all, refused] = await Promise.all([
      reads.incidents(file, 0, known('2017-01-01')),
      reads.shownIncidents(file, 0, known('2017-01-01')).catch((error: { code?: string }) => error.code),
    ]);
    expect(refused).toBe('UNAVAILABLE');
    const shown = await reads.shownIncidents(file, 0, known('2017-01-01'));
    expect([...shown!.incidents.keys()]).toEqual([...all!.incidents.keys()]);
    expect(await reads.incidents(file, 0, known('2017-01-01'))).toBe(all);
    // Before the policy, a status is not there to read: asking is a mistake said at once.
    const [first] = shown!.incidents.values();
    expect(() => first.assessment).toThrow('asked for a status');
  });

  it('reads what a report takes of the incidents once per cut, from the kept list when there is one', async () => {
    const reads = new CutReads(1);
    const cut = known('2017-01-01');
    const alone = await reads.reportIncidents(file, 0, cut);
    expect(await reads.reportIncidents(file, 0, cut)).toBe(alone);
    const all = await reads.incidents(file, 0, cut);
    // Once every incident of the cut is kept, a report reads them from it, the same object each time, so that what
    // is remembered of it (an overview, a tally) is found again.
    const fromList = await reads.reportIncidents(file, 0, cut);
    expect(fromList).not.toBe(alone);
    expect(await reads.reportIncidents(file, 0, cut)).toBe(fromList);
    expect(fromList!.incidents.map((i) => i.incidentId).sort()).toEqual([...all!.incidents.keys()].sort());
  });

  it('shares a read between the same lists asked at once, even with no place to wait; condemners per day', async () => {
    const reads = new CutReads(0);
    const cut = known('2017-01-01');
    const same = await Promise.all([1, 2, 3].map(() => reads.incidents(file, 0, cut)));
    expect(same[1]).toBe(same[0]);
    expect(same[2]).toBe(same[0]);
    const incidents = [...same[0]!.incidents.values()];
    const rows = FileStatementRows.load(file.db);
    const [byThen, again] = await Promise.all([
      reads.condemners(file, 0, cut, rows, incidents, '2017-01-01', false),
      reads.condemners(file, 0, cut, rows, incidents, '2017-01-01', false),
    ]);
    expect(again).toBe(byThen);
    expect(byThen!.size).toBeGreaterThan(0);
    const counted = await reads.condemners(file, 0, cut, rows, incidents, '2017-01-01', true);
    expect(counted).not.toBe(byThen);
  });

  it('keeps a page read at once per cut and page, apart from the lists and outside their gate', async () => {
    const events = randomHistory(7, 120).events;
    const moving = ReadStore.openFile(':memory:');
    await moving.catchUp(memorySource(events.slice(0, events.length >> 1), 50));
    const reads = new CutReads(0);
    const cut = known('2017-01-01');
    let n = 0;
    const read = () => ({ n: ++n });
    // A list being read fills the gate (no place to wait): a page is still read.
    const list = reads.incidents(moving, 0, cut);
    const first = reads.page(moving, 0, cut, 'a', read);
    expect(first).toEqual({ n: 1 });
    expect(reads.page(moving, 0, cut, 'a', read)).toBe(first);
    expect(reads.page(moving, 0, cut, 'b', read)).toEqual({ n: 2 });
    expect(reads.page(moving, 1, cut, 'a', read)).toEqual({ n: 3 });
    expect(reads.page(moving, 0, known('2018-01-01'), 'a', read)).toEqual({ n: 4 });
    await list;
    // The file moved: read again; a closed file answers null.
    await moving.catchUp(memorySource(events, 50));
    expect(reads.page(moving, 0, cut, 'a', read)).toEqual({ n: 5 });
    moving.close();
    expect(reads.page(moving, 0, cut, 'a', read)).toBeNull();
  });

  it('answers null for a list by neither State nor incident, and for a file closed while the read waited', async () => {
    const lists = new CutReads(4);
    expect(await lists.statements(file, 0, known('2017-01-01'), { kind: 'CONCERN' })).toBeNull();
    const read = lists.sources(file, 0, known('2017-01-01'));
    file.close();
    expect(await read).toBeNull();
  });

  it('lets lists and pages go once nothing was asked for idleMs; asked again, they are read again', async () => {
    const reads = new CutReads(0, 2000);
    const cut = known('2017-01-01');
    let n = 0;
    const read = () => ({ n: ++n });
    const list = await reads.incidents(file, 0, cut);
    expect(reads.page(file, 0, cut, 'a', read)).toEqual({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await reads.incidents(file, 0, cut)).toBe(list);
    expect(reads.page(file, 0, cut, 'a', read)).toEqual({ n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const again = await reads.incidents(file, 0, cut);
    expect(again).not.toBe(list);
    expect([...again!.incidents.keys()]).toEqual([...list!.incidents.keys()]);
    expect(reads.page(file, 0, cut, 'a', read)).toEqual({ n: 2 });
  }, 30_000);

  it('keeps lists up to a number of entries in all, the least recently used going first', async () => {
    const size = (await new CutReads(0).incidents(file, 0, known('2100-01-01')))!.incidents.size;
    expect(size).toBeGreaterThan(1);
    // Every incident at each of these cuts (after the whole history), so lists of one size. Room for two of them:
    // a third pushes out the least recently used one; one larger than the room is kept alone.
    const reads = new CutReads(0, 60_000, size * 2);
    const a = await reads.incidents(file, 0, known('2100-01-01'));
    const b = await reads.incidents(file, 0, known('2100-01-02'));
    expect(await reads.incidents(file, 0, known('2100-01-01'))).toBe(a); // now the most recently used
    await reads.incidents(file, 0, known('2100-01-03'));
    expect(await reads.incidents(file, 0, known('2100-01-01'))).toBe(a);
    expect(await reads.incidents(file, 0, known('2100-01-02'))).not.toBe(b);
    const small = new CutReads(0, 60_000, size - 1);
    const first = await small.incidents(file, 0, known('2100-01-01'));
    const second = await small.incidents(file, 0, known('2100-01-02'));
    expect(await small.incidents(file, 0, known('2100-01-02'))).toBe(second);
    expect(await small.incidents(file, 0, known('2100-01-01'))).not.toBe(first);
  });
});
