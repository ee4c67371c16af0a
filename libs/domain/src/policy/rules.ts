import type { Readiness, Status } from './assessment';

/** Machine names of the rules, one per way a status can be reached. */
export const ASSESSMENT_RULES = [
  'NO_SUPPORTING_SOURCE',
  'ALLEGED_BY_SOURCE',
  'CORROBORATED_BY_INDEPENDENT_SOURCES',
  'CONTESTED_BY_CREDIBLE_SOURCE',
  'CONTESTED_BY_INVESTIGATION',
  'CONFIRMED_BY_ACKNOWLEDGEMENT',
  'CONFIRMED_BY_INVESTIGATION',
  'CONFIRMED_BY_PHYSICAL_EVIDENCE',
  'NOT_CONFIRMED_BY_INVESTIGATION',
  'WITHDRAWN_INCIDENT',
  'WITHDRAWN_ALL_SOURCES_RETRACTED',
] as const;
export type AssessmentRule = (typeof ASSESSMENT_RULES)[number];

/**
 * Dubrovnik Action Plan (2015), carried on by the Lausanne Action Plan (2021) and the Lausanne Political
 * Declaration: condemn documented use, raise concern at alleged use.
 */
export function readinessOf(status: Status): Readiness {
  switch (status) {
    case 'CONFIRMED':
      return 'CONDEMN';
    case 'ALLEGED':
    case 'CORROBORATED':
    case 'CONTESTED':
      return 'CONCERN';
    case 'NOT_CONFIRMED':
    case 'WITHDRAWN':
      return 'NONE';
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}
