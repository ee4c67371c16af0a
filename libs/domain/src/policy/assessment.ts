import type { EvidenceKind, Grade, InvestigationOutcome, InvestigatorKind, IsoDate, Stance, StatementKind } from '../events';

/** The statuses, weakest to strongest, plus the two that end an incident's case. */
export const STATUSES = ['ALLEGED', 'CORROBORATED', 'CONTESTED', 'CONFIRMED', 'NOT_CONFIRMED', 'WITHDRAWN'] as const;
export type Status = (typeof STATUSES)[number];
/** Dubrovnik Action Plan: CONDEMN when confirmed, CONCERN when alleged/corroborated/contested. */
export type Readiness = 'CONDEMN' | 'CONCERN' | 'NONE';

/** Everything the policy looks at for one incident, as plain data, each item with its evidence date. */
export interface IncidentEvidence {
  incidentId: string;
  /** State codes of the alleged user (empty when unknown or a non-State armed group). */
  allegedUserStateCodes: string[];
  withdrawnOn?: IsoDate;
  corroborations: CorroborationEvidence[];
  investigations: InvestigationEvidence[];
  /** Statements referring to the incident; only the alleged user's ACKNOWLEDGEMENT/DENIAL matter. */
  statements: StatementEvidence[];
}

export interface CorroborationEvidence {
  corroborationId: string;
  sourceId: string;
  /** The source's grade as known at the assessment's cut. */
  sourceGrade: Grade;
  /** True when the source is the alleged user itself (a State source whose code is the user's). */
  sourceIsAllegedUser?: boolean;
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
  openedOn: IsoDate;
  outcome?: InvestigationOutcome;
  concludedOn?: IsoDate;
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
  /** Evidence date on which the incident was first CONFIRMED, if it is confirmed now. */
  confirmedOn: IsoDate | null;
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
