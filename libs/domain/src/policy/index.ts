export * from './assessment';
export { assess, assessWithHistory, statusOn, type AssessedWithHistory } from './assess';
export { confirmationOf, statusHistory } from './status-history';
export { readinessOf, ASSESSMENT_RULES, type AssessmentRule } from './rules';
export {
  DEFAULT_POLICY,
  POLICIES,
  POLICY_V1,
  POLICY_V2,
  policyByVersion,
  type PolicyConfig,
  type ConfirmationBasis,
  type InterestedRole,
} from './policy-config';
export { evidenceDates, gradeOn, latestEvidenceDate } from './evidence-cut';
