import { ReadStore } from '@app/read-store';
import { randomHistory } from '../../../../libs/projections/src/testing/random-history';
import { memorySource } from '../../../../libs/read-store/src/testing/memory-source';
import { warmPastReads } from './warm-past-reads';

describe('warmPastReads', () => {
  it('reads a first page on each clock from an empty file and from a full one, and changes no row', async () => {
    const empty = ReadStore.openFile(':memory:');
    expect(() => warmPastReads(empty, new Date())).not.toThrow();
    empty.close();
    const file = ReadStore.openFile(':memory:');
    await file.catchUp(memorySource(randomHistory(11, 120).events, 50));
    const before = file.checkpoint();
    const assessments = file.db.prepare('SELECT * FROM assessments ORDER BY incident_id').all();
    warmPastReads(file, new Date());
    expect(file.checkpoint()).toEqual(before);
    expect(file.db.prepare('SELECT * FROM assessments ORDER BY incident_id').all()).toEqual(assessments);
    file.close();
  });
});
