import { ReadStore } from '@app/read-store';
import { randomHistory } from '../../../../libs/projections/src/testing/random-history';
import { memorySource } from '../../../../libs/read-store/src/testing/memory-source';
import { dumpTables } from '../../../../libs/read-store/src/testing/tables';
import { AtCheckpoint } from './at-checkpoint';
import { warmLiveReads } from './warm-live-reads';

describe('warmLiveReads', () => {
  it('reads what the questions about now read from an empty file and from a full one, and changes no row', async () => {
    const empty = ReadStore.openFile(':memory:');
    expect(() => warmLiveReads(empty, new AtCheckpoint(8))).not.toThrow();
    empty.close();
    const file = ReadStore.openFile(':memory:');
    await file.catchUp(memorySource(randomHistory(12, 120).events, 50));
    const before = dumpTables(file.db);
    const kept = new AtCheckpoint(8);
    warmLiveReads(file, kept);
    expect(dumpTables(file.db)).toEqual(before);
    // The overview without filters is kept for the first visitor: asked again at the same checkpoint, not read.
    const overview = kept.get(file, 'overview|{}', () => null);
    expect(overview).not.toBeNull();
    expect(kept.get(file, 'overview|{}', () => null)).toBe(overview);
    file.close();
  });
});
