import type { Status } from './assessment';
import type { Dated } from './evidence-rules';
import type { IndependentSources } from './independence';
import type { ConfirmationBasis } from './policy-config';
import type { AssessmentRule } from './rules';

/** Why the rules decided as they did, and what is missing for the next level, in words. */
export interface Words {
  reasons: string[];
  missing: string[];
}

/** What the rules decide at one cut of the evidence; assess() adds dates, readiness and version. */
export interface Verdict {
  status: Status;
  rule: AssessmentRule;
  evidenceIds: string[];
  /**
   * The words, made when asked: a history runs the rules at every evidence date and keeps the status, the rule
   * and the evidence of each date, the words of the last date alone (wording the others was most of its time).
   */
  words: () => Words;
}

/** Facts computed once per cut and shared by the rules. */
export interface Findings {
  corroborating: IndependentSources;
  /** Confirmations that hold now, by basis (physical evidence only once corroborated). */
  confirmations: Record<ConfirmationBasis, Dated[]>;
  /** Physical evidence from a source graded high enough, corroborated or not. */
  physical: Dated[];
  disputes: Dated[];
  contested: boolean;
  open: string[];
}

export const uniqueIds = (...lists: string[][]): string[] => [...new Set(lists.flat())];
