import type { IsoDate } from '../events';
import type { IncidentEvidence, InvestigationEvidence } from './assessment';
import { liveSupporting } from './independence';
import type { PolicyConfig } from './policy-config';

/** One piece of evidence that satisfies a rule, with the evidence date on which it did. */
export interface Dated {
  id: string;
  on: IsoDate;
}

const byDate = (items: Dated[]): Dated[] => [...items].sort((a, b) => a.on.localeCompare(b.on));
const spokeAsUser = (e: IncidentEvidence, speakers: string[]) =>
  speakers.some((code) => e.allegedUserStateCodes.includes(code));

/** The alleged user admitted the use: its ACKNOWLEDGEMENT, or an admission it published as a source. */
export function acknowledgements(e: IncidentEvidence, policy: PolicyConfig): Dated[] {
  const said = e.statements
    .filter((s) => s.kind === 'ACKNOWLEDGEMENT' && spokeAsUser(e, s.speakers))
    .map((s) => ({ id: s.statementId, on: s.deliveredOn }));
  const published = liveSupporting(e.corroborations)
    .filter((c) => c.sourceIsAllegedUser && c.evidenceKinds.some((k) => policy.admissionKinds.includes(k)))
    .map((c) => ({ id: c.corroborationId, on: c.publishedOn }));
  return byDate([...said, ...published]);
}

/** The alleged user denied the use: recorded and shown, never lowering the status. */
export function denials(e: IncidentEvidence): Dated[] {
  const said = e.statements
    .filter((s) => s.kind === 'DENIAL' && spokeAsUser(e, s.speakers))
    .map((s) => ({ id: s.statementId, on: s.deliveredOn }));
  const published = e.corroborations
    .filter((c) => c.sourceIsAllegedUser && c.stance === 'DISPUTES' && c.retractedOn === undefined)
    .map((c) => ({ id: c.corroborationId, on: c.publishedOn }));
  return byDate([...said, ...published]);
}

/** Physical or forensic evidence from a source graded high enough (confirms once corroborated). */
export function physicalEvidence(e: IncidentEvidence, policy: PolicyConfig): Dated[] {
  return byDate(
    liveSupporting(e.corroborations)
      .filter((c) => policy.physicalEvidenceGrades.includes(c.sourceGrade))
      .filter((c) => c.evidenceKinds.some((k) => policy.physicalEvidenceKinds.includes(k)))
      .map((c) => ({ id: c.corroborationId, on: c.publishedOn })),
  );
}

/** Disputes by credible sources other than the alleged user, not retracted. */
export function credibleDisputes(e: IncidentEvidence, policy: PolicyConfig): Dated[] {
  return byDate(
    e.corroborations
      .filter((c) => c.stance === 'DISPUTES' && c.retractedOn === undefined && !c.sourceIsAllegedUser)
      .filter((c) => policy.contestingGrades.includes(c.sourceGrade))
      .map((c) => ({ id: c.corroborationId, on: c.publishedOn })),
  );
}

/** Distinct sources among the given disputes. */
export function disputingSources(e: IncidentEvidence, disputes: Dated[]): number {
  const ids = new Set(disputes.map((d) => d.id));
  return new Set(e.corroborations.filter((c) => ids.has(c.corroborationId)).map((c) => c.sourceId)).size;
}

/** An investigation run by the alleged user State cannot clear it. */
export function isIndependent(e: IncidentEvidence, i: InvestigationEvidence): boolean {
  return !(i.investigatorKind === 'STATE' && i.investigatorStateCode !== undefined &&
    e.allegedUserStateCodes.includes(i.investigatorStateCode));
}

export function concluded(e: IncidentEvidence, outcome: 'USE_CONFIRMED' | 'USE_NOT_CONFIRMED'): Dated[] {
  return byDate(
    e.investigations
      .filter((i) => i.outcome === outcome && i.concludedOn !== undefined)
      .map((i) => ({ id: i.investigationId, on: i.concludedOn as IsoDate })),
  );
}

export function independentlyNotConfirmed(e: IncidentEvidence): Dated[] {
  const independent = new Set(e.investigations.filter((i) => isIndependent(e, i)).map((i) => i.investigationId));
  return concluded(e, 'USE_NOT_CONFIRMED').filter((d) => independent.has(d.id));
}

export function openInvestigations(e: IncidentEvidence): string[] {
  return e.investigations.filter((i) => i.outcome === undefined).map((i) => i.investigationId);
}
