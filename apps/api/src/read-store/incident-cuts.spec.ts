import { ReadStore } from '@app/read-store';
import { randomHistory } from '../../../../libs/projections/src/testing/random-history';
import { memorySource } from '../../../../libs/read-store/src/testing/memory-source';
import { IncidentCuts } from './incident-cuts';

const known = (day: string) => ({ clock: 'KNOWN' as const, at: new Date(`${day}T00:00:00Z`) });

describe('IncidentCuts', () => {
  let file: ReadStore;
  beforeEach(async () => {
    file = ReadStore.openFile(':memory:');
    await file.catchUp(memorySource(randomHistory(7, 120).events, 50));
  });
  afterEach(() => file.close());

  it('reads a cut once and keeps it until the file moves; one read at a time, a bounded few waiting', async () => {
    const cuts = new IncidentCuts(1);
    const reads = [known('2016-01-01'), known('2017-01-01'), known('2018-01-01')].map((cut) =>
      cuts.read(file, 0, cut).then(
        (read) => read?.incidents.size,
        (error: { code?: string }) => error.code,
      ),
    );
    const [first, second, third] = await Promise.all(reads);
    expect(typeof first).toBe('number');
    expect(typeof second).toBe('number');
    expect(second).toBeGreaterThanOrEqual(first as number);
    expect(third).toBe('UNAVAILABLE');
    const again = await cuts.read(file, 0, known('2017-01-01'));
    expect(await cuts.read(file, 0, known('2017-01-01'))).toBe(again);
    // Another generation (a swapped-in file) is read afresh.
    expect(await cuts.read(file, 1, known('2017-01-01'))).not.toBe(again);
  });

  it('answers null for a file closed while the read waited', async () => {
    const cuts = new IncidentCuts(4);
    const read = cuts.read(file, 0, known('2017-01-01'));
    file.close();
    expect(await read).toBeNull();
  });
});
