import type { IsoDate } from '../events';
import type { IncidentEvidence, StatusChange } from './assessment';
import { evaluate, type Evaluation } from './evaluate';
import { cutEvidence, evidenceDates } from './evidence-cut';
import { DEFAULT_POLICY, type PolicyConfig } from './policy-config';
import { readinessOf } from './rules';

/**
 * The status changes of an incident in evidence-date order, found by assessing the evidence as known
 * at each distinct evidence date (an incident has few). Days before the first supporting report have
 * no status yet, so the history starts with the first allegation (or confirmation).
 */
export function statusHistory(
  evidence: IncidentEvidence,
  policy: PolicyConfig = DEFAULT_POLICY,
  asOf?: IsoDate,
): StatusChange[] {
  const changes: StatusChange[] = [];
  for (const on of evidenceDates(evidence)) {
    if (asOf !== undefined && on > asOf) break;
    const at = evaluateOn(evidence, policy, on);
    const last = changes[changes.length - 1];
    if (at.rule === 'NO_SUPPORTING_SOURCE' || last?.status === at.status) continue;
    changes.push({ status: at.status, readiness: readinessOf(at.status), on, rule: at.rule, evidenceIds: at.evidenceIds });
  }
  return changes;
}

export function evaluateOn(evidence: IncidentEvidence, policy: PolicyConfig, asOf?: IsoDate): Evaluation {
  return evaluate(cutEvidence(evidence, asOf), policy);
}
