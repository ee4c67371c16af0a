import type { IsoDate } from '../events';
import type { CorroborationEvidence, IncidentEvidence } from './assessment';
import { liveSupporting } from './independence';
import { isUserSource, sourceRole, standsAlone } from './interested';
import type { PolicyConfig } from './policy-config';

/** One piece of evidence that satisfies a rule, with the evidence date on which it did, and its words. */
export interface Dated {
  id: string;
  on: IsoDate;
  /** The report behind it, when it is one (for its source's name and grade in reasons). */
  report?: CorroborationEvidence;
}

// ISO dates: code-point order is date order (localeCompare would collate, many times slower).
const byDate = (items: Dated[]): Dated[] => [...items].sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
const dated = (c: CorroborationEvidence): Dated => ({ id: c.corroborationId, on: c.publishedOn, report: c });
const spokeAsUser = (e: IncidentEvidence, speakers: string[]) =>
  speakers.some((code) => e.allegedUserStateCodes.includes(code));

/** Whether the report's information credibility counts (6, "cannot be judged", when not given). */
export const credibilityCounts = (c: CorroborationEvidence, policy: PolicyConfig): boolean =>
  policy.countedCredibilities.includes(c.credibility ?? 6);

/** Counts towards corroboration: a grade listed, or F (cannot be judged) with well-rated information. */
export const corroborates =
  (policy: PolicyConfig) =>
  (c: CorroborationEvidence): boolean =>
    credibilityCounts(c, policy) &&
    (policy.corroborationGrades.includes(c.sourceGrade) ||
      (c.sourceGrade === 'F' && policy.unjudgedSourceCredibilities.includes(c.credibility ?? 6)));

/** Physical or forensic kinds, or geolocated video and imagery fixed precisely enough. */
export function isPhysical(c: CorroborationEvidence, policy: PolicyConfig): boolean {
  if (c.evidenceKinds.some((k) => policy.physicalEvidenceKinds.includes(k))) return true;
  const { kinds, maxPrecisionMeters } = policy.geolocatedEvidence;
  return (
    c.geolocationPrecisionMeters !== undefined &&
    c.geolocationPrecisionMeters <= maxPrecisionMeters &&
    c.evidenceKinds.some((k) => kinds.includes(k))
  );
}

/** The alleged user admitted the use: its ACKNOWLEDGEMENT, or an admission it published as a source. */
export function acknowledgements(e: IncidentEvidence, policy: PolicyConfig): Dated[] {
  const said = e.statements
    .filter((s) => s.kind === 'ACKNOWLEDGEMENT' && spokeAsUser(e, s.speakers))
    .map((s) => ({ id: s.statementId, on: s.deliveredOn }));
  const published = liveSupporting(e.corroborations)
    .filter((c) => isUserSource(e, c) && c.evidenceKinds.some((k) => policy.admissionKinds.includes(k)))
    .map(dated);
  return byDate([...said, ...published]);
}

/** The user's denials and every interested party's disputes: recorded and shown, never lowering the status. */
export function denials(e: IncidentEvidence, policy: PolicyConfig): Dated[] {
  const said = e.statements
    .filter((s) => s.kind === 'DENIAL' && spokeAsUser(e, s.speakers))
    .map((s) => ({ id: s.statementId, on: s.deliveredOn }));
  const published = e.corroborations
    .filter((c) => c.stance === 'DISPUTES' && c.retractedOn === undefined && sourceRole(e, policy, c) !== undefined)
    .map(dated);
  return byDate([...said, ...published]);
}

/** Physical or forensic evidence from a source graded high enough (confirms once corroborated). */
export function physicalEvidence(e: IncidentEvidence, policy: PolicyConfig): Dated[] {
  return byDate(
    liveSupporting(e.corroborations)
      .filter((c) => policy.physicalEvidenceGrades.includes(c.sourceGrade) && credibilityCounts(c, policy))
      .filter((c) => isPhysical(c, policy))
      .map(dated),
  );
}

/** Disputes by credible sources that are not interested parties, not retracted. */
export function credibleDisputes(e: IncidentEvidence, policy: PolicyConfig): Dated[] {
  return byDate(
    e.corroborations
      .filter((c) => c.stance === 'DISPUTES' && c.retractedOn === undefined && sourceRole(e, policy, c) === undefined)
      .filter((c) => policy.contestingGrades.includes(c.sourceGrade) && credibilityCounts(c, policy))
      .map(dated),
  );
}

/** Distinct organisations among the given disputes. */
export function disputingSources(disputes: Dated[]): number {
  return new Set(disputes.map((d) => d.report?.organisationId ?? d.report?.sourceId ?? d.id)).size;
}

/** Conclusions that stand alone (see standsAlone): a finding of use confirms, a finding of no use clears. */
export function standingConclusions(
  e: IncidentEvidence,
  policy: PolicyConfig,
  outcome: 'USE_CONFIRMED' | 'USE_NOT_CONFIRMED',
): Dated[] {
  return byDate(
    e.investigations
      .filter((i) => i.outcome === outcome && i.concludedOn !== undefined && standsAlone(e, policy, i))
      .map((i) => ({ id: i.investigationId, on: i.concludedOn as IsoDate })),
  );
}

export function openInvestigations(e: IncidentEvidence): string[] {
  return e.investigations.filter((i) => i.outcome === undefined).map((i) => i.investigationId);
}
