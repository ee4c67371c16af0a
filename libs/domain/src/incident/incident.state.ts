import type { IncidentDetails, IncidentEvent, IsoDate } from '../events';

/** What the incident decider needs to know, folded from the incident's own stream. */
export type IncidentState = { exists: false } | ActiveIncident;

export interface ActiveIncident {
  exists: true;
  incidentId: string;
  reportedOn: IsoDate;
  /** The current details, corrections applied: corrections are diffed against them. */
  details: IncidentDetails;
  mergedInto?: string;
  withdrawnOn?: IsoDate;
  /** Every corroboration on the incident by id (the first source included). */
  corroborations: Readonly<Record<string, { publishedOn: IsoDate; retractedOn?: IsoDate }>>;
}

export const initialIncident = (): IncidentState => ({ exists: false });

export function evolveIncident(state: IncidentState, event: IncidentEvent): IncidentState {
  if (event.type === 'UseAlleged') {
    const { incidentId, reportedOn, firstCorroboration, ...details } = event.data;
    return {
      exists: true,
      incidentId,
      reportedOn,
      details,
      corroborations: { [firstCorroboration.corroborationId]: { publishedOn: firstCorroboration.publishedOn } },
    };
  }
  if (!state.exists) return state;
  switch (event.type) {
    case 'IncidentCorrected':
      return { ...state, details: { ...state.details, ...event.data.changes } };
    case 'IncidentMergedInto':
      return { ...state, mergedInto: event.data.canonicalIncidentId };
    case 'IncidentWithdrawn':
      return { ...state, withdrawnOn: event.data.withdrawnOn };
    case 'CorroborationAdded':
      return {
        ...state,
        corroborations: {
          ...state.corroborations,
          [event.data.corroborationId]: { publishedOn: event.data.publishedOn },
        },
      };
    case 'CorroborationRetracted': {
      const { corroborationId, retractedOn } = event.data;
      const known = state.corroborations[corroborationId];
      if (!known) return state;
      return { ...state, corroborations: { ...state.corroborations, [corroborationId]: { ...known, retractedOn } } };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
