import { ReadStore } from '@app/read-store';
import { randomHistory } from '../../../../libs/projections/src/testing/random-history';
import { AtCheckpoint } from './at-checkpoint';
import { incidentsNow, patchIncidentsNow } from './incidents-now';

/**
 * The incidents now, kept across live pages and patched with the incidents each page marked, against a fresh read
 * after every page of random histories (incidents alleged, corrected, merged, withdrawn; evidence added, retracted,
 * regraded; statements), in id order; and kept by AtCheckpoint across several pages before it is asked again.
 */
const SEEDS = Array.from({ length: 6 }, (_, i) => 1201 + i);

const entries = (answer: ReturnType<typeof incidentsNow>) => [...answer.incidents];

describe('the incidents now, patched page by page', () => {
  it.each(SEEDS)('history %i: patched after each page equals a fresh read', (seed) => {
    const { events } = randomHistory(seed, 200);
    let patchedSome = 0;
    for (const size of [1, 3, 8]) {
      const file = ReadStore.openFile(':memory:');
      let held = incidentsNow(file);
      for (let at = 0; at < events.length; at += size) {
        const { markedIncidentIds } = file.applyPage(events.slice(at, at + size), { assess: true });
        held = patchIncidentsNow(file, held, markedIncidentIds);
        expect({ at, size, got: entries(held) }).toEqual({ at, size, got: entries(incidentsNow(file)) });
        patchedSome += markedIncidentIds.length > 0 ? 1 : 0;
      }
      file.close();
    }
    expect(patchedSome).toBeGreaterThan(20);
  });

  it.each(SEEDS)('history %i: kept across pages, patched when asked, never read whole again', (seed) => {
    const { events } = randomHistory(seed, 200);
    const file = ReadStore.openFile(':memory:');
    const kept = new AtCheckpoint(8);
    let reads = 0;
    const ask = () =>
      kept.getPatched(
        file,
        'incidents',
        () => (reads++, incidentsNow(file)),
        (before, marked) => patchIncidentsNow(file, before, marked),
      );
    ask();
    for (let at = 0; at < events.length; at += 5) {
      const from = file.checkpoint().seq;
      const { markedIncidentIds } = file.applyPage(events.slice(at, at + 5), { assess: true });
      kept.folded(file, from, file.checkpoint().seq, markedIncidentIds);
      if (at % 15 === 0) expect({ at, got: entries(ask()) }).toEqual({ at, got: entries(incidentsNow(file)) });
    }
    expect(entries(ask())).toEqual(entries(incidentsNow(file)));
    expect(reads).toBe(1);
    file.close();
  });
});
