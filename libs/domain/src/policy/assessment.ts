import type {
  AllegedUserKind,
  Credibility,
  EvidenceKind,
  Grade,
  InvestigationOutcome,
  InvestigatorKind,
  IsoDate,
  Stance,
  StatementKind,
} from '../events';

/** The statuses, weakest to strongest, plus the two that end an incident's case. */
export const STATUSES = ['ALLEGED', 'CORROBORATED', 'CONTESTED', 'CONFIRMED', 'NOT_CONFIRMED', 'WITHDRAWN'] as const;
export type Status = (typeof STATUSES)[number];
/** Dubrovnik Action Plan: CONDEMN when confirmed, CONCERN when alleged/corroborated/contested. */
export type Readiness = 'CONDEMN' | 'CONCERN' | 'NONE';

/** Everything the policy looks at for one incident, as plain data, each item with its evidence date. */
export interface IncidentEvidence {
  incidentId: string;
  /** State codes of the alleged user (empty when unknown or a non-State armed group); a coalition's known members. */
  allegedUserStateCodes: string[];
  allegedUserKind?: AllegedUserKind;
  allegedUserName?: string;
  /** States named as producer or supplier of the munition: interested parties where the policy says so. */
  producerStateCodes?: string[];
  supplierStateCodes?: string[];
  withdrawnOn?: IsoDate;
  corroborations: CorroborationEvidence[];
  investigations: InvestigationEvidence[];
  /** Statements referring to the incident; only the alleged user's ACKNOWLEDGEMENT/DENIAL matter. */
  statements: StatementEvidence[];
}

export interface CorroborationEvidence {
  corroborationId: string;
  sourceId: string;
  /** The grade at registration, changed from their dates by `regrades` (cutEvidence sets the grade of its day). */
  sourceGrade: Grade;
  /** Regrades in recording order, each in effect from its date. */
  regrades?: GradeFrom[];
  sourceName?: string;
  /** The organisation the source belongs to (its root parent, merges followed): independence is judged by it. */
  organisationId?: string;
  /** A STATE source's code: how it is matched to the alleged user and the other interested parties. */
  sourceStateCode?: string;
  /** Admiralty information credibility 1–6; 6 ("cannot be judged") when not given. */
  credibility?: Credibility;
  geolocationPrecisionMeters?: number;
  /** Set on the report an investigation's conclusion counts as (see investigationReports). */
  fromInvestigation?: boolean;
  stance: Stance;
  evidenceKinds: EvidenceKind[];
  publishedOn: IsoDate;
  derivedFrom?: string;
  retractedOn?: IsoDate;
}

export interface InvestigationEvidence {
  investigationId: string;
  investigatorKind: InvestigatorKind;
  investigatorStateCode?: string;
  investigatorName?: string;
  /** The investigator's organisation (a registered source's root organisation), grade and regrades. */
  investigatorOrganisationId?: string;
  investigatorGrade?: Grade;
  investigatorRegrades?: GradeFrom[];
  openedOn: IsoDate;
  outcome?: InvestigationOutcome;
  concludedOn?: IsoDate;
}

/** A regrade in effect from `from` (an evidence date). */
export interface GradeFrom {
  grade: Grade;
  from: IsoDate;
}

export interface StatementEvidence {
  statementId: string;
  kind: StatementKind;
  speakers: string[];
  deliveredOn: IsoDate;
}

export interface Assessment {
  status: Status;
  readiness: Readiness;
  /** Machine name of the rule that fired, e.g. `CONFIRMED_BY_PHYSICAL_EVIDENCE`. */
  rule: string;
  /** Plain-words reasons for the status. */
  reasons: string[];
  /** Ids of the corroborations, investigations or statements that satisfied the rule. */
  evidenceIds: string[];
  /** Plain-words list of what is missing for the next level; empty when nothing more can raise it. */
  missing: string[];
  /** Number of independent supporting sources (A–F, not retracted, not derived). */
  independentSupportingSources: number;
  /** Of those, the ones graded high enough to count for corroboration (A–C by default). */
  independentCorroboratingSources: number;
  /** Evidence date on which the current status first held (continuously up to now). */
  statusSince: IsoDate | null;
  policyVersion: string;
}

/** One change of status, on the evidence date it happened (see statusHistory). */
export interface StatusChange {
  status: Status;
  readiness: Readiness;
  on: IsoDate;
  rule: string;
  evidenceIds: string[];
}

/**
 * What the policy gave from one of an incident's evidence dates on. The evidence known changes only on those dates,
 * so the status on any later day before the next one is the same; the dates are kept where the status or the rule
 * changes, from the first, so the last kept on or before a day is the answer on that day: "its status on the day a
 * State spoke" is read, not worked out again.
 */
export interface StatusOnDate {
  on: IsoDate;
  status: Status;
  readiness: Readiness;
  /** NO_SUPPORTING_SOURCE on a date where nothing supports it yet (then it has no status to show). */
  rule: string;
}
