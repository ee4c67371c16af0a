import type { StoredEvent } from '@app/event-store';

/**
 * The random histories correct places, users and situations, never dates: here some of their corrections set the
 * dates instead (both, the start alone or the end alone), so that a correction within or beyond a cut moves an
 * incident's dates.
 */
export function withDateCorrections(events: StoredEvent[]): StoredEvent[] {
  const day = (k: number) => `20${10 + (k % 9)}-0${1 + (k % 9)}-1${k % 10}`;
  let n = 0;
  return events.map((e) => {
    if (e.type !== 'IncidentCorrected' || n++ % 4 === 3) return e;
    const changes: Record<string, string> = [
      { occurredFrom: day(n), occurredTo: day(n + 1) },
      { occurredFrom: day(n + 2) },
      { occurredTo: day(n + 4) },
    ][n % 3];
    return { ...e, data: { ...e.data, changes } };
  });
}
