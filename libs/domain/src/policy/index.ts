export * from './assessment';
export { assess, assessWithHistory } from './assess';
export { statusHistory } from './status-history';
export { readinessOf, ASSESSMENT_RULES, type AssessmentRule } from './rules';
export { DEFAULT_POLICY, type PolicyConfig, type ConfirmationBasis } from './policy-config';
