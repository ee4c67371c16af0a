/** A registry store of a chosen size, written straight through the store port before a service boots on it. */
import { incidentStream, sourceStream, type RegistryEvent } from '@app/domain';
import { type NewEvent, openSqliteEventStore, uuidv7 } from '@app/event-store';
import { allege, corroborate, corroboration, source } from '../../libs/projections/src/testing/event-log.fixtures';

const SOURCES = 40;
const PER_COMMIT = 500;

const toNew = (event: RegistryEvent): NewEvent => ({
  id: uuidv7(),
  type: event.type,
  data: event.data as never,
  metadata: { actor: 'large-store', correlationId: uuidv7(), schemaVersion: 1 },
});

/**
 * Writes `incidents` allegations, each with two more corroborations (3 events per incident), after 40
 * sources, into the SQLite file at `path`; returns the number of events written.
 */
export async function writeLargeStore(path: string, incidents: number): Promise<number> {
  const store = openSqliteEventStore(path, { synchronous: 'NORMAL' });
  try {
    const sources = Array.from({ length: SOURCES }, () => uuidv7());
    await Promise.all(
      sources.map((id, i) => store.append(sourceStream(id), [toNew(source(id, `Source ${i}`, 'ABCD'[i % 4] as 'A'))])),
    );
    let written = SOURCES;
    for (let from = 0; from < incidents; from += PER_COMMIT) {
      const appends: Promise<unknown>[] = [];
      for (let i = from; i < Math.min(incidents, from + PER_COMMIT); i++) {
        const id = uuidv7();
        const day = `20${10 + (i % 14)}-0${1 + (i % 9)}-1${i % 10}`;
        const by = (k: number) => sources[(i + k * 7) % SOURCES];
        const events = [
          allege(id, day, corroboration(uuidv7(), by(0), day)),
          corroborate(id, corroboration(uuidv7(), by(1), day, { evidenceKinds: ['VIDEO'] })),
          corroborate(id, corroboration(uuidv7(), by(2), day, { evidenceKinds: ['EXPERT_IDENTIFICATION'] })),
        ];
        appends.push(store.append(incidentStream(id), events.map(toNew)));
        written += events.length;
      }
      // One group commit per chunk: every append queued before the next turn joins it.
      await Promise.all(appends);
    }
    return written;
  } finally {
    await store.close();
  }
}
