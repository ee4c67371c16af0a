import type { IncidentEvidence } from './assessment';
import { ids, disputeOutweighed, disputeRetracted, gradesInWords, inWords, moreSourcesNeeded,
  openInvestigationNeeded, physicalEvidenceNeeded } from './wording';
import { liveSupporting } from './independence';
import type { ConfirmationBasis, PolicyConfig } from './policy-config';
import { type Findings, type Verdict, uniqueIds } from './verdict';
import type { AssessmentRule } from './rules';

const CONFIRMED_RULE: Record<ConfirmationBasis, AssessmentRule> = {
  ACKNOWLEDGEMENT: 'CONFIRMED_BY_ACKNOWLEDGEMENT',
  INVESTIGATION: 'CONFIRMED_BY_INVESTIGATION',
  PHYSICAL_EVIDENCE: 'CONFIRMED_BY_PHYSICAL_EVIDENCE',
};

/** The status the evidence for the use reaches, before any finding of no use is weighed. */
export function positiveVerdict(e: IncidentEvidence, policy: PolicyConfig, f: Findings): Verdict {
  const open = f.open.map(openInvestigationNeeded);
  const holding = policy.confirmationOrder.filter((b) => f.confirmations[b].length > 0);
  const standing = holding.filter((b) => !f.contested || policy.disputeOverriddenBy.includes(b));
  const corroborated = f.corroborating.count >= policy.minIndependentSources;

  if (standing.length > 0) {
    const basis = standing[0];
    const reasons = [confirmedReason(basis, policy, f)];
    if (f.contested) reasons.push(`Disputes by credible sources (${ids(f.disputes)}) are outweighed by it.`);
    return { status: 'CONFIRMED', rule: CONFIRMED_RULE[basis], reasons, evidenceIds: basisIds(basis, f), missing: [] };
  }
  if (f.contested && (holding.length > 0 || corroborated)) {
    const wouldBe = holding.length > 0 ? 'confirmed' : 'corroborated';
    const supportIds = holding.length > 0 ? basisIds(holding[0], f) : f.corroborating.corroborationIds;
    const outweighed = disputeOutweighed(policy);
    return {
      status: 'CONTESTED', rule: 'CONTESTED_BY_CREDIBLE_SOURCE',
      reasons: [`The use would be ${wouldBe}, but an independent source graded ` +
        `${gradesInWords(policy.contestingGrades)} disputes it (${ids(f.disputes)}).`],
      evidenceIds: uniqueIds(supportIds, f.disputes.map((d) => d.id)),
      missing: [...(outweighed ? [outweighed] : []), disputeRetracted(f.disputes.map((d) => d.id)), ...open],
    };
  }
  if (corroborated) {
    return {
      status: 'CORROBORATED', rule: 'CORROBORATED_BY_INDEPENDENT_SOURCES',
      reasons: [corroboratedReason(policy, f)],
      evidenceIds: f.corroborating.corroborationIds,
      missing: [physicalEvidenceNeeded(policy), ...open],
    };
  }
  const live = liveSupporting(e.corroborations).map((c) => c.corroborationId);
  if (live.length > 0) {
    return {
      status: 'ALLEGED', rule: 'ALLEGED_BY_SOURCE',
      reasons: [`Alleged by ${live.length === 1 ? 'a supporting report' : 'supporting reports'} (${live.join(', ')}); ` +
        `${inWords(f.corroborating.count)} independent source${f.corroborating.count === 1 ? '' : 's'} graded ` +
        `${gradesInWords(policy.corroborationGrades)} so far.`],
      evidenceIds: live,
      missing: [moreSourcesNeeded(f.corroborating.count, policy), ...open],
    };
  }
  return {
    status: 'ALLEGED', rule: 'NO_SUPPORTING_SOURCE', reasons: ['No supporting source has been published yet.'],
    evidenceIds: [], missing: ['a supporting source', ...open],
  };
}

function basisIds(basis: ConfirmationBasis, f: Findings): string[] {
  const own = f.confirmations[basis].map((d) => d.id);
  return basis === 'PHYSICAL_EVIDENCE' ? uniqueIds(f.corroborating.corroborationIds, own) : own;
}

const corroboratedReason = (policy: PolicyConfig, f: Findings) =>
  `${inWords(f.corroborating.count)} independent sources graded ${gradesInWords(policy.corroborationGrades)} ` +
  `support the use (${f.corroborating.corroborationIds.join(', ')}).`;

function confirmedReason(basis: ConfirmationBasis, policy: PolicyConfig, f: Findings): string {
  const first = f.confirmations[basis][0];
  switch (basis) {
    case 'ACKNOWLEDGEMENT':
      return `The alleged user acknowledged the use on ${first.on} (${ids(f.confirmations[basis])}).`;
    case 'INVESTIGATION':
      return `Investigation ${first.id} concluded on ${first.on} that use happened.`;
    case 'PHYSICAL_EVIDENCE':
      return `${corroboratedReason(policy, f).slice(0, -1)}, with physical or forensic evidence from a source ` +
        `graded ${gradesInWords(policy.physicalEvidenceGrades)} (${ids(f.confirmations[basis])}).`;
    default: {
      const _exhaustive: never = basis;
      return _exhaustive;
    }
  }
}
