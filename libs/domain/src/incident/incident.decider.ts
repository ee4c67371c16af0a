import type { IncidentCommand } from '../commands';
import type { DecideContext, Decider } from '../decider';
import { badInput, conflict, notFound } from '../errors';
import type { IncidentEvent } from '../events';
import { actualChanges, evidenceDate, notBefore, pick } from '../validation';
import { CORROBORATION_KEYS, checkCorroboration, checkDetails, DETAIL_KEYS } from './incident.rules';
import { type ActiveIncident, evolveIncident, type IncidentState, initialIncident } from './incident.state';

export { evolveIncident, initialIncident };
export type { ActiveIncident, IncidentState };

/** The incident must exist and not have been folded into another one (the app redirects before). */
function live(state: IncidentState, incidentId: string, field = 'incidentId'): ActiveIncident {
  if (!state.exists) throw notFound(`incident ${incidentId} not found`, field);
  if (state.mergedInto !== undefined) {
    throw conflict(`incident ${incidentId} was merged into incident ${state.mergedInto}`, field);
  }
  return state;
}

function decide(command: IncidentCommand, state: IncidentState, ctx: DecideContext): IncidentEvent[] {
  switch (command.type) {
    case 'AllegeUse': {
      const { incidentId, reportedOn } = command.data;
      if (state.exists) throw conflict(`incident ${incidentId} already exists`, 'incidentId');
      const details = pick(command.data, DETAIL_KEYS);
      const firstCorroboration = pick(command.data.firstCorroboration, CORROBORATION_KEYS);
      evidenceDate(reportedOn, 'reportedOn', ctx);
      checkDetails(details, reportedOn, 'reportedOn', ctx);
      checkCorroboration(firstCorroboration, [], 'firstCorroboration.', ctx);
      return [{ type: 'UseAlleged', data: { incidentId, ...details, reportedOn, firstCorroboration } }];
    }
    case 'CorrectIncident': {
      const { incidentId, changes: patch, reason, correctedOn } = command.data;
      const incident = live(state, incidentId);
      evidenceDate(correctedOn, 'correctedOn', ctx);
      const changes = actualChanges(incident.details, patch, DETAIL_KEYS);
      checkDetails({ ...incident.details, ...changes }, incident.reportedOn, 'occurredFrom', ctx);
      return [{ type: 'IncidentCorrected', data: { incidentId, changes, reason, correctedOn } }];
    }
    case 'MergeIncidents': {
      const { duplicateIncidentId: incidentId, canonicalIncidentId, reason, mergedOn } = command.data;
      if (canonicalIncidentId === incidentId) {
        throw badInput('an incident cannot be merged into itself', 'canonicalIncidentId');
      }
      live(state, incidentId, 'duplicateIncidentId');
      evidenceDate(mergedOn, 'mergedOn', ctx);
      return [{ type: 'IncidentMergedInto', data: { incidentId, canonicalIncidentId, reason, mergedOn } }];
    }
    case 'WithdrawIncident': {
      const { incidentId, reason, withdrawnOn } = command.data;
      const incident = live(state, incidentId);
      if (incident.withdrawnOn !== undefined) {
        throw conflict(`incident ${incidentId} was already withdrawn on ${incident.withdrawnOn}`, 'incidentId');
      }
      evidenceDate(withdrawnOn, 'withdrawnOn', ctx);
      return [{ type: 'IncidentWithdrawn', data: { incidentId, reason, withdrawnOn } }];
    }
    case 'AddCorroboration': {
      const { incidentId, corroborationId } = command.data;
      const incident = live(state, incidentId);
      if (incident.corroborations[corroborationId]) {
        throw conflict(`corroboration ${corroborationId} already exists`, 'corroborationId');
      }
      const facts = pick(command.data, CORROBORATION_KEYS);
      const shown = [...Object.keys(incident.corroborations), ...(command.data.mergedCorroborationIds ?? [])];
      checkCorroboration(facts, shown, '', ctx);
      return [{ type: 'CorroborationAdded', data: { incidentId, ...facts } }];
    }
    case 'RetractCorroboration': {
      const { incidentId, corroborationId, reason, retractedOn } = command.data;
      // Allowed on a merged duplicate too: its evidence lives on in the canonical incident, and a source
      // must always be able to take back what it said.
      if (!state.exists) throw notFound(`incident ${incidentId} not found`, 'incidentId');
      const corroboration = state.corroborations[corroborationId];
      if (!corroboration)
        throw notFound(`no corroboration ${corroborationId} on incident ${incidentId}`, 'corroborationId');
      if (corroboration.retractedOn !== undefined) {
        throw conflict(
          `corroboration ${corroborationId} was already retracted on ${corroboration.retractedOn}`,
          'corroborationId',
        );
      }
      evidenceDate(retractedOn, 'retractedOn', ctx);
      notBefore(retractedOn, corroboration.publishedOn, 'retractedOn', 'its publication');
      return [{ type: 'CorroborationRetracted', data: { incidentId, corroborationId, reason, retractedOn } }];
    }
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

/** Owns the incident's stream: the allegation, its corrections, merge, withdrawal and corroborations. */
export const incidentDecider: Decider<IncidentCommand, IncidentState, IncidentEvent> = {
  initialState: initialIncident,
  evolve: evolveIncident,
  decide,
};
