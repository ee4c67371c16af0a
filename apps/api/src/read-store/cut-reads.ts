import type { IncidentDetails, IsoDate } from '@app/domain';
import type { Connection, Cut } from '@app/projections';
import {
  condemnersAt,
  type IncidentAtCut,
  incidentsAt,
  incidentsByIdAt,
  incidentsShownAt,
  type IncidentShownAt,
  type ReadStore,
  type SourceAtCut,
  type StatementAtCut,
  type StatementFilterAt,
  sourcesAt,
  statementNodesAt,
} from '@app/read-store';
import { IdleRelease } from '../read-model/idle-release';
import { ReplayGate } from '../read-model/replay-gate';

/** Lists kept (every incident of a cut is about 10 MB for 10,000): a list's pages, tally and map read once. */
const KEPT = 8;
/** Pages kept apart from the lists (a page is a few kB): the same page asked again is not read again. */
const KEPT_PAGES = 64;
/** Lists nobody asked about for this long are let go (every incident of a cut: tens of MiB on a large store). */
export const LISTS_IDLE_MS = 60_000;

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
 * The lists as of a cut read from a projection file (every incident, every incident before the policy, a State's
 * or an incident's statements, the sources), kept per (file, checkpoint, cut, list). A read of a new list holds
 * the event loop while it runs, so they run one at a time with a bounded few waiting (any more are refused
 * UNAVAILABLE), each after a turn of the loop, so that probes and other requests go between them. `generation`
 * names the open file (a swapped-in file starts again at seq 0). Each answers null if the file closed meanwhile.
 * Everything kept goes once nothing has been asked for `idleMs`.
 */
export class CutReads {
  private readonly kept = new Map<string, unknown>();
  private readonly pages = new Map<string, unknown>();
  private readonly reading = new Map<string, Promise<unknown>>();
  private readonly gate: ReplayGate;
  private readonly idle: IdleRelease;

  constructor(maxWaiting: number, idleMs = LISTS_IDLE_MS) {
    this.gate = new ReplayGate(1, maxWaiting, 'lists as of a date being read');
    this.idle = new IdleRelease(idleMs, () => {
      this.kept.clear();
      this.pages.clear();
    });
  }

  incidents(file: ReadStore, generation: number, cut: Cut): Promise<IncidentsAtCut | null> {
    return this.read(file, generation, cut, 'incidents', () => ({
      incidents: new Map(incidentsAt(file.db, cut, file.policy).map((i) => [i.incidentId, i])),
      fixed: true as const,
    }));
  }

  /** As `incidents`, before the policy: the incidents' own rows only. */
  shownIncidents(file: ReadStore, generation: number, cut: Cut): Promise<IncidentsShownAtCut | null> {
    return this.read(file, generation, cut, 'shown', () => shownAt(file, cut));
  }

  /** Null too when the filter is by neither State nor incident (see statementNodesAt). */
  statements(
    file: ReadStore,
    generation: number,
    cut: Cut,
    filter: StatementFilterAt,
  ): Promise<StatementAtCut[] | null> {
    if (filter.stateCode === undefined && filter.incidentId === undefined) return Promise.resolve(null);
    const what = `statements|${JSON.stringify(filter)}`;
    return this.read(file, generation, cut, what, () => statementNodesAt(file.db, cut, filter));
  }

  /** Who had condemned each of `incidents` (the canonical ones of the same cut) by `on` (condemnersAt). */
  condemners(
    file: ReadStore,
    generation: number,
    cut: Cut,
    incidents: Iterable<{ incidentId: string; details: IncidentDetails }>,
    on: IsoDate,
    countGeneric: boolean,
  ): Promise<Map<string, Set<string>> | null> {
    const what = `condemners|${on}|${countGeneric}`;
    return this.read(file, generation, cut, what, () => condemnersAt(file.db, cut, incidents, on, countGeneric));
  }

  /** Every source as of the cut, in registration order. */
  sources(file: ReadStore, generation: number, cut: Cut): Promise<SourceAtCut[] | null> {
    return this.read(file, generation, cut, 'sources', () => sourcesAt(file.db, cut));
  }

  /**
   * A page read at once (bounded work: no gate, no turn of the loop), kept per (file, checkpoint, cut, `what`) apart
   * from the lists; null when the file is closed.
   */
  page<T>(file: ReadStore, generation: number, cut: Cut, what: string, read: () => T): T | null {
    if (!file.db.open) return null;
    const found = this.find<T>(this.pages, file, generation, cut, what);
    if (found !== undefined) return found;
    const value = read();
    keep(this.pages, KEPT_PAGES, this.key(file, generation, cut, what), value);
    return value;
  }

  private read<T>(file: ReadStore, generation: number, cut: Cut, what: string, read: () => T): Promise<T | null> {
    const found = this.find<T>(this.kept, file, generation, cut, what);
    if (found !== undefined) return Promise.resolve(found);
    // The same list asked again while it is read waits for that read (no second read, no place in the queue).
    const key = this.key(file, generation, cut, what);
    const reading = this.reading.get(key) as Promise<T | null> | undefined;
    if (reading) return reading;
    const list = this.gate.run(async () => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!file.db.open) return null;
      const again = this.find<T>(this.kept, file, generation, cut, what);
      if (again !== undefined) return again;
      const value = read();
      keep(this.kept, KEPT, key, value);
      return value;
    });
    this.reading.set(key, list);
    void list.finally(() => this.reading.delete(key)).catch(() => undefined);
    return list;
  }

  private key(file: ReadStore, generation: number, cut: Cut, what: string): string {
    return `${generation}|${file.checkpoint().seq}|${cut.clock}|${cut.at.toISOString()}|${what}`;
  }

  /** The list or page read at the file's checkpoint, if kept in `kept` (then the most recently used). */
  private find<T>(
    kept: Map<string, unknown>,
    file: ReadStore,
    generation: number,
    cut: Cut,
    what: string,
  ): T | undefined {
    if (!file.db.open) return undefined;
    this.idle.touch();
    const key = this.key(file, generation, cut, what);
    const found = kept.get(key) as T | undefined;
    if (found !== undefined) {
      kept.delete(key);
      kept.set(key, found);
    }
    return found;
  }
}

/** Keeps `value` under `key`, the least recently used going first when `kept` holds `max`. */
function keep(kept: Map<string, unknown>, max: number, key: string, value: unknown): void {
  while (kept.size >= max) kept.delete(kept.keys().next().value as string);
  kept.set(key, value);
}

/** The incidents before the policy; reading a status of one is a mistake of the caller's, said at once. */
export function shownAt(file: ReadStore, cut: Cut): IncidentsShownAtCut {
  const listed = incidentsShownAt(file.db, cut).map(
    (i) =>
      Object.defineProperties(i, {
        assessment: { get: () => notRead('a status') },
        statusHistory: { get: () => notRead('a status') },
      }) as ShownIncident,
  );
  return { incidents: new Map(listed.map((i) => [i.incidentId, i])), fixed: true, seq: file.checkpoint().seq };
}

type ShownIncident = IncidentShownAt & { readonly assessment: never; readonly statusHistory: never };

const notRead = (what: string): never => {
  throw new Error(`a list read before the policy was asked for ${what}`);
};

/**
 * A page of incidents as of a cut with each incident assessed: the page's own rows read together
 * (`incidentsByIdAt`), in the caller's read transaction if any.
 */
export function assessedPage(
  file: ReadStore,
  cut: Cut,
  page: Connection<{ incidentId: string }>,
): Connection<IncidentAtCut> {
  const ids = page.edges.map(({ node }) => node.incidentId);
  const assessed = incidentsByIdAt(file.db, cut, ids, file.policy);
  const edges = page.edges.map(({ cursor }, i) => {
    const node = assessed[i];
    if (node === null) throw new Error(`incident ${ids[i]} is listed but not readable at its cut`);
    return { cursor, node };
  });
  return { ...page, edges };
}
