import type { IncidentDetails, ResolutionDetails, SituationDetails } from '@app/domain';
import {
  liveIncident,
  liveSituations,
  type LoggedCorroboration,
  type ReadStore,
  type ResolutionAtCut,
  resolutionsAt,
  type SituationNow,
  type SourceAtCut,
  sourcesAt,
  type StatementAtCut,
  statementAt,
} from '@app/read-store';

/** An incident as an import compares a row with it. */
export interface IncidentNow {
  /** Its stream's revision; a merged duplicate's is its canonical incident's (an import leaves a duplicate alone). */
  revision: number;
  merged: boolean;
  /** Withdrawn; false for a merged duplicate, which an import leaves alone. */
  withdrawn: boolean;
  details: IncidentDetails;
}

/**
 * The registry as an import plans against it: the live rows of the projection file (caught up before planning,
 * and nothing is written until the plan is made), read by key as each row asks (an incident, a statement, a
 * corroboration, the keys of a dataset), or once for the kinds there are few of (sources, situations,
 * resolutions). Bounded reads: planning never holds the whole registry in memory.
 */
export class RegistryNow {
  private sourceList?: Map<string, SourceAtCut>;
  private situationList?: Map<string, SituationNow>;

  constructor(private readonly file: ReadStore) {}

  /** A source with this id (a merged duplicate is still one). */
  sourceExists(id: string | undefined): boolean {
    return id !== undefined && this.file.lookups.sourceName(id) !== undefined;
  }

  /** An incident with this id (a merged duplicate's id resolves to its incident). */
  incidentExists(id: string | undefined): boolean {
    return id !== undefined && this.file.lookups.canonicalIncidentId(id) !== undefined;
  }

  situationExists(id: string): boolean {
    return this.file.lookups.situationExists(id);
  }

  source(id: string): SourceAtCut | undefined {
    this.sourceList ??= new Map(sourcesAt(this.file.db, 'LIVE').map((s) => [s.sourceId, s]));
    return this.sourceList.get(id);
  }

  incident(id: string): IncidentNow | undefined {
    const found = liveIncident(this.file.db, id, this.file.policy, null);
    if (found === null) return undefined;
    const { revision, withdrawal, details } = found;
    const merged = found.incidentId !== id;
    return { revision, merged, withdrawn: !merged && withdrawal !== null, details };
  }

  corroboration(id: string): LoggedCorroboration | undefined {
    return this.file.lookups.loggedCorroboration(id);
  }

  statement(id: string): StatementAtCut | undefined {
    return statementAt(this.file.db, 'LIVE', id) ?? undefined;
  }

  resolution(id: string): (ResolutionDetails & { revision: number }) | undefined {
    const [found]: (ResolutionAtCut | undefined)[] = resolutionsAt(this.file.db, 'LIVE', id);
    return found;
  }

  situation(id: string): (SituationDetails & { revision: number }) | undefined {
    this.situationList ??= new Map(liveSituations(this.file.db).map((s) => [s.situationId, s]));
    return this.situationList.get(id);
  }

  /** Every idempotency key used that starts with `prefix`: the rows one dataset imported of one kind. */
  keysStartingWith(prefix: string): string[] {
    return this.file.lookups.keysStartingWith(prefix);
  }
}
