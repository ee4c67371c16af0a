import type { Cut } from '@app/projections';
import { type IncidentAtCut, incidentsAt, type ReadStore } from '@app/read-store';
import { ReplayGate } from '../read-model/replay-gate';

/** Lists as of a cut kept (each about 10 MB for 10,000 incidents): a page of queries at one date reads once. */
const KEPT_CUTS = 4;

/** The canonical incidents as of a cut, read from the file: a set that never changes. */
export interface IncidentsAtCut {
  readonly incidents: ReadonlyMap<string, IncidentAtCut>;
  readonly fixed: true;
}

/**
 * Every incident as of a cut, read from a projection file and kept per (file, checkpoint, cut). A read of a new
 * cut holds the event loop while it runs, so they run one at a time with a bounded few waiting (any more are
 * refused UNAVAILABLE), each after a turn of the loop, so that probes and other requests go between them.
 */
export class IncidentCuts {
  private readonly kept = new Map<string, IncidentsAtCut>();
  private readonly gate: ReplayGate;

  constructor(maxWaiting: number) {
    this.gate = new ReplayGate(1, maxWaiting, 'lists as of a date being read');
  }

  /** `generation` names the open file (a swapped-in file starts again at seq 0). Null if it closed meanwhile. */
  read(file: ReadStore, generation: number, cut: Cut): Promise<IncidentsAtCut | null> {
    const kept = this.find(file, generation, cut);
    if (kept) return Promise.resolve(kept);
    return this.gate.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!file.db.open) return null;
      const found = this.find(file, generation, cut);
      if (found) return found;
      const read: IncidentsAtCut = {
        incidents: new Map(incidentsAt(file.db, cut, file.policy).map((i) => [i.incidentId, i])),
        fixed: true,
      };
      while (this.kept.size >= KEPT_CUTS) this.kept.delete(this.kept.keys().next().value as string);
      this.kept.set(this.key(file, generation, cut), read);
      return read;
    });
  }

  private key(file: ReadStore, generation: number, cut: Cut): string {
    return `${generation}|${file.checkpoint().seq}|${cut.clock}|${cut.at.toISOString()}`;
  }

  /** The cut read at the file's checkpoint, if kept (then the most recently used). */
  private find(file: ReadStore, generation: number, cut: Cut): IncidentsAtCut | undefined {
    const key = this.key(file, generation, cut);
    const found = this.kept.get(key);
    if (found) {
      this.kept.delete(key);
      this.kept.set(key, found);
    }
    return found;
  }
}
