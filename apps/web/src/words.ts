/** Everything the page says in words: labels for the API's codes, dates, the verdict, the clocks. */
export const STATUSES = ['CONFIRMED', 'CORROBORATED', 'CONTESTED', 'ALLEGED', 'NOT_CONFIRMED', 'WITHDRAWN'] as const;
export type Status = (typeof STATUSES)[number];
export const READINESS = ['CONDEMN', 'CONCERN', 'NONE'] as const;
export type Readiness = (typeof READINESS)[number];
export type Clock = 'KNOWN' | 'RECORDED';

export const STATUS_LABEL: Record<Status, string> = {
  CONFIRMED: 'Confirmed',
  CORROBORATED: 'Corroborated',
  CONTESTED: 'Contested',
  ALLEGED: 'Alleged',
  NOT_CONFIRMED: 'Not confirmed',
  WITHDRAWN: 'Withdrawn',
};
export const READINESS_LABEL: Record<Readiness, string> = {
  CONDEMN: 'States can condemn',
  CONCERN: 'Concern and a call for investigation are warranted',
  NONE: 'No call to speak out',
};
export const READINESS_SHORT: Record<Readiness, string> = { CONDEMN: 'Condemn', CONCERN: 'Concern', NONE: 'None' };

const WORDS: Record<string, string> = {
  REMNANT_PHOTO: 'remnant photos',
  FIELD_VISIT: 'field visit',
  WITNESS_TESTIMONY: 'witness testimony',
  SATELLITE_IMAGERY: 'satellite imagery',
  VIDEO: 'video',
  MEDICAL_RECORD: 'medical records',
  EXPERT_IDENTIFICATION: 'expert identification',
  OFFICIAL_ADMISSION: 'official admission',
  CONDEMNATION: 'Condemnation',
  CONCERN: 'Concern',
  CALL_FOR_INVESTIGATION: 'Call for investigation',
  DENIAL: 'Denial',
  ACKNOWLEDGEMENT: 'Acknowledgement',
  INVESTIGATION_ANNOUNCED: 'Investigation announced',
  MSP: 'Meeting of States Parties',
  UNGA: 'UN General Assembly',
  UNGA_FIRST_COMMITTEE: 'UNGA First Committee',
  HUMAN_RIGHTS_COUNCIL: 'Human Rights Council',
  SECURITY_COUNCIL: 'Security Council',
  NATIONAL: 'National statement',
  OTHER: 'Other',
  USE_CONFIRMED: 'use confirmed',
  USE_NOT_CONFIRMED: 'use not confirmed',
  INCONCLUSIVE: 'inconclusive',
  AIR_DROPPED: 'air-dropped',
  ARTILLERY: 'artillery',
  GROUND_LAUNCHED_ROCKET: 'ground-launched rocket',
  MISSILE: 'missile',
  UNKNOWN: 'unknown',
  STATE_PARTY: 'State Party',
  SIGNATORY: 'Signatory',
  NOT_PARTY: 'Not party',
  SUPPORTS: 'supports',
  DISPUTES: 'disputes',
  COALITION: 'coalition',
  NON_STATE_ARMED_GROUP: 'non-State armed group',
  STATE: 'State',
  UN: 'UN',
  NGO: 'NGO',
  COURT: 'court',
};
/** A code in words; an unknown code (a newer API) is shown as it is, lower-cased. */
export const say = (code: string): string => WORDS[code] ?? code.toLowerCase().replace(/_/g, ' ');

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** `2016-05-25` as `25 May 2016`; anything else unchanged. */
export function day(iso: string | null | undefined): string {
  if (!iso) return '—';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** `2016-05-25` as `25 May 2016` in a narrow column. */
export function shortDay(iso: string | null | undefined): string {
  const long = day(iso);
  return long.replace(/^(\d+ )(\w{3})\w*( \d{4})$/, '$1$2$3');
}

export function period(from: string, to: string | null | undefined): string {
  return !to || to === from ? day(from) : `${day(from)} – ${day(to)}`;
}

/** The one-line explanation of each clock shown under the as-of picker. */
export const CLOCK_EXPLAINED: Record<Clock, string> = {
  KNOWN: 'Publicly known on: only evidence published, concluded or delivered by that day counts.',
  RECORDED: 'What the registry showed on: the registry exactly as it stood at the end of that day.',
};

export interface Verdict {
  status: Status;
  readiness: Readiness;
  statusSince: string | null;
}

/** The headline of an incident's verdict: status, since when, and what it means for speaking out. */
export function verdictHeadline(a: Verdict): string {
  const since = a.statusSince ? ` since ${day(a.statusSince)}` : '';
  return `${STATUS_LABEL[a.status] ?? a.status}${since}. ${READINESS_LABEL[a.readiness] ?? a.readiness}.`;
}

/**
 * A statement's lag after the incident's first confirmation: negative when it came first (anticipatory, said so,
 * never hidden), null when the incident was never confirmed.
 */
export function lagWords(days: number | null | undefined): string {
  if (days === null || days === undefined) return 'the incident was never confirmed';
  if (days === 0) return 'on the day it was confirmed';
  const n = Math.abs(days);
  const count = `${n} day${n === 1 ? '' : 's'}`;
  return days > 0 ? `${count} after it was confirmed` : `${count} before it was confirmed (anticipatory)`;
}

/** A State's lag in a table cell: "+208 days", "−12 days (anticipatory)". */
export function lagCell(days: number | null | undefined): string {
  if (days === null || days === undefined) return '—';
  const n = Math.abs(days);
  const count = `${n} day${n === 1 ? '' : 's'}`;
  return days < 0 ? `−${count} (anticipatory)` : days === 0 ? 'same day' : `+${count}`;
}

/** How specifically a response reached the subject, most specific first. */
export const SCOPE_LABEL: Record<string, string> = {
  INCIDENT: 'incident',
  SITUATION: 'situation',
  USER: 'alleged user',
  GENERIC: 'generic (any use)',
};
export const VOTE_LABEL: Record<string, string> = { YES: 'yes', NO: 'no', ABSTAIN: 'abstained', ABSENT: 'absent' };

/** An as-of date (YYYY-MM-DD) as the instant the API takes: the end of that day, UTC. */
export const endOfDay = (date: string): string => `${date}T23:59:59Z`;
