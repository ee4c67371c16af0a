import type { IsoDate } from '@app/domain';
import type { Connection, Cut, ReportedDetails } from '@app/projections';
import {
  condemnersAt,
  type FileStatementRows,
  type IncidentAtCut,
  incidentsAt,
  incidentsByIdAt,
  incidentsShownAt,
  type IncidentShownAt,
  type ReadStore,
  reportIncidentsAt,
  reportIncidentsOf,
  type ReportIncidents,
  type SourceAtCut,
  type StatementAtCut,
  type StatementFilterAt,
  sourcesAt,
  statementNodesAt,
} from '@app/read-store';
import { IdleRelease } from './idle-release';
import { ReadGate } from './read-gate';

/** Lists kept: a list's pages, tally and map read once. */
const KEPT = 8;
/**
 * And at most this many entries (incidents, statements, sources) in all, since a list grows with the store: the
 * lists of 3 dates on both clocks held 120 MiB of heap on 10,000 incidents. Enough for one date on both clocks there;
 * a larger list is kept alone.
 */
export const KEPT_ENTRIES = 50_000;
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
  private readonly kept: Kept;
  private readonly pages = new Kept(KEPT_PAGES);
  private readonly reading = new Map<string, Promise<unknown>>();
  private readonly reportOfListed = new WeakMap<IncidentsAtCut, ReportIncidents>();
  private readonly gate: ReadGate;
  private readonly idle: IdleRelease;

  constructor(maxWaiting: number, idleMs = LISTS_IDLE_MS, maxEntries = KEPT_ENTRIES) {
    this.gate = new ReadGate(1, maxWaiting, 'lists as of a date being read');
    this.kept = new Kept(KEPT, maxEntries);
    this.idle = new IdleRelease(idleMs, () => {
      this.kept.clear();
      this.pages.clear();
    });
  }

  incidents(file: ReadStore, generation: number, cut: Cut): Promise<IncidentsAtCut | null> {
    const read = () => ({
      incidents: new Map(incidentsAt(file.db, cut, file.policy).map((i) => [i.incidentId, i])),
      fixed: true as const,
    });
    return this.read(file, generation, cut, 'incidents', read, (list) => list.incidents.size);
  }

  /**
   * The incidents a report as of the cut reads: those of the list as of the cut when it is kept, else only what a
   * report takes of them (`reportIncidentsAt`: no assessment parsed), kept apart.
   */
  reportIncidents(file: ReadStore, generation: number, cut: Cut): Promise<ReportIncidents | null> {
    const listed = this.find<IncidentsAtCut>(this.kept, file, generation, cut, 'incidents');
    if (listed !== undefined) {
      // One object per kept list, so that what is remembered of it (an overview, a tally) is found again.
      let ofListed = this.reportOfListed.get(listed);
      if (ofListed === undefined) {
        ofListed = reportIncidentsOf([...listed.incidents.values()]);
        this.reportOfListed.set(listed, ofListed);
      }
      return Promise.resolve(ofListed);
    }
    const read = () => reportIncidentsAt(file.db, cut, file.policy);
    return this.read(file, generation, cut, 'report incidents', read, (r) => r.incidents.length);
  }

  /** As `incidents`, before the policy: the incidents' own rows only. */
  shownIncidents(file: ReadStore, generation: number, cut: Cut): Promise<IncidentsShownAtCut | null> {
    return this.read(
      file,
      generation,
      cut,
      'shown',
      () => shownAt(file, cut),
      (list) => list.incidents.size,
    );
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
    const read = () => statementNodesAt(file.db, cut, filter);
    return this.read(file, generation, cut, what, read, (list) => list?.length ?? 0);
  }

  /** Who had condemned each of `incidents` (the canonical ones of the same cut) by `on` (condemnersAt). */
  condemners(
    file: ReadStore,
    generation: number,
    cut: Cut,
    rows: FileStatementRows,
    incidents: Iterable<{ incidentId: string; details: ReportedDetails }>,
    on: IsoDate,
    countGeneric: boolean,
  ): Promise<Map<string, Set<string>> | null> {
    const what = `condemners|${on}|${countGeneric}`;
    const read = () => condemnersAt(file.db, cut, rows, incidents, on, countGeneric);
    return this.read(file, generation, cut, what, read, (byIncident) => byIncident.size);
  }

  /** Every source as of the cut, in registration order. */
  sources(file: ReadStore, generation: number, cut: Cut): Promise<SourceAtCut[] | null> {
    return this.read(
      file,
      generation,
      cut,
      'sources',
      () => sourcesAt(file.db, cut),
      (list) => list.length,
    );
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
    this.pages.set(this.key(file, generation, cut, what), value);
    return value;
  }

  /** `entries`: what the list's memory grows with (its incidents, statements or sources). */
  private read<T>(
    file: ReadStore,
    generation: number,
    cut: Cut,
    what: string,
    read: () => T,
    entries: (list: T) => number,
  ): Promise<T | null> {
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
      this.kept.set(key, value, entries(value));
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
  private find<T>(kept: Kept, file: ReadStore, generation: number, cut: Cut, what: string): T | undefined {
    if (!file.db.open) return undefined;
    this.idle.touch();
    return kept.get<T>(this.key(file, generation, cut, what));
  }
}

/** Values by key, the least recently used going first beyond `maxCount` values or `maxEntries` entries in all. */
class Kept {
  private readonly values = new Map<string, { value: unknown; entries: number }>();
  private entries = 0;

  constructor(
    private readonly maxCount: number,
    private readonly maxEntries = Number.POSITIVE_INFINITY,
  ) {}

  /** The value kept under `key` (then the most recently used). */
  get<T>(key: string): T | undefined {
    const found = this.values.get(key);
    if (found === undefined) return undefined;
    this.values.delete(key);
    this.values.set(key, found);
    return found.value as T;
  }

  /** A value of more than `maxEntries` entries on its own is kept alone (its page, tally and map read it once). */
  set(key: string, value: unknown, entries = 1): void {
    this.delete(key);
    while (this.values.size > 0 && (this.values.size >= this.maxCount || this.entries + entries > this.maxEntries))
      this.delete(this.values.keys().next().value as string);
    this.values.set(key, { value, entries });
    this.entries += entries;
  }

  clear(): void {
    this.values.clear();
    this.entries = 0;
  }

  private delete(key: string): void {
    const found = this.values.get(key);
    if (found === undefined) return;
    this.values.delete(key);
    this.entries -= found.entries;
  }
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
