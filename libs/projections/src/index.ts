export * from './model';
export { buildEvidence, sourceIsAllegedUser, spokenByAllegedUser } from './evidence';
export { evidenceDateOf, summarizeEvent, type SummaryNames } from './event-facts';
export {
  PROJECTION_VERSION,
  evolveRegistry,
  foldRegistry,
  reassessIncident,
  settleRegistry,
  type ChangeSet,
  type StatusChanged,
} from './registry.projection';
export { daysBetween, isoDateOf, milestonesOf, type Milestones } from './dates';
export * from './pagination';
export * from './incident.queries';
export * from './incident-overview';
export * from './statement.queries';
export * from './speak-out.report';
export * from './report-source';
export * from './coverage';
export * from './referring';
export { condemnersByIncident, condemnersOf, rowCondemnations, type CondemnationSources } from './condemnations';
export * from './response-matrix';
export * from './source.queries';
export * from './time-travel';
export { ABSENT_DAY, dayNumber, isoDateOfDay } from './day-numbers';
export * from './statement-texts';
export { PositionWaiters } from './position-waiters';
export { lazyProperty } from './lazy-property';
export { canonicalSourceId, organisationOf, similarSources, normaliseName, type SourceLinks } from './source-identity';
export { inferStateCode, stateSourceOf } from './source-identity';
export { assessUnder, policyDifferences, statusDifferences, type PolicyDifference } from './policy-versions';
export { loopYielder } from './event-loop';
