import type { IsoDate } from '../events';
import type { Assessment, IncidentEvidence, StatusChange, StatusOnDate } from './assessment';
import { DEFAULT_POLICY, type PolicyConfig } from './policy-config';
import { readinessOf } from './rules';
import type { Evaluation } from './evaluate';
import { evaluateOn, historyAndLast } from './status-history';

/**
 * The confirmation policy: an incident's evidence as publicly known on `asOf` (every evidence dated
 * on or before it; all of it when omitted) to a status with its reasons, what is missing for the
 * next level, and the evidence date since which the status has held.
 */
export function assess(evidence: IncidentEvidence, policy: PolicyConfig = DEFAULT_POLICY, asOf?: IsoDate): Assessment {
  return assessWithHistory(evidence, policy, asOf).assessment;
}

/** The status alone on `asOf` (the policy once, without the history): for callers that ask about many days. */
export function statusOn(
  evidence: IncidentEvidence,
  policy: PolicyConfig = DEFAULT_POLICY,
  asOf?: IsoDate,
): Pick<Assessment, 'status' | 'readiness' | 'rule'> {
  const at = evaluateOn(evidence, policy, asOf);
  return { status: at.status, readiness: readinessOf(at.status), rule: at.rule };
}

/**
 * An assessment, its status history, and the policy's status on each evidence date on or before the day (the
 * same pass works them out).
 */
export interface AssessedWithHistory {
  assessment: Assessment;
  history: StatusChange[];
  statusOnDates: StatusOnDate[];
}

/** assess() and statusHistory() in one pass, for projections that keep both. */
export function assessWithHistory(
  evidence: IncidentEvidence,
  policy: PolicyConfig = DEFAULT_POLICY,
  asOf?: IsoDate,
): AssessedWithHistory {
  const { history, statusOnDates, last } = historyAndLast(evidence, policy, asOf);
  const assessment = assessmentOf(last ?? evaluateOn(evidence, policy, asOf), history, policy);
  return { assessment, history, statusOnDates };
}

function assessmentOf(now: Evaluation, history: readonly StatusChange[], policy: PolicyConfig): Assessment {
  const current = history[history.length - 1];
  // The history skips the days before any supporting report; then there is no date to give.
  const statusSince = now.rule !== 'NO_SUPPORTING_SOURCE' && current?.status === now.status ? current.on : null;
  const { reasons, missing } = now.words();
  return {
    status: now.status,
    readiness: readinessOf(now.status),
    rule: now.rule,
    reasons,
    evidenceIds: now.evidenceIds,
    missing,
    independentSupportingSources: now.independentSupportingSources(),
    independentCorroboratingSources: now.independentCorroboratingSources,
    statusSince,
    policyVersion: policy.version,
  };
}
