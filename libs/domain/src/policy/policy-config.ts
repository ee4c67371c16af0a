import type { Credibility, EvidenceKind, Grade, InvestigatorKind } from '../events';

/** The ways an incident can be confirmed; each names one confirmation rule. */
export type ConfirmationBasis = 'ACKNOWLEDGEMENT' | 'INVESTIGATION' | 'PHYSICAL_EVIDENCE';
/** Who counts as an interested party: the alleged user (and a coalition's members), producer, supplier. */
export type InterestedRole = 'ALLEGED_USER' | 'PRODUCER' | 'SUPPLIER';

/**
 * Every threshold of the confirmation policy, in one versioned object. A projection rebuilt under a
 * new version gives new statuses without touching the events; bump `version` on any change here.
 */
export interface PolicyConfig {
  version: string;
  /** Grades whose supporting sources count towards corroboration. */
  corroborationGrades: readonly Grade[];
  /** Information credibilities (1–6) whose reports count towards corroboration and confirmation. */
  countedCredibilities: readonly Credibility[];
  /** A source graded F (reliability cannot be judged; E is unreliable) counts when its report is rated one of these. */
  unjudgedSourceCredibilities: readonly Credibility[];
  /** Independent supporting sources (graded as above) needed for CORROBORATED. */
  minIndependentSources: number;
  /** Grades whose physical or forensic evidence confirms a corroborated incident. */
  physicalEvidenceGrades: readonly Grade[];
  /** Evidence kinds that count as physical or forensic. */
  physicalEvidenceKinds: readonly EvidenceKind[];
  /** Kinds that count as physical evidence too when geolocated within `maxPrecisionMeters`. */
  geolocatedEvidence: { kinds: readonly EvidenceKind[]; maxPrecisionMeters: number };
  /** Grades of an independent source whose dispute contests the use. */
  contestingGrades: readonly Grade[];
  /** Credible independent disputes needed for CONTESTED. */
  minContestingSources: number;
  /**
   * Confirmations that stand even against a credible dispute. An investigation weighed the evidence,
   * disputes included, and an admission by the user itself outweighs anyone else's doubt; physical
   * evidence stays open to a credible source that disputes it.
   */
  disputeOverriddenBy: readonly ConfirmationBasis[];
  /** A supporting corroboration from the alleged user carrying one of these kinds is an acknowledgement. */
  admissionKinds: readonly EvidenceKind[];
  /** When several confirmations hold, the rule reported is the first of this order. */
  confirmationOrder: readonly ConfirmationBasis[];
  /** Whose denials, disputes and findings of no use are shown but never lower or clear the status. */
  interestedParties: readonly InterestedRole[];
  /**
   * Investigators whose conclusion confirms or clears on its own (when not an interested party): these
   * kinds, or any investigator graded as listed. Any other conclusion counts as one report of its grade.
   */
  selfStandingInvestigatorKinds: readonly InvestigatorKind[];
  selfStandingInvestigatorGrades: readonly Grade[];
  /** A finding of no use facing physical evidence (graded as above) contests instead of clearing. */
  physicalEvidenceBlocksClearing: boolean;
}

/** The first policy (2016): kept so that its verdicts can be compared with the current one's. */
export const POLICY_V1: PolicyConfig = Object.freeze({
  version: '1.0.0',
  corroborationGrades: ['A', 'B', 'C'],
  countedCredibilities: [1, 2, 3, 4, 5, 6],
  unjudgedSourceCredibilities: [],
  minIndependentSources: 2,
  physicalEvidenceGrades: ['A', 'B'],
  physicalEvidenceKinds: ['REMNANT_PHOTO', 'FIELD_VISIT', 'EXPERT_IDENTIFICATION'],
  geolocatedEvidence: { kinds: [], maxPrecisionMeters: 0 },
  contestingGrades: ['A', 'B'],
  minContestingSources: 1,
  disputeOverriddenBy: ['ACKNOWLEDGEMENT', 'INVESTIGATION'],
  admissionKinds: ['OFFICIAL_ADMISSION'],
  confirmationOrder: ['ACKNOWLEDGEMENT', 'INVESTIGATION', 'PHYSICAL_EVIDENCE'],
  interestedParties: ['ALLEGED_USER'],
  selfStandingInvestigatorKinds: ['STATE', 'UN', 'NGO', 'COURT'],
  selfStandingInvestigatorGrades: [],
  physicalEvidenceBlocksClearing: false,
} satisfies PolicyConfig);

/**
 * Issue 12: interested parties include producer and supplier States; only a UN body, a court or an A–B
 * investigator confirms or clears on its own; both halves of the Admiralty grade count; geolocated video
 * and satellite imagery fixed within 100 m count as physical evidence.
 */
export const POLICY_V2: PolicyConfig = Object.freeze({
  ...POLICY_V1,
  version: '2.0.0',
  // 4 (doubtful) and 5 (improbable) do not count; 6 ("cannot be judged") is every report logged without one.
  countedCredibilities: [1, 2, 3, 6],
  unjudgedSourceCredibilities: [1, 2],
  geolocatedEvidence: { kinds: ['VIDEO', 'SATELLITE_IMAGERY'], maxPrecisionMeters: 100 },
  interestedParties: ['ALLEGED_USER', 'PRODUCER', 'SUPPLIER'],
  selfStandingInvestigatorKinds: ['UN', 'COURT'],
  selfStandingInvestigatorGrades: ['A', 'B'],
  physicalEvidenceBlocksClearing: true,
} satisfies PolicyConfig);

export const DEFAULT_POLICY: PolicyConfig = POLICY_V2;

/** Every policy version the registry can assess under, oldest first. */
export const POLICIES: readonly PolicyConfig[] = Object.freeze([POLICY_V1, POLICY_V2]);

export const policyByVersion = (version: string): PolicyConfig | undefined =>
  POLICIES.find((p) => p.version === version);
