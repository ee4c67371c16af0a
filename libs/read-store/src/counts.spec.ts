import { buildModel } from '@app/projections';
import { uuidv7, type StoredEvent } from '@app/event-store';
import { randomHistory } from '../../projections/src/testing/random-history';
import { ReadStore } from './read-store';
import { memorySource } from './testing/memory-source';

/** What `projectionStatus` and `/health/ready` report of the file, against the reference fold of the same events. */
describe('the counts of a projection file, and the events it skipped', () => {
  it.each([201, 202, 203, 204, 206, 207])('history %i: the reference fold counts the same', async (seed) => {
    const { events } = randomHistory(seed, 200);
    const file = ReadStore.openFile(':memory:');
    await file.catchUp(memorySource(events, 13));
    const model = buildModel(events);
    let incidents = 0;
    for (const incident of model.incidents.values()) if (!incident.mergedInto) incidents++;
    // The histories merge: the count must leave the duplicates out.
    expect(incidents).toBeLessThan(model.incidents.size);
    expect(file.counts()).toEqual({
      sources: model.sources.size,
      incidents,
      corroborations: model.corroborations.size,
      investigations: model.investigations.size,
      statements: model.statements.size,
    });
    expect(file.checkpoint()).toMatchObject({ seq: events.length, skipped: 0, position: events.at(-1)!.position });
    expect(file.skippedEventIds()).toEqual([]);
    file.close();
  });

  it('names each event it could not read: an unknown type, a payload failing its schema, one unreadable', async () => {
    const { events } = randomHistory(207, 30);
    const last = Number(events.at(-1)!.position);
    const foreign = (n: number, patch: Partial<StoredEvent>): StoredEvent => ({
      ...events[0],
      id: uuidv7(),
      stream: `incident-${uuidv7()}`,
      revision: 0,
      position: String(last + n),
      ...patch,
    });
    const skipped = [
      foreign(1, { type: 'UseTeleported', data: { where: 'nowhere' } }),
      foreign(2, { type: 'UseAlleged', data: { incidentId: 42 } }),
      foreign(3, { type: 'UseAlleged', data: {}, unreadable: 'binary data' }),
    ];
    const file = ReadStore.openFile(':memory:');
    await file.catchUp(memorySource([...events, ...skipped], 7));
    expect(file.checkpoint()).toMatchObject({ seq: events.length + 3, skipped: 3 });
    expect(file.skippedEventIds()).toEqual(skipped.map((e) => e.id));
    expect(file.skippedEventIds(2)).toEqual(skipped.slice(1).map((e) => e.id));
    // Everything else folded as if they were not there.
    const clean = ReadStore.openFile(':memory:');
    await clean.catchUp(memorySource(events, 7));
    expect(file.counts()).toEqual(clean.counts());
    file.close();
    clean.close();
  });
});
