import { DEFAULT_POLICY, assess } from '@app/domain';
import type { Assessment, PolicyConfig } from '@app/domain';
import { buildEvidence } from './evidence';
import type { IncidentView, RegistryModel } from './model';

/** An incident's assessment under another policy version, from all the evidence the model holds. */
export function assessUnder(model: RegistryModel, incident: IncidentView, policy: PolicyConfig): Assessment {
  if ((model.policy ?? DEFAULT_POLICY).version === policy.version) return incident.assessment;
  return assess(buildEvidence(model, incident), policy);
}

export interface PolicyDifference {
  incidentId: string;
  from: Assessment;
  to: Assessment;
}

/**
 * The canonical incidents whose status differs between two policy versions: what adopting `to` in place of
 * `from` would move. Runs both policies over every incident, so it is asked for, not kept.
 */
export function policyDifferences(model: RegistryModel, from: PolicyConfig, to: PolicyConfig): PolicyDifference[] {
  const canonical = [...model.incidents.values()].filter((incident) => !incident.mergedInto);
  return statusDifferences(
    canonical.map((incident) => ({
      incidentId: incident.incidentId,
      from: assessUnder(model, incident, from),
      to: assessUnder(model, incident, to),
    })),
  );
}

/** The incidents whose status differs between their two assessments, by id. */
export function statusDifferences(assessed: Iterable<PolicyDifference>): PolicyDifference[] {
  const differences = [...assessed].filter((d) => d.from.status !== d.to.status);
  return differences.sort((a, b) => (a.incidentId < b.incidentId ? -1 : a.incidentId > b.incidentId ? 1 : 0));
}
