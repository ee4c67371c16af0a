import type { EvidenceKind, Grade, IsoDate } from '../events';
import type { CorroborationEvidence, IncidentEvidence } from './assessment';
import type { Dated } from './evidence-rules';
import type { ConfirmationBasis, PolicyConfig } from './policy-config';

// Plain words for reasons and "missing": read aloud by diplomats, so names, kinds and dates, never ids.
const NUMBERS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
export const inWords = (n: number): string => NUMBERS[n] ?? String(n);
export const capital = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** ['A','B'] -> "A or B"; ['A','B','C'] -> "A–C"; a gap in the scale lists them. */
export function gradesInWords(grades: readonly Grade[]): string {
  if (grades.length <= 1) return grades.join('');
  if (grades.length === 2) return `${grades[0]} or ${grades[1]}`;
  const codes = grades.map((g) => g.charCodeAt(0));
  const contiguous = codes.every((c, i) => i === 0 || c === codes[i - 1] + 1);
  return contiguous ? `${grades[0]}–${grades[grades.length - 1]}` : grades.join(', ');
}

const KIND_WORDS: Record<EvidenceKind, string> = {
  REMNANT_PHOTO: 'remnants',
  FIELD_VISIT: 'field visit',
  WITNESS_TESTIMONY: 'witness testimony',
  SATELLITE_IMAGERY: 'satellite imagery',
  VIDEO: 'video',
  MEDICAL_RECORD: 'medical records',
  EXPERT_IDENTIFICATION: 'expert identification',
  OFFICIAL_ADMISSION: 'official admission',
};

export const andList = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
const orList = (items: string[]) =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/** "Human Rights Watch (graded A)". */
export const sourceInWords = (c: CorroborationEvidence): string =>
  `${c.sourceName ?? 'an unnamed source'} (graded ${c.sourceGrade})`;

/** "Human Rights Watch (graded A) on 2016-05-25". */
export const reportOn = (c: CorroborationEvidence): string => `${sourceInWords(c)} on ${c.publishedOn}`;

/** "Human Rights Watch (graded A) reported expert identification on 2016-05-25". */
export function reportInWords(c: CorroborationEvidence): string {
  if (c.fromInvestigation) {
    const found = c.stance === 'SUPPORTS' ? 'that use happened' : 'that use was not confirmed';
    return `${sourceInWords(c)} concluded an investigation on ${c.publishedOn} ${found}`;
  }
  const kinds = c.evidenceKinds.length === 0 ? 'a report' : andList(c.evidenceKinds.map((k) => KIND_WORDS[k]));
  const verb = c.stance === 'SUPPORTS' ? 'reported' : 'disputed the use with';
  return `${sourceInWords(c)} ${verb} ${kinds} on ${c.publishedOn}`;
}

/** A piece of evidence in words: a report by its source, else a statement or investigation by its date. */
export function datedInWords(e: IncidentEvidence, d: Dated): string {
  if (d.report) return reportOn(d.report);
  const statement = e.statements.find((s) => s.statementId === d.id);
  if (statement) return `a statement by ${andList(statement.speakers)} on ${statement.deliveredOn}`;
  return `${investigationInWords(e, d.id)} on ${d.on}`;
}

export function investigationInWords(e: IncidentEvidence, id: string): string {
  const i = e.investigations.find((x) => x.investigationId === id);
  const by = i?.investigatorName ?? i?.investigatorStateCode;
  return by === undefined ? 'an investigation' : `the investigation by ${by}`;
}

export function moreSourcesNeeded(have: number, policy: PolicyConfig): string {
  const need = policy.minIndependentSources - have;
  const grades = gradesInWords(policy.corroborationGrades);
  if (have === 0) return `${inWords(need)} independent sources graded ${grades}`;
  return `${inWords(need)} more independent source${need === 1 ? '' : 's'} graded ${grades}`;
}

export function physicalEvidenceNeeded(policy: PolicyConfig): string {
  const kinds = policy.physicalEvidenceKinds.map((k) => KIND_WORDS[k]);
  const { kinds: geo, maxPrecisionMeters } = policy.geolocatedEvidence;
  if (geo.length > 0) kinds.push(`${orList(geo.map((k) => KIND_WORDS[k]))} geolocated within ${maxPrecisionMeters} m`);
  const grades = gradesInWords(policy.physicalEvidenceGrades);
  return `physical or forensic evidence (${kinds.join(', ')}) from a source graded ${grades}`;
}

export function openInvestigationNeeded(e: IncidentEvidence, id: string): string {
  const i = e.investigations.find((x) => x.investigationId === id);
  return `the conclusion of ${investigationInWords(e, id)}${i ? ` opened on ${i.openedOn}` : ''}`;
}

const BASIS_WORDS: Record<ConfirmationBasis, string> = {
  ACKNOWLEDGEMENT: 'an acknowledgement by the alleged user',
  INVESTIGATION: 'an investigation concluding that use happened',
  PHYSICAL_EVIDENCE: '', // filled from the policy
};
const basisInWords = (b: ConfirmationBasis, policy: PolicyConfig) =>
  b === 'PHYSICAL_EVIDENCE' ? physicalEvidenceNeeded(policy) : BASIS_WORDS[b];

export function disputeOutweighed(policy: PolicyConfig): string | undefined {
  const overriders = policy.disputeOverriddenBy.map((b) => basisInWords(b, policy));
  if (overriders.length === 0) return undefined;
  return `${orList(overriders)}, ${overriders.length === 1 ? 'which' : 'either of which'} outweighs the dispute`;
}

export const disputeRetracted = (e: IncidentEvidence, disputes: Dated[]) =>
  `the retraction of the dispute${disputes.length === 1 ? '' : 's'} by ` +
  `${andList(disputes.map((d) => datedInWords(e, d)))}`;

export function strongerEvidenceNeeded(after: IsoDate, policy: PolicyConfig): string {
  const bases = policy.confirmationOrder.map((b) => basisInWords(b, policy));
  return `evidence dated after ${after} that confirms the use: ${orList(bases)}`;
}
