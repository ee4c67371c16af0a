import type { EvidenceKind, Grade, IsoDate } from '../events';
import type { ConfirmationBasis, PolicyConfig } from './policy-config';

// Plain words for reasons and "missing": read by diplomats, so no machine names in them.

const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export const inWords = (n: number): string => NUMBERS[n] ?? String(n);

/** ['A','B'] -> "A or B"; ['A','B','C'] -> "A–C"; a gap in the scale lists them. */
export function gradesInWords(grades: readonly Grade[]): string {
  if (grades.length <= 1) return grades.join('');
  if (grades.length === 2) return `${grades[0]} or ${grades[1]}`;
  const codes = grades.map((g) => g.charCodeAt(0));
  const contiguous = codes.every((c, i) => i === 0 || c === codes[i - 1] + 1);
  return contiguous ? `${grades[0]}–${grades[grades.length - 1]}` : grades.join(', ');
}

const KIND_WORDS: Record<EvidenceKind, string> = {
  REMNANT_PHOTO: 'remnants', FIELD_VISIT: 'field visit', WITNESS_TESTIMONY: 'witness testimony',
  SATELLITE_IMAGERY: 'satellite imagery', VIDEO: 'video', MEDICAL_RECORD: 'medical records',
  EXPERT_IDENTIFICATION: 'expert identification', OFFICIAL_ADMISSION: 'official admission',
};

export function moreSourcesNeeded(have: number, policy: PolicyConfig): string {
  const need = policy.minIndependentSources - have;
  const grades = gradesInWords(policy.corroborationGrades);
  if (have === 0) return `${inWords(need)} independent sources graded ${grades}`;
  return `${inWords(need)} more independent source${need === 1 ? '' : 's'} graded ${grades}`;
}

export function physicalEvidenceNeeded(policy: PolicyConfig): string {
  const kinds = policy.physicalEvidenceKinds.map((k) => KIND_WORDS[k]).join(', ');
  return `physical or forensic evidence (${kinds}) from a source graded ${gradesInWords(policy.physicalEvidenceGrades)}`;
}

export const openInvestigationNeeded = (id: string) => `the conclusion of the open investigation ${id}`;

const BASIS_WORDS: Record<ConfirmationBasis, string> = {
  ACKNOWLEDGEMENT: 'an acknowledgement by the alleged user',
  INVESTIGATION: 'an investigation concluding that use happened',
  PHYSICAL_EVIDENCE: '', // filled from the policy
};
const basisInWords = (b: ConfirmationBasis, policy: PolicyConfig) =>
  b === 'PHYSICAL_EVIDENCE' ? physicalEvidenceNeeded(policy) : BASIS_WORDS[b];
const orList = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

export function disputeOutweighed(policy: PolicyConfig): string | undefined {
  const overriders = policy.disputeOverriddenBy.map((b) => basisInWords(b, policy));
  if (overriders.length === 0) return undefined;
  return `${orList(overriders)}, ${overriders.length === 1 ? 'which' : 'either of which'} outweighs the dispute`;
}

export const disputeRetracted = (ids: string[]) =>
  `the retraction of the dispute${ids.length === 1 ? '' : 's'} ${ids.join(', ')}`;

export function strongerEvidenceNeeded(after: IsoDate, policy: PolicyConfig): string {
  const bases = policy.confirmationOrder.map((b) => basisInWords(b, policy));
  return `evidence dated after ${after} that confirms the use: ${orList(bases)}`;
}

export const ids = (items: { id: string }[]) => items.map((i) => i.id).join(', ');
