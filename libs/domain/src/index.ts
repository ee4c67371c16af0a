// The public face of @app/domain: pure types and functions, no framework, no driver.
export * from './events';
export * from './streams';
export * from './errors';
export * from './decider';
export * from './commands';
export { isIsoDate } from './validation';
export * from './source/source.decider';
export * from './incident/incident.decider';
export * from './investigation/investigation.decider';
export * from './statement/statement.decider';
export * from './situation/situation.decider';
export * from './resolution/resolution.decider';
export { scopeIsEmpty } from './statement/scope.rules';
export * from './reference';
export { upcast } from './upcast';
export * from './policy';
// For property tests and generated histories (a pure function, no test framework).
export { prng } from './testing/prng';
