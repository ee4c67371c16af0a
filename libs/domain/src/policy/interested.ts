import type { Grade } from '../events';
import type { CorroborationEvidence, IncidentEvidence, InvestigationEvidence } from './assessment';
import type { InterestedRole, PolicyConfig } from './policy-config';

const ROLE_WORDS: Record<InterestedRole, string> = {
  ALLEGED_USER: 'the alleged user',
  PRODUCER: 'a State that produced the munition',
  SUPPLIER: 'a State that supplied the munition',
};

/** The interested role of a State in this incident under the policy (the user first), if any. */
export function roleOf(
  e: IncidentEvidence,
  policy: PolicyConfig,
  code: string | undefined,
): InterestedRole | undefined {
  if (code === undefined) return undefined;
  const codes: Record<InterestedRole, readonly string[] | undefined> = {
    ALLEGED_USER: e.allegedUserStateCodes,
    PRODUCER: e.producerStateCodes,
    SUPPLIER: e.supplierStateCodes,
  };
  return (['ALLEGED_USER', 'PRODUCER', 'SUPPLIER'] as const).find(
    (role) => policy.interestedParties.includes(role) && (codes[role] ?? []).includes(code),
  );
}

export const roleInWords = (role: InterestedRole): string => ROLE_WORDS[role];

/** A STATE source is matched by its code, never by its name. */
export const isUserSource = (e: IncidentEvidence, c: CorroborationEvidence): boolean =>
  c.sourceStateCode !== undefined && e.allegedUserStateCodes.includes(c.sourceStateCode);

export const sourceRole = (e: IncidentEvidence, policy: PolicyConfig, c: CorroborationEvidence) =>
  roleOf(e, policy, c.sourceStateCode);

/** The one test of an investigator's independence: not a State (nor a State's source) with an interest. */
export function investigatorRole(e: IncidentEvidence, policy: PolicyConfig, i: InvestigationEvidence) {
  return roleOf(e, policy, i.investigatorStateCode);
}

export const isIndependent = (e: IncidentEvidence, policy: PolicyConfig, i: InvestigationEvidence): boolean =>
  investigatorRole(e, policy, i) === undefined;

/** A UN body, a court, or an investigator graded high enough, and independent: its conclusion stands alone. */
export function standsAlone(e: IncidentEvidence, policy: PolicyConfig, i: InvestigationEvidence): boolean {
  const grade: Grade = i.investigatorGrade ?? 'F';
  return (
    isIndependent(e, policy, i) &&
    (policy.selfStandingInvestigatorKinds.includes(i.investigatorKind) ||
      policy.selfStandingInvestigatorGrades.includes(grade))
  );
}

/**
 * The conclusions that do not stand alone, as the reports they count as: one supporting (or disputing)
 * source of the investigator's grade and organisation; the alleged user's own finding of use is its
 * admission. The organisation of a State investigator is the State.
 */
export function investigationReports(e: IncidentEvidence, policy: PolicyConfig): CorroborationEvidence[] {
  const reports: CorroborationEvidence[] = [];
  for (const i of e.investigations) {
    if (i.concludedOn === undefined || i.outcome === undefined || i.outcome === 'INCONCLUSIVE') continue;
    if (standsAlone(e, policy, i)) continue;
    const organisation =
      i.investigatorOrganisationId ??
      (i.investigatorStateCode ? `state:${i.investigatorStateCode}` : i.investigationId);
    const admits = i.outcome === 'USE_CONFIRMED' && investigatorRole(e, policy, i) === 'ALLEGED_USER';
    reports.push({
      corroborationId: i.investigationId,
      sourceId: organisation,
      organisationId: organisation,
      sourceGrade: i.investigatorGrade ?? 'F',
      sourceName: i.investigatorName,
      sourceStateCode: i.investigatorStateCode,
      stance: i.outcome === 'USE_CONFIRMED' ? 'SUPPORTS' : 'DISPUTES',
      evidenceKinds: admits ? [...policy.admissionKinds.slice(0, 1)] : [],
      publishedOn: i.concludedOn,
      fromInvestigation: true,
    });
  }
  return reports;
}
