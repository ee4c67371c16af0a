import type { IsoDate } from '@app/domain';

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of an ISO date (a number compares and subtracts without parsing again). */
export const dayNumber = (date: IsoDate): number => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
/** The ISO date of a day number (the inverse of dayNumber). */
export const isoDateOfDay = (day: number): IsoDate => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A row no report sees (a statement outside a cut). */
export const ABSENT_DAY = 2 ** 31 - 1;
