/**
 * Every GraphQL document the page sends, in one place, so that a schema change is adapted here only.
 * The result types below describe just the fields asked for.
 */
import type { Clock, Readiness, Status } from '../words';

/** IncidentFilterInput's fields; its asOf and clock come from AsOfArgs. */
export interface IncidentFilter extends AsOfArgs {
  countryCode?: string;
  allegedUser?: string;
  status?: Status[];
  readiness?: Readiness[];
  occurredFrom?: string;
  occurredTo?: string;
  text?: string;
  situationId?: string;
}
export interface AsOfArgs {
  asOf?: string;
  clock?: Clock;
}

/**
 * Counts by status and readiness, in one pass on the server: every incident the filter matches, counted by
 * each pair. The overview leaves status and readiness out of this filter and sums the cells it shows.
 */
export const TALLY = /* GraphQL */ `
  query Tally($filter: IncidentFilterInput) {
    incidents(filter: $filter, first: 0) {
      tally {
        status
        readiness
        count
      }
    }
  }
`;
export interface TallyCell {
  status: Status;
  readiness: Readiness;
  count: number;
}
export interface TallyResult {
  incidents: { tally: TallyCell[] };
}

export const INCIDENT_LIST = /* GraphQL */ `
  query IncidentList($filter: IncidentFilterInput, $orderBy: IncidentOrderInput, $first: Int, $after: String) {
    incidents(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          occurredFrom
          occurredTo
          summary
          location {
            countryCode
            countryName
            placeName
          }
          munition {
            type
          }
          allegedUser {
            kind
            name
            stateCodes
          }
          assessment {
            status
            readiness
            statusSince
          }
        }
      }
    }
  }
`;
export interface ListIncident {
  id: string;
  occurredFrom: string;
  occurredTo: string;
  summary: string;
  location: { countryCode: string; countryName: string | null; placeName: string };
  munition: { type: string };
  allegedUser: { kind: string; name: string | null; stateCodes: string[] };
  assessment: { status: Status; readiness: Readiness; statusSince: string | null };
}
export interface IncidentListResult {
  incidents: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: ListIncident }[];
  };
}

/** What the map draws, in one request: coordinates by status (flat longitude, latitude pairs), countries to shade. */
export const INCIDENT_MAP = /* GraphQL */ `
  query IncidentMap($filter: IncidentFilterInput) {
    incidents(filter: $filter, first: 0) {
      map {
        countryCodes
        withoutCoordinates
        groups {
          status
          coordinates
        }
      }
    }
  }
`;
export interface IncidentMapData {
  countryCodes: string[];
  withoutCoordinates: number;
  groups: { status: Status; coordinates: number[] }[];
}
export interface IncidentMapResult {
  incidents: { map: IncidentMapData };
}

const STATEMENT_FIELDS = /* GraphQL */ `
  id kind venue deliveredOn recordedAt onBehalfOf namesUser quote incidentIds
  scope { situationIds allegedUser { stateCodes name } generic }
  speakers { stateCode name } citation { url archivedUrl archivedSha256 }`;
/** What a statement speaks about besides its incidents. */
export interface StatementScope {
  situationIds: string[];
  allegedUser: { stateCodes: string[]; name: string | null } | null;
  generic: boolean;
}
export interface Statement {
  id: string;
  kind: string;
  venue: string;
  deliveredOn: string;
  recordedAt: string;
  onBehalfOf: string | null;
  namesUser: boolean;
  quote: string;
  incidentIds: string[];
  scope: StatementScope;
  speakers: { stateCode: string; name: string | null }[];
  citation: Citation;
}
export interface Citation {
  url: string | null;
  archivedUrl: string | null;
  archivedSha256: string | null;
}

export const INCIDENT = /* GraphQL */ `
query Incident($id: ID!, $asOf: DateTime, $clock: Clock) {
  incident(id: $id, filter: { asOf: $asOf, clock: $clock }) {
    id occurredFrom occurredTo reportedOn recordedAt summary mergedDuplicates situationId
    firstCorroboratedOn firstConfirmedOn
    location { countryCode countryName placeName latitude longitude precisionMeters }
    munition { type delivery }
    allegedUser { kind name stateCodes }
    casualties { killed injured }
    withdrawal { reason withdrawnOn }
    assessment {
      status readiness rule reasons evidenceIds missing independentSupportingSources
      statusSince policyVersion
    }
    statusHistory { status readiness on rule evidenceIds }
    corroborations {
      id stance evidenceKinds publishedOn summary derivedFrom retractedOn retractionReason
      source { id name grade } citation { url archivedUrl archivedSha256 }
    }
    investigations { id investigator { kind stateCode name } mandate openedOn outcome findings concludedOn }
    referringStatements { scope lagDays anticipatory statement { ${STATEMENT_FIELDS} } }
  }
  situations { id name }
}`;
export interface Assessment {
  status: Status;
  readiness: Readiness;
  rule: string;
  reasons: string[];
  evidenceIds: string[];
  missing: string[];
  independentSupportingSources: number;
  statusSince: string | null;
  policyVersion: string;
}
export interface Corroboration {
  id: string;
  stance: 'SUPPORTS' | 'DISPUTES';
  evidenceKinds: string[];
  publishedOn: string;
  summary: string;
  derivedFrom: string | null;
  retractedOn: string | null;
  retractionReason: string | null;
  source: { id: string; name: string; grade: string };
  citation: Citation;
}
export interface Investigation {
  id: string;
  investigator: { kind: string; stateCode: string | null; name: string | null };
  mandate: string;
  openedOn: string;
  outcome: string | null;
  findings: string | null;
  concludedOn: string | null;
}
export interface IncidentDetail {
  id: string;
  occurredFrom: string;
  occurredTo: string;
  reportedOn: string;
  recordedAt: string;
  summary: string;
  mergedDuplicates: string[];
  situationId: string | null;
  /** The first evidence dates it reached each status, kept if it is contested later: lags count from these. */
  firstCorroboratedOn: string | null;
  firstConfirmedOn: string | null;
  location: {
    countryCode: string;
    countryName: string | null;
    placeName: string;
    latitude: number | null;
    longitude: number | null;
    precisionMeters: number | null;
  };
  munition: { type: string; delivery: string };
  allegedUser: { kind: string; name: string | null; stateCodes: string[] };
  casualties: { killed: number | null; injured: number | null } | null;
  withdrawal: { reason: string; withdrawnOn: string } | null;
  assessment: Assessment;
  statusHistory: { status: Status; readiness: Readiness; on: string; rule: string; evidenceIds: string[] }[];
  corroborations: Corroboration[];
  investigations: Investigation[];
  referringStatements: {
    /** How it covers the incident: INCIDENT (names it), SITUATION, USER (its alleged user) or GENERIC (any use). */
    scope: 'INCIDENT' | 'SITUATION' | 'USER' | 'GENERIC';
    lagDays: number | null;
    anticipatory: boolean;
    statement: Statement;
  }[];
}
export interface IncidentResult {
  incident: IncidentDetail;
  situations: SituationName[];
}

const RESPONSE_LINE = /* GraphQL */ `
  stateCode name ccmStatus kind scope on statementId resolutionId lagDays anticipatory genericCondemnationOn
  votes { resolutionId symbol vote adoptedOn }`;
export const SPEAK_OUT = /* GraphQL */ `
query SpeakOut($filter: SpeakOutFilterInput) {
  speakOutReport(filter: $filter) {
    asOf statesPartiesCount incidentIds confirmedIncidentIds medianLagDays minLagDays maxLagDays
    firstConfirmations { incidentId firstConfirmedOn }
    statesParties { ${RESPONSE_LINE} }
    nonPartiesThatSpoke { ${RESPONSE_LINE} kinds }
  }
  situations { id name }
}`;
export interface SpeakOutFilter {
  situationId?: string;
  allegedUser?: string;
  countryCode?: string;
  from?: string;
  to?: string;
}
export type ResponseKind = 'CONDEMNATION' | 'CONCERN' | 'CALL_FOR_INVESTIGATION';
export type ScopeLevel = 'INCIDENT' | 'SITUATION' | 'USER' | 'GENERIC';
/** One State's line: its strongest response, how specific and when, its lag, its generic condemnation, its votes. */
export interface ResponseLine {
  stateCode: string;
  name: string | null;
  ccmStatus: string;
  kind: ResponseKind | null;
  scope: ScopeLevel | null;
  on: string | null;
  statementId: string | null;
  resolutionId: string | null;
  lagDays: number | null;
  anticipatory: boolean;
  genericCondemnationOn: string | null;
  votes: { resolutionId: string; symbol: string; vote: 'YES' | 'NO' | 'ABSTAIN' | 'ABSENT'; adoptedOn: string }[];
}
export interface SpeakOutResult {
  speakOutReport: {
    asOf: string;
    statesPartiesCount: number;
    incidentIds: string[];
    confirmedIncidentIds: string[];
    medianLagDays: number | null;
    minLagDays: number | null;
    maxLagDays: number | null;
    firstConfirmations: { incidentId: string; firstConfirmedOn: string }[];
    statesParties: ResponseLine[];
    nonPartiesThatSpoke: (ResponseLine & { kinds: string[] })[];
  };
  situations: SituationName[];
}

/** The situations (conflicts) incidents belong to, for the filters. */
export const SITUATIONS = /* GraphQL */ `
  query Situations {
    situations {
      id
      name
    }
  }
`;
export interface SituationName {
  id: string;
  name: string;
}
export interface SituationsResult {
  situations: SituationName[];
}

export const STATE_TIMELINE = /* GraphQL */ `
query StateTimeline($stateCode: String!, $on: String) {
  stateTimeline(stateCode: $stateCode) {
    stateCode name
    entries {
      ccmStatus
      statement { ${STATEMENT_FIELDS} }
      incidents { incidentId canonicalIncidentId status readiness rule }
    }
  }
  states(filter: { on: $on }) { stateCode name ccmStatus signedOn ratifiedOrAccededOn withdrawnOn }
  situations { id name }
}`;
export interface StateInfo {
  stateCode: string;
  name: string;
  ccmStatus: string;
  signedOn: string | null;
  ratifiedOrAccededOn: string | null;
  withdrawnOn: string | null;
}
export interface StateTimelineResult {
  stateTimeline: {
    stateCode: string;
    name: string | null;
    entries: {
      ccmStatus: string;
      statement: Statement;
      incidents: {
        incidentId: string;
        canonicalIncidentId: string | null;
        status: Status | null;
        readiness: Readiness;
        rule: string | null;
      }[];
    }[];
  };
  states: StateInfo[];
  situations: SituationName[];
}

/** A cheap query that tells whether this reader may read (PUBLIC_READ or a valid token). */
export const PROBE = /* GraphQL */ `
  query Probe {
    incidents(first: 0) {
      totalCount
    }
  }
`;

export const STATES = /* GraphQL */ `
  query States($on: String) {
    states(filter: { on: $on }) {
      stateCode
      name
      ccmStatus
      signedOn
      ratifiedOrAccededOn
      withdrawnOn
    }
  }
`;
export interface StatesResult {
  states: StateInfo[];
}
