import type { IsoDate } from '../events';
import type { IncidentEvidence, StatusChange } from './assessment';
import { evaluate, type Evaluation } from './evaluate';
import { cutEvidence, evidenceDates } from './evidence-cut';
import { DEFAULT_POLICY, type PolicyConfig } from './policy-config';
import { QuickStatusOf } from './quick-status';
import { readinessOf } from './rules';

/**
 * The status changes of an incident in evidence-date order: the status at each distinct evidence date,
 * as the evidence known then gives it. Days before the first supporting report have no status yet, so
 * the history starts with the first allegation (or confirmation). The status at each date comes from
 * cheap counters (QuickStatusOf); the full evaluation (rule, evidence ids) runs only where it changes.
 */
export function statusHistory(
  evidence: IncidentEvidence,
  policy: PolicyConfig = DEFAULT_POLICY,
  asOf?: IsoDate,
): StatusChange[] {
  const changes: StatusChange[] = [];
  const quick = new QuickStatusOf(evidence, policy);
  let last: string | null = null;
  for (const on of evidenceDates(evidence)) {
    if (asOf !== undefined && on > asOf) break;
    const status = quick.at(on);
    if (status === 'NO_SUPPORT' || status === last) continue;
    const at = evaluateOn(evidence, policy, on);
    last = at.status;
    changes.push({ status: at.status, readiness: readinessOf(at.status), on, rule: at.rule, evidenceIds: at.evidenceIds });
  }
  return changes;
}

export function evaluateOn(evidence: IncidentEvidence, policy: PolicyConfig, asOf?: IsoDate): Evaluation {
  return evaluate(cutEvidence(evidence, asOf), policy);
}
