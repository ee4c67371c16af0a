import type { Cut } from '@app/projections';
import {
  type IncidentAtCut,
  incidentsAt,
  incidentsShownAt,
  type IncidentShownAt,
  type ReadStore,
} from '@app/read-store';
import { ReplayGate } from '../read-model/replay-gate';

/** Lists as of a cut kept (each about 10 MB for 10,000 incidents): a page of queries at one date reads once. */
const KEPT_CUTS = 4;

/** The canonical incidents as of a cut, read from the file: a set that never changes. */
export interface IncidentsAtCut {
  readonly incidents: ReadonlyMap<string, IncidentAtCut>;
  readonly fixed: true;
}

/**
 * The canonical incidents as of a cut before the policy (`incidentsShownAt`), for a page that needs no status:
 * a list reads them as it reads any incident, and the types say that their statuses are never there.
 */
export interface IncidentsShownAtCut {
  readonly incidents: ReadonlyMap<
    string,
    IncidentShownAt & { readonly assessment: never; readonly statusHistory: never }
  >;
  readonly fixed: true;
  /** The file's checkpoint when read: the page's own incidents must be assessed on the same rows. */
  readonly seq: number;
}

/**
 * Every incident as of a cut, read from a projection file and kept per (file, checkpoint, cut). A read of a new
 * cut holds the event loop while it runs, so they run one at a time with a bounded few waiting (any more are
 * refused UNAVAILABLE), each after a turn of the loop, so that probes and other requests go between them.
 */
export class IncidentCuts {
  private readonly kept = new Map<string, IncidentsAtCut | IncidentsShownAtCut>();
  private readonly gate: ReplayGate;

  constructor(maxWaiting: number) {
    this.gate = new ReplayGate(1, maxWaiting, 'lists as of a date being read');
  }

  /** `generation` names the open file (a swapped-in file starts again at seq 0). Null if it closed meanwhile. */
  read(file: ReadStore, generation: number, cut: Cut): Promise<IncidentsAtCut | null> {
    return this.keep('assessed', file, generation, cut, () => ({
      incidents: new Map(incidentsAt(file.db, cut, file.policy).map((i) => [i.incidentId, i])),
      fixed: true,
    }));
  }

  /** As `read`, before the policy: the incidents' own rows only. */
  shown(file: ReadStore, generation: number, cut: Cut): Promise<IncidentsShownAtCut | null> {
    return this.keep('shown', file, generation, cut, () => shownAt(file, cut));
  }

  private keep<T extends IncidentsAtCut | IncidentsShownAtCut>(
    kind: string,
    file: ReadStore,
    generation: number,
    cut: Cut,
    read: () => T,
  ): Promise<T | null> {
    const kept = this.find(kind, file, generation, cut) as T | undefined;
    if (kept) return Promise.resolve(kept);
    return this.gate.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!file.db.open) return null;
      const found = this.find(kind, file, generation, cut) as T | undefined;
      if (found) return found;
      const fresh = read();
      while (this.kept.size >= KEPT_CUTS) this.kept.delete(this.kept.keys().next().value as string);
      this.kept.set(this.key(kind, file, generation, cut), fresh);
      return fresh;
    });
  }

  private key(kind: string, file: ReadStore, generation: number, cut: Cut): string {
    return `${kind}|${generation}|${file.checkpoint().seq}|${cut.clock}|${cut.at.toISOString()}`;
  }

  /** The cut read at the file's checkpoint, if kept (then the most recently used). */
  private find(kind: string, file: ReadStore, generation: number, cut: Cut) {
    const key = this.key(kind, file, generation, cut);
    const found = this.kept.get(key);
    if (found) {
      this.kept.delete(key);
      this.kept.set(key, found);
    }
    return found;
  }
}

/** The incidents before the policy; reading a status of one is a mistake of the caller's, said at once. */
export function shownAt(file: ReadStore, cut: Cut): IncidentsShownAtCut {
  const notRead = (): never => {
    throw new Error('a list read before the policy was asked for a status');
  };
  const incidents = new Map(
    incidentsShownAt(file.db, cut).map((i) => [
      i.incidentId,
      Object.defineProperties(i, {
        assessment: { get: notRead },
        statusHistory: { get: notRead },
      }) as IncidentShownAt & {
        readonly assessment: never;
        readonly statusHistory: never;
      },
    ]),
  );
  return { incidents, fixed: true, seq: file.checkpoint().seq };
}
