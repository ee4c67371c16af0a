import { assessWithHistory } from '@app/domain';
import type { Assessment, Status } from '@app/domain';
import { buildEvidence } from './evidence';
import type { IncidentView, RegistryModel } from './model';

export interface StatusChanged {
  incidentId: string;
  /** Null when the incident is new. */
  before: Status | null;
  after: Status;
  assessment: Assessment;
}

/** Re-runs the policy over one incident's evidence; returns the status change, if any. */
export function reassessIncident(model: RegistryModel, incident: IncidentView): StatusChanged | null {
  const before = incident.assessment.rule === 'NOT_ASSESSED' ? null : incident.assessment.status;
  const evidence = buildEvidence(model, incident);
  const { assessment, history, statusOnDates } = assessWithHistory(evidence, model.policy);
  incident.assessment = assessment;
  incident.statusHistory = history;
  incident.statusOnDates = statusOnDates;
  const after = incident.assessment.status;
  return before === after ? null : { incidentId: incident.incidentId, before, after, assessment: incident.assessment };
}
