import type { IsoDate } from '@app/domain';
import type { IncidentView } from './model';

const DAY_MS = 86_400_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The UTC calendar date of an instant. */
export const isoDateOf = (at: Date): IsoDate => at.toISOString().slice(0, 10);

export interface Milestones {
  /** First evidence date on which the incident was CORROBORATED or stronger (CONTESTED, CONFIRMED). */
  corroboratedOn: IsoDate | null;
  /** First evidence date on which the incident was CONFIRMED. */
  confirmedOn: IsoDate | null;
}

export function milestonesOf(incident: Pick<IncidentView, 'statusHistory'>): Milestones {
  let corroboratedOn: IsoDate | null = null;
  let confirmedOn: IsoDate | null = null;
  for (const change of incident.statusHistory) {
    const s = change.status;
    if (corroboratedOn === null && (s === 'CORROBORATED' || s === 'CONTESTED' || s === 'CONFIRMED'))
      corroboratedOn = change.on;
    if (confirmedOn === null && s === 'CONFIRMED') confirmedOn = change.on;
  }
  return { corroboratedOn, confirmedOn };
}
