import { sourceStream } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { dayOf } from '../../../projections/src/testing/random-history';
import type { Cut } from '@app/projections';
import type { ReadCut } from '../cut';

/** The cuts the oracle specs read at: four on each clock over a random history's span. */
export function pastCutsOf(recordedAt: Date[]): Cut[] {
  const first = recordedAt[0].getTime();
  const last = recordedAt[recordedAt.length - 1].getTime();
  const recorded = [0.25, 0.5, 0.8, 1].map((f) => ({
    clock: 'RECORDED' as const,
    at: new Date(first + (last - first) * f),
  }));
  const known = [300, 700, 1100, 1500].map((n) => ({ clock: 'KNOWN' as const, at: new Date(`${dayOf(n)}T12:00:00Z`) }));
  return [...recorded, ...known];
}

/** The same, and live. */
export const cutsOf = (recordedAt: Date[]): ReadCut[] => [...pastCutsOf(recordedAt), 'LIVE'];

export const whereOf = (cut: ReadCut): string => (cut === 'LIVE' ? 'LIVE' : `${cut.clock} ${cut.at.toISOString()}`);

/**
 * The events with the streams and revisions a store gives them (the test log numbers none, and files a source
 * merge under no source): each stream's events numbered from 0, a merge on its duplicate's stream.
 */
export function withRevisions(events: readonly StoredEvent[]): StoredEvent[] {
  const next = new Map<string, number>();
  return events.map((e) => {
    const stream = e.type === 'SourcesMerged' ? sourceStream((e.data as { sourceId: string }).sourceId) : e.stream;
    const revision = next.get(stream) ?? 0;
    next.set(stream, revision + 1);
    return { ...e, stream, revision };
  });
}
