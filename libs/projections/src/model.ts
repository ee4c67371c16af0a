import type {
  Assessment,
  CorroborationFacts,
  Grade,
  IncidentDetails,
  InvestigationOutcome,
  Investigator,
  IsoDate,
  PolicyConfig,
  SourceKind,
  StatementDetails,
  StatusChange,
  StatusOnDate,
} from '@app/domain';
import type { ResolutionDetails, SituationDetails } from '@app/domain';
import type { Position } from '@app/event-store';
import { AuditTrail } from './audit-trail';

export { AuditTrail, type AuditEntry } from './audit-trail';

/**
 * The registry read model: plain maps, mutated in place by `evolveRegistry` (a rebuild over millions of
 * events cannot afford copies). Queries never mutate it.
 */

export interface GradeChange {
  grade: Grade;
  previousGrade: Grade | null;
  /** Evidence date of the regrade; null for the grade given at registration. */
  regradedOn: IsoDate | null;
  reason: string | null;
  eventId: string;
  recordedAt: Date;
}

export interface SourceView {
  sourceId: string;
  /** Revision of its own stream (the first event is 0): what a client sends as `expectedRevision`. */
  revision: number;
  name: string;
  kind: SourceKind;
  grade: Grade;
  homepage?: string;
  grades: GradeChange[];
  recordedAt: Date;
  /** A STATE source's code; null when an older registration gave none and its name names no State. */
  stateCode: string | null;
  /** True when an older STATE registration's code could not be inferred from its name: to be corrected. */
  stateCodeUnresolved: boolean;
  parentOrganisation: string | null;
  aliases: string[];
  /** Set on a duplicate folded into its canonical source (see SourcesMerged). */
  mergedInto: { canonicalSourceId: string; reason: string; mergedOn: IsoDate; recordedAt: Date } | null;
  mergedDuplicates: string[];
}

export interface Retraction {
  reason: string;
  retractedOn: IsoDate;
  eventId: string;
  recordedAt: Date;
}

export interface CorroborationView extends CorroborationFacts {
  /** The canonical incident that holds it now (changes when its incident is merged). */
  incidentId: string;
  /** The incident it was logged against. */
  originalIncidentId: string;
  retraction: Retraction | null;
  eventId: string;
  recordedAt: Date;
}

export interface Correction<T> {
  changes: Partial<T>;
  /** The values it replaced (the same keys as `changes`): undone in reverse, the corrections give the original. */
  before: Partial<T>;
  reason: string;
  correctedOn: IsoDate;
  eventId: string;
  recordedAt: Date;
}

export interface IncidentView extends IncidentLinks {
  incidentId: string;
  /** Revision of its own stream (the first event is 0): what a client sends as `expectedRevision`. */
  revision: number;
  /** Details as corrected. */
  details: IncidentDetails;
  reportedOn: IsoDate;
  corrections: Correction<IncidentDetails>[];
  /** Set on a merged duplicate: its id resolves to the canonical incident from then on. */
  mergedInto: { canonicalIncidentId: string; reason: string; mergedOn: IsoDate; recordedAt: Date } | null;
  /** Duplicates folded into this incident (direct ones). */
  mergedDuplicates: string[];
  withdrawal: { reason: string; withdrawnOn: IsoDate; recordedAt: Date } | null;
  /** Of statementIds, the alleged user's own (the only ones the policy reads), in the same order; no repeats. */
  userStatementIds: string[];
  assessment: Assessment;
  statusHistory: StatusChange[];
  /** The policy's status on each of its evidence dates, ascending: the same pass as the history works them out. */
  statusOnDates: StatusOnDate[];
  eventId: string;
  recordedAt: Date;
}

export interface InvestigationView {
  investigationId: string;
  /** Revision of its own stream (the first event is 0): what a client sends as `expectedRevision`. */
  revision: number;
  investigator: Investigator;
  /** As logged; resolve through `resolveIncidentId` for merged duplicates. */
  incidentIds: string[];
  mandate: string;
  openedOn: IsoDate;
  outcome: InvestigationOutcome | null;
  findings: string | null;
  concludedOn: IsoDate | null;
  /** When the conclusion was recorded (null while open). */
  conclusionRecordedAt: Date | null;
  eventIds: string[];
  recordedAt: Date;
}

export interface StatementView extends StatementDetails {
  statementId: string;
  /** Recording order: how many statements the model held when this one was recorded. */
  seq: number;
  /** Revision of its own stream (the first event is 0): what a client sends as `expectedRevision`. */
  revision: number;
  corrections: Correction<StatementDetails>[];
  eventId: string;
  recordedAt: Date;
}

/** What links evidence to an incident; corroboration ids in logging order (a duplicate's appended at the merge). */
export interface IncidentLinks {
  corroborationIds: string[];
  investigationIds: Set<string>;
  /** In linking order (a corrected statement moves to the end), no repeats. */
  statementIds: string[];
  /** Statements that referred to it until a correction moved them (their events stay in its history). */
  formerStatementIds: string[];
  audit: AuditTrail;
}

export interface SituationView extends SituationDetails {
  situationId: string;
  /** Revision of its own stream (the first event is 0): what a client sends as `expectedRevision`. */
  revision: number;
  corrections: Correction<SituationDetails>[];
  eventId: string;
  recordedAt: Date;
}

/** A resolution with each State's vote: a YES counts as that State's statement of the resolution's kind. */
export interface ResolutionView extends ResolutionDetails {
  resolutionId: string;
  revision: number;
  eventId: string;
  recordedAt: Date;
}

export interface IdempotentResult {
  inputHash: string;
  stream: string;
  position: Position;
}

export interface RegistryModel {
  sources: Map<string, SourceView>;
  incidents: Map<string, IncidentView>;
  corroborations: Map<string, CorroborationView>;
  investigations: Map<string, InvestigationView>;
  statements: Map<string, StatementView>;
  /** State code -> ids of the statements it delivered or co-signed, in recording order, no repeats. */
  statementsByState: Map<string, string[]>;
  /** Source id -> ids of its corroborations (to re-assess on a regrade). */
  corroborationsBySource: Map<string, Set<string>>;
  /** Merged duplicate id -> the incident it was merged into (follow the chain to the canonical one). */
  mergedInto: Map<string, string>;
  /**
   * Evidence logged against an incident the model does not hold yet (on the KNOWN clock a source may be
   * dated before the allegation); adopted when the incident appears.
   */
  orphans: Map<string, IncidentLinks>;
  /**
   * Idempotency key (event metadata `idempotencyKey`) -> the command's input hash, stream and the
   * position of its last event, so that a retried command returns its first result.
   */
  idempotency: Map<string, IdempotentResult>;
  /** Position of the last event folded in; null before the first. */
  checkpoint: Position | null;
  eventsApplied: number;
  /** Events skipped because they were unknown, newer than this code, or could not be parsed. */
  skipped: number;
  /** Ids of the last skipped events (at most SKIPPED_IDS_KEPT), for the health endpoint. */
  skippedEventIds: string[];
  /**
   * Events the deciders never emit but the fold still takes in (a correction or withdrawal addressed to a
   * merged duplicate, a second withdrawal, retraction or conclusion, an id logged twice, a merge into no
   * incident), counted for the health report: their effect depends on the order of events, not on their dates.
   */
  irregularEvents: number;
  /**
   * Set on a replay up to a day on the KNOWN clock: the events are cut by their evidence date (`cutFilter`), and
   * the fold leaves out what an event within the cut carries dated after the day (an allegation's first source,
   * published after the allegation became public).
   */
  knownOn: IsoDate | null;
  /** Latest evidence date seen (the default report date for speak-out reports). */
  latestEvidenceDate: IsoDate | null;
  policy: PolicyConfig | undefined;
  /** When true (bulk rebuilds), assessments are recomputed once by `settleRegistry`, not per event. */
  deferAssessments: boolean;
  dirty: Set<string>;
  /** Whether audit trails keep full entries (with summaries); see AuditTrail. */
  keepAuditEntries: boolean;
  situations: Map<string, SituationView>;
  resolutions: Map<string, ResolutionView>;
  /** Whether statements keep their quote and citation; see TEXTS_IN_STORE. */
  keepStatementTexts: boolean;
  /** Id -> a frozen one-id list, shared by the statements naming only that speaker or incident. */
  sharedLists: Map<string, string[]>;
  /** ISO 3166-1 code -> name, to infer the code of STATE sources registered before codes were required. */
  countries: ReadonlyMap<string, string> | undefined;
}

export const SKIPPED_IDS_KEPT = 100;

export interface ModelOptions {
  policy?: PolicyConfig;
  deferAssessments?: boolean;
  /** Default true; the live projection passes false (see AuditTrail). */
  keepAuditEntries?: boolean;
  /** Default true; the live projection passes false (see TEXTS_IN_STORE). */
  keepStatementTexts?: boolean;
  countries?: ReadonlyMap<string, string>;
  /** See RegistryModel.knownOn. */
  knownOn?: IsoDate;
}

export function createRegistryModel(options: ModelOptions = {}): RegistryModel {
  return {
    sources: new Map(),
    incidents: new Map(),
    corroborations: new Map(),
    investigations: new Map(),
    statements: new Map(),
    statementsByState: new Map(),
    corroborationsBySource: new Map(),
    mergedInto: new Map(),
    orphans: new Map(),
    idempotency: new Map(),
    checkpoint: null,
    eventsApplied: 0,
    skipped: 0,
    skippedEventIds: [],
    irregularEvents: 0,
    knownOn: options.knownOn ?? null,
    latestEvidenceDate: null,
    policy: options.policy,
    deferAssessments: options.deferAssessments ?? false,
    dirty: new Set(),
    keepAuditEntries: options.keepAuditEntries ?? true,
    keepStatementTexts: options.keepStatementTexts ?? true,
    sharedLists: new Map(),
    countries: options.countries,
    situations: new Map(),
    resolutions: new Map(),
  };
}

/** The canonical id an incident id resolves to (itself unless merged, possibly through a chain). */
export function resolveIncidentId(model: Pick<RegistryModel, 'mergedInto'>, id: string): string {
  let current = id;
  // A chain is short; the bound only guards against a corrupt cycle.
  for (let i = 0; i < 64; i++) {
    const next = model.mergedInto.get(current);
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

export function findIncident(model: RegistryModel, id: string): IncidentView | undefined {
  return model.incidents.get(resolveIncidentId(model, id));
}
