import type { Assessment, Status } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

/**
 * An incident whose live status a page moved, as assessPending finds it: the status stored before the page and
 * the one after, and the fold order (seq) of the last event of the page that marked it.
 */
export interface StatusMove {
  incidentId: string;
  /** Null when none was stored: a new incident (the model's NOT_ASSESSED). */
  before: Status | null;
  after: Status;
  assessment: Assessment;
  seq: number;
}

/** A status a live page moved, named by the event that caused it (the last of the page that marked the incident). */
export interface FoldedStatusChange extends Omit<StatusMove, 'seq'> {
  eventId: string;
}

/**
 * What a page folded live changed, for the subscriptions: each incident whose stored status the page moved (a status
 * that moves and moves back within the page moved nothing), and the statements the page recorded. Nothing for a page
 * folded without assessing (a rebuild: nobody listens yet).
 */
export interface PageChanges {
  statusChanges: FoldedStatusChange[];
  recordedStatementIds: string[];
  /**
   * Every incident whose live rows the page may have changed (its details, corroborations, merges, withdrawal,
   * revision, stored assessment or history), moved or not: those it marked to assess, and those they are merged
   * into. What an answer about any other incident reads is as it was before the page.
   */
  markedIncidentIds: string[];
  /**
   * Every State among the speakers, in any version, of the statements the page recorded or corrected: what an answer
   * about any other State's statements reads is as it was before the page.
   */
  spokenStateCodes: string[];
}

export const noChanges = (): PageChanges => ({
  statusChanges: [],
  recordedStatementIds: [],
  markedIncidentIds: [],
  spokenStateCodes: [],
});

/** The moves of a page whose first event has seq `first`, each named by its event's id. */
export const namedMoves = (moves: readonly StatusMove[], page: readonly StoredEvent[], first: number) =>
  moves.map(({ seq, ...move }): FoldedStatusChange => ({ ...move, eventId: page[seq - first].id }));
