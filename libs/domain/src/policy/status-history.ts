import type { IsoDate } from '../events';
import type { IncidentEvidence, Status, StatusChange, StatusOnDate } from './assessment';
import { evaluate, type Evaluation } from './evaluate';
import { cutEvidence, evidenceDates } from './evidence-cut';
import { DEFAULT_POLICY, type PolicyConfig } from './policy-config';
import { readinessOf } from './rules';

/**
 * The status changes of an incident in evidence-date order: the status at each distinct evidence date
 * (regrades included), as the evidence known then gives it. Days before the first supporting report have
 * no status yet, so the history starts with the first allegation (or confirmation). The one policy runs
 * at every date: no second, faster copy of it to keep equal (an incident has a handful of dates).
 */
export function statusHistory(
  evidence: IncidentEvidence,
  policy: PolicyConfig = DEFAULT_POLICY,
  asOf?: IsoDate,
): StatusChange[] {
  return historyAndLast(evidence, policy, asOf).history;
}

/**
 * The history, the policy's answer from each evidence date on or before `asOf` where it changes (`statusOnDates`:
 * the first date, then each where the status or the rule differs from the date before), and the evaluation on the
 * last of the dates (null when there is none): the evidence cut changes only on evidence dates, so that evaluation
 * is also the one on `asOf` itself.
 */
export function historyAndLast(
  evidence: IncidentEvidence,
  policy: PolicyConfig,
  asOf?: IsoDate,
): { history: StatusChange[]; statusOnDates: StatusOnDate[]; last: Evaluation | null } {
  const history: StatusChange[] = [];
  const statusOnDates: StatusOnDate[] = [];
  let status: string | null = null;
  let last: Evaluation | null = null;
  for (const on of evidenceDates(evidence)) {
    if (asOf !== undefined && on > asOf) break;
    const at = (last = evaluateOn(evidence, policy, on));
    const before = statusOnDates[statusOnDates.length - 1];
    if (before?.status !== at.status || before.rule !== at.rule)
      statusOnDates.push({ on, status: at.status, readiness: readinessOf(at.status), rule: at.rule });
    if (at.rule === 'NO_SUPPORTING_SOURCE' || at.status === status) continue;
    status = at.status;
    history.push({
      status: at.status,
      readiness: readinessOf(at.status),
      on,
      rule: at.rule,
      evidenceIds: at.evidenceIds,
    });
  }
  return { history, statusOnDates, last };
}

/**
 * What a report reads of an incident: its status on `asOf` (all its evidence when omitted) and the first evidence
 * date it was CONFIRMED by then (null: never), as `historyAndLast` gives them (its history's first CONFIRMED change,
 * its last evaluation). The policy runs at each date until that first confirmation, then on the last date only: the
 * rest of the history is not needed (about half the runs on the benchmark's incidents). `known`: the first
 * confirmation among the dates before `before` (not after `asOf`; null: none) when the caller knows it (statuses stored
 * for the same evidence on those dates): the policy does not run on them.
 */
export function confirmationOf(
  evidence: IncidentEvidence,
  policy: PolicyConfig,
  asOf?: IsoDate,
  known?: { before: IsoDate; confirmedOn: IsoDate | null },
): { status: Status; confirmedOn: IsoDate | null } {
  let confirmedOn: IsoDate | null = known?.confirmedOn ?? null;
  let lastDate: IsoDate | undefined;
  let evaluated: { on: IsoDate; status: Status } | undefined;
  for (const on of evidenceDates(evidence)) {
    if (asOf !== undefined && on > asOf) break;
    lastDate = on;
    if (confirmedOn !== null || (known !== undefined && on < known.before)) continue;
    const at = evaluateOn(evidence, policy, on);
    evaluated = { on, status: at.status };
    if (at.status === 'CONFIRMED' && at.rule !== 'NO_SUPPORTING_SOURCE') confirmedOn = on;
  }
  // No date by then: the policy on the cut's evidence, as `assessWithHistory` runs it.
  if (lastDate === undefined) return { status: evaluateOn(evidence, policy, asOf).status, confirmedOn };
  const status = evaluated?.on === lastDate ? evaluated.status : evaluateOn(evidence, policy, lastDate).status;
  return { status, confirmedOn };
}

export function evaluateOn(evidence: IncidentEvidence, policy: PolicyConfig, asOf?: IsoDate): Evaluation {
  return evaluate(cutEvidence(evidence, asOf), policy);
}
