import type { EvidenceKind, Grade } from '../events';

/** The ways an incident can be confirmed; each names one confirmation rule. */
export type ConfirmationBasis = 'ACKNOWLEDGEMENT' | 'INVESTIGATION' | 'PHYSICAL_EVIDENCE';

/**
 * Every threshold of the confirmation policy, in one versioned object. A projection rebuilt under a
 * new version gives new statuses without touching the events; bump `version` on any change here.
 */
export interface PolicyConfig {
  version: string;
  /** Grades whose supporting sources count towards corroboration. */
  corroborationGrades: readonly Grade[];
  /** Independent supporting sources (graded as above) needed for CORROBORATED. */
  minIndependentSources: number;
  /** Grades whose physical or forensic evidence confirms a corroborated incident. */
  physicalEvidenceGrades: readonly Grade[];
  /** Evidence kinds that count as physical or forensic. */
  physicalEvidenceKinds: readonly EvidenceKind[];
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
}

export const DEFAULT_POLICY: PolicyConfig = Object.freeze({
  version: '1.0.0',
  corroborationGrades: ['A', 'B', 'C'],
  minIndependentSources: 2,
  physicalEvidenceGrades: ['A', 'B'],
  physicalEvidenceKinds: ['REMNANT_PHOTO', 'FIELD_VISIT', 'EXPERT_IDENTIFICATION'],
  contestingGrades: ['A', 'B'],
  minContestingSources: 1,
  disputeOverriddenBy: ['ACKNOWLEDGEMENT', 'INVESTIGATION'],
  admissionKinds: ['OFFICIAL_ADMISSION'],
  confirmationOrder: ['ACKNOWLEDGEMENT', 'INVESTIGATION', 'PHYSICAL_EVIDENCE'],
} satisfies PolicyConfig);
