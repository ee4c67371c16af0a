import type { Cut } from '@app/projections';
import {
  type ReadStore,
  type SourceAtCut,
  type StatementAtCut,
  type StatementFilterAt,
  sourcesAt,
  statementNodesAt,
} from '@app/read-store';
import { ReplayGate } from '../read-model/replay-gate';

/** Lists kept: the pages of one list (and a few others at the same dates) read the file once. */
const KEPT_LISTS = 16;

/**
 * Statement lists (by State or incident) and the sources as of a cut, read from a projection file and kept per
 * (file, checkpoint, cut, filter). A read holds the event loop while it runs (a State's statements: thousands of
 * rows), so reads run one at a time with a bounded few waiting (any more are refused UNAVAILABLE), each after a
 * turn of the loop, so that probes and other requests go between them.
 */
export class CutLists {
  private readonly kept = new Map<string, unknown>();
  private readonly gate: ReplayGate;

  constructor(maxWaiting: number) {
    this.gate = new ReplayGate(1, maxWaiting, 'statement and source lists as of a date being read');
  }

  /** Null when the filter is by neither State nor incident (see statementNodesAt), or the file closed meanwhile. */
  statements(
    file: ReadStore,
    generation: number,
    cut: Cut,
    filter: StatementFilterAt,
  ): Promise<StatementAtCut[] | null> {
    if (filter.stateCode === undefined && filter.incidentId === undefined) return Promise.resolve(null);
    const key = `statements|${JSON.stringify(filter)}`;
    return this.read(file, generation, cut, key, () => statementNodesAt(file.db, cut, filter));
  }

  /** Every source as of the cut, in registration order; null if the file closed meanwhile. */
  sources(file: ReadStore, generation: number, cut: Cut): Promise<SourceAtCut[] | null> {
    return this.read(file, generation, cut, 'sources', () => sourcesAt(file.db, cut));
  }

  private read<T>(file: ReadStore, generation: number, cut: Cut, what: string, read: () => T): Promise<T | null> {
    const found = this.find<T>(file, generation, cut, what);
    if (found !== undefined) return Promise.resolve(found);
    return this.gate.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!file.db.open) return null;
      const again = this.find<T>(file, generation, cut, what);
      if (again !== undefined) return again;
      const list = read();
      while (this.kept.size >= KEPT_LISTS) this.kept.delete(this.kept.keys().next().value as string);
      this.kept.set(this.key(file, generation, cut, what), list);
      return list;
    });
  }

  /** `generation` names the open file (a swapped-in file starts again at seq 0). */
  private key(file: ReadStore, generation: number, cut: Cut, what: string): string {
    return `${generation}|${file.checkpoint().seq}|${cut.clock}|${cut.at.toISOString()}|${what}`;
  }

  /** The list read at the file's checkpoint, if kept (then the most recently used). */
  private find<T>(file: ReadStore, generation: number, cut: Cut, what: string): T | undefined {
    if (!file.db.open) return undefined;
    const key = this.key(file, generation, cut, what);
    const found = this.kept.get(key) as T | undefined;
    if (found !== undefined) {
      this.kept.delete(key);
      this.kept.set(key, found);
    }
    return found;
  }
}
