export {
  READ_STORE_VERSION,
  ReadStore,
  openReadStore,
  projectionVersion,
  rebuildReadStore,
  type Checkpoint,
  type EventSource,
  type ReadStoreOptions,
  type RebuildReport,
} from './read-store';
export { assessAsOf, type IncidentAssessment } from './assessments';
export { type FoldedStatusChange, type PageChanges } from './page-changes';
export { cutParams, fieldInForce, inForce, within, type ReadCut } from './cut';
export { TABLES } from './schema';
export { Lookups, type KeyedWrite, type LoggedCorroboration } from './lookups';
export {
  incidentAt,
  incidentsAt,
  incidentsByIdAt,
  incidentsShownAt,
  type IncidentAtCut,
  type IncidentDatedAt,
  type IncidentDates,
  type IncidentShownAt,
} from './incidents-at';
export {
  pageStatements,
  statementAt,
  statementNodesAt,
  statementsAt,
  type StatementAtCut,
  type StatementCorrectionAtCut,
  type StatementFilterAt,
} from './statements-at';
export { statementsByIdAt } from './statements-by-id';
export { sourcesAt, type GradeAtCut, type SourceAtCut } from './sources-at';
export { statementPageAt, type StatementPageFilter } from './statement-pages';
export { incidentPageAt, type IncidentDateFilter } from './incident-pages';
export { cutStatusSource, stateTimelineAt } from './timeline-at';
export { condemnersAt } from './condemners-at';
export { incidentResolver } from './incident-resolution';
export { incidentStreams } from './incident-streams';
export { resolutionsAt, type ResolutionAtCut } from './resolutions-at';
export {
  ALL_CORROBORATION_FIELDS,
  liveIncident,
  type CorroborationFields,
  type LiveCorroboration,
  type LiveIncident,
} from './live-incident';
export { liveStatementPage } from './live-statement-pages';
export { liveIncidentStatements } from './live-incident-statements';
export { liveReferring, type LiveReferring } from './live-referring';
export { liveIncidentInvestigations, liveInvestigation, type InvestigationNow } from './live-investigation';
export { liveSituations, situationIdsAt, type SituationCorrectionNow, type SituationNow } from './live-situations';
export {
  liveIncidentPage,
  liveMatching,
  liveMatchingOfFile,
  type LiveIncidentFilter,
  type MatchedIncident,
} from './live-incident-pages';
export { FileStatementRows, type StatementRowsParts } from './statement-rows';
export type { Corrected as CorrectedStatement } from './statement-rows.parts';
export {
  latestEvidenceDateOf,
  overviewIncidents,
  reportIncidentsAt,
  reportIncidentsOf,
  type ReportIncidents,
  reportSourceAt,
  responseMatrixAt,
  speakOutReportAt,
} from './report-at';
export { incidentTrailAt, type IncidentTrail, type TrailReading } from './incident-trail';
export { incidentListsAt, type IncidentListsAt } from './incident-lists-at';
export { referringAt } from './referring-at';
export { compareWithRebuild, type ProjectionCheck, type RebuildComparison } from './compare-with-rebuild';
