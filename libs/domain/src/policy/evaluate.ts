import { GRADES } from '../events';
import type { IncidentEvidence } from './assessment';
import { acknowledgements, concluded, credibleDisputes, denials, disputingSources, independentlyNotConfirmed,
  isIndependent, openInvestigations, physicalEvidence } from './evidence-rules';
import { independentSources, liveSupporting } from './independence';
import type { PolicyConfig } from './policy-config';
import { positiveVerdict } from './positive-verdict';
import { type Findings, type Verdict } from './verdict';
import { ids, openInvestigationNeeded, strongerEvidenceNeeded } from './wording';

export interface Evaluation extends Verdict {
  independentSupportingSources: number;
  independentCorroboratingSources: number;
}

/** The rules applied to evidence already cut to one date (see cutEvidence). */
export function evaluate(e: IncidentEvidence, policy: PolicyConfig): Evaluation {
  const f = findings(e, policy);
  const verdict = decide(e, policy, f);
  return {
    ...verdict,
    reasons: [...verdict.reasons, ...standingNotes(e)],
    independentSupportingSources: independentSources(e.corroborations, GRADES).count,
    independentCorroboratingSources: f.corroborating.count,
  };
}

function findings(e: IncidentEvidence, policy: PolicyConfig): Findings {
  const corroborating = independentSources(e.corroborations, policy.corroborationGrades);
  const corroborated = corroborating.count >= policy.minIndependentSources;
  const disputes = credibleDisputes(e, policy);
  return {
    corroborating,
    confirmations: {
      ACKNOWLEDGEMENT: acknowledgements(e, policy),
      INVESTIGATION: concluded(e, 'USE_CONFIRMED'),
      PHYSICAL_EVIDENCE: corroborated ? physicalEvidence(e, policy) : [],
    },
    disputes,
    contested: disputes.length > 0 && disputingSources(e, disputes) >= policy.minContestingSources,
    open: openInvestigations(e),
  };
}

function decide(e: IncidentEvidence, policy: PolicyConfig, f: Findings): Verdict {
  const open = f.open.map(openInvestigationNeeded);
  if (e.withdrawnOn !== undefined) {
    return { status: 'WITHDRAWN', rule: 'WITHDRAWN_INCIDENT', reasons: [`The incident was withdrawn on ${e.withdrawnOn}.`],
      evidenceIds: [], missing: [] };
  }
  // Acknowledgement and a concluded investigation stand on their own; the reports are not needed.
  const supports = e.corroborations.filter((c) => c.stance === 'SUPPORTS');
  const selfStanding = f.confirmations.ACKNOWLEDGEMENT.length + f.confirmations.INVESTIGATION.length;
  if (supports.length > 0 && liveSupporting(supports).length === 0 && selfStanding === 0) {
    const retracted = supports.map((c) => c.corroborationId);
    return { status: 'WITHDRAWN', rule: 'WITHDRAWN_ALL_SOURCES_RETRACTED',
      reasons: [`Every supporting source retracted (${retracted.join(', ')}).`], evidenceIds: retracted,
      missing: ['a supporting source that has not retracted', ...open] };
  }
  const positive = positiveVerdict(e, policy, f);
  const negatives = independentlyNotConfirmed(e);
  const negative = negatives[negatives.length - 1];
  if (negative === undefined) return positive;
  // A finding of no use stands until evidence that confirms the use is dated after it.
  const later = Object.values(f.confirmations).flat().filter((d) => d.on > negative.on);
  if (later.length > 0) {
    const note = `Investigation ${negative.id} found no use on ${negative.on}, but stronger evidence came later (${ids(later)}).`;
    return { ...positive, reasons: [...positive.reasons, note] };
  }
  return {
    status: 'NOT_CONFIRMED', rule: 'NOT_CONFIRMED_BY_INVESTIGATION',
    reasons: [`Independent investigation ${negative.id} concluded on ${negative.on} that use was not confirmed, ` +
      'and no stronger evidence came later.'],
    evidenceIds: [negative.id],
    missing: [strongerEvidenceNeeded(negative.on, policy), ...open],
  };
}

/** Facts shown with every status that never change it: the user's denials and self-clearances. */
function standingNotes(e: IncidentEvidence): string[] {
  const notes: string[] = [];
  const denied = denials(e);
  if (denied.length > 0) {
    notes.push(`The alleged user denied the use (${ids(denied)}); a denial is recorded but does not lower the status.`);
  }
  const users = new Set(e.investigations.filter((i) => !isIndependent(e, i)).map((i) => i.investigationId));
  const own = concluded(e, 'USE_NOT_CONFIRMED').filter((d) => users.has(d.id));
  if (own.length > 0) {
    notes.push(`The alleged user's own investigation (${ids(own)}) found no use; it cannot clear the user.`);
  }
  return notes;
}
