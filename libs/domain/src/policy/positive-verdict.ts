import type { IncidentEvidence } from './assessment';
import {
  andList,
  capital,
  datedInWords,
  disputeOutweighed,
  disputeRetracted,
  gradesInWords,
  inWords,
  investigationInWords,
  moreSourcesNeeded,
  openInvestigationNeeded,
  physicalEvidenceNeeded,
  reportInWords,
  reportOn,
} from './wording';
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
  const open = () => f.open.map((id) => openInvestigationNeeded(e, id));
  const holding = policy.confirmationOrder.filter((b) => f.confirmations[b].length > 0);
  const standing = holding.filter((b) => !f.contested || policy.disputeOverriddenBy.includes(b));
  const corroborated = f.corroborating.count >= policy.minIndependentSources;

  if (standing.length > 0) {
    const basis = standing[0];
    const words = () => {
      const reasons = confirmedReasons(e, basis, policy, f);
      if (f.contested) {
        reasons.push(`${capital(disputesInWords(e, f))} ${f.disputes.length === 1 ? 'is' : 'are'} outweighed by it.`);
      }
      return { reasons, missing: [] };
    };
    return { status: 'CONFIRMED', rule: CONFIRMED_RULE[basis], evidenceIds: basisIds(basis, f), words };
  }
  if (f.contested && (holding.length > 0 || corroborated)) {
    const wouldBe = holding.length > 0 ? 'confirmed' : 'corroborated';
    const supportIds = holding.length > 0 ? basisIds(holding[0], f) : f.corroborating.corroborationIds;
    return {
      status: 'CONTESTED',
      rule: 'CONTESTED_BY_CREDIBLE_SOURCE',
      evidenceIds: uniqueIds(
        supportIds,
        f.disputes.map((d) => d.id),
      ),
      words: () => {
        const outweighed = disputeOutweighed(policy);
        return {
          reasons: [
            `The use would be ${wouldBe}, but an independent source graded ` +
              `${gradesInWords(policy.contestingGrades)} disputes it: ${disputesInWords(e, f)}.`,
          ],
          missing: [...(outweighed ? [outweighed] : []), disputeRetracted(e, f.disputes), ...open()],
        };
      },
    };
  }
  if (corroborated) {
    return {
      status: 'CORROBORATED',
      rule: 'CORROBORATED_BY_INDEPENDENT_SOURCES',
      evidenceIds: f.corroborating.corroborationIds,
      words: () => ({
        reasons: [corroboratedReason(e, policy, f)],
        missing: [physicalEvidenceNeeded(policy), ...open()],
      }),
    };
  }
  const live = liveSupporting(e.corroborations);
  if (live.length > 0) {
    const n = f.corroborating.count;
    return {
      status: 'ALLEGED',
      rule: 'ALLEGED_BY_SOURCE',
      evidenceIds: live.map((c) => c.corroborationId),
      words: () => ({
        reasons: [
          `${capital(andList(live.map(reportInWords)))}.`,
          `${capital(inWords(n))} independent source${n === 1 ? ' is' : 's are'} graded ` +
            `${gradesInWords(policy.corroborationGrades)} so far.`,
        ],
        missing: [moreSourcesNeeded(f.corroborating.count, policy), ...open()],
      }),
    };
  }
  return {
    status: 'ALLEGED',
    rule: 'NO_SUPPORTING_SOURCE',
    evidenceIds: [],
    words: () => ({
      reasons: ['No supporting source has been published yet.'],
      missing: ['a supporting source', ...open()],
    }),
  };
}

function basisIds(basis: ConfirmationBasis, f: Findings): string[] {
  const own = f.confirmations[basis].map((d) => d.id);
  return basis === 'PHYSICAL_EVIDENCE' ? uniqueIds(f.corroborating.corroborationIds, own) : own;
}

const disputesInWords = (e: IncidentEvidence, f: Findings) => andList(f.disputes.map((d) => datedInWords(e, d)));

function corroboratedReason(e: IncidentEvidence, policy: PolicyConfig, f: Findings): string {
  const byId = new Map(e.corroborations.map((c) => [c.corroborationId, c]));
  const credited = f.corroborating.corroborationIds.flatMap((id) => byId.get(id) ?? []);
  return (
    `${capital(inWords(f.corroborating.count))} independent sources graded ` +
    `${gradesInWords(policy.corroborationGrades)} ` +
    `support the use: ${andList(credited.map(reportOn))}.`
  );
}

function confirmedReasons(e: IncidentEvidence, basis: ConfirmationBasis, policy: PolicyConfig, f: Findings): string[] {
  const first = f.confirmations[basis][0];
  switch (basis) {
    case 'ACKNOWLEDGEMENT':
      return [
        `The alleged user acknowledged the use on ${first.on}: ` +
          `${andList(f.confirmations[basis].map((d) => datedInWords(e, d)))}.`,
      ];
    case 'INVESTIGATION':
      return [`${capital(investigationInWords(e, first.id))} concluded on ${first.on} that use happened.`];
    case 'PHYSICAL_EVIDENCE':
      return [
        corroboratedReason(e, policy, f),
        `${capital(andList(f.confirmations[basis].map((d) => reportInWords(d.report!))))}: ` +
          `physical or forensic evidence from a source graded ${gradesInWords(policy.physicalEvidenceGrades)}.`,
      ];
    default: {
      const _exhaustive: never = basis;
      return _exhaustive;
    }
  }
}
