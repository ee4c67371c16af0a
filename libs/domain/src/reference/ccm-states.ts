import type { CountryCode, IsoDate } from '../events';
import { isIsoDate } from '../validation';
import { csvRecords } from './csv';

export type CcmListStatus = 'state_party' | 'signatory' | 'withdrawn';
export type CcmStatus = 'STATE_PARTY' | 'SIGNATORY' | 'NOT_PARTY';

/** One row of the Convention on Cluster Munitions membership list. */
export interface CcmState {
  iso3: CountryCode;
  name: string;
  signedOn?: IsoDate;
  /** Deposit of its instrument of ratification, acceptance or accession (not yet bound: see entryIntoForceOn). */
  ratifiedOrAccededOn?: IsoDate;
  /** When the Convention entered into force for it (Article 17): a State Party from this date. */
  entryIntoForceOn?: IsoDate;
  method?: 'ratification' | 'accession';
  /** The status the list gives today. */
  status: CcmListStatus;
  /** When a withdrawal took effect: from this date the State is no party (nor a signatory) any more. */
  withdrawnOn?: IsoDate;
  source: string;
}

/**
 * Withdrawal dates are not columns of the list (see data/reference/ccm-states-notes.md): Lithuania's
 * withdrawal took effect on 6 March 2025. A new withdrawal must be added here, or the list refuses to load.
 */
export const CCM_WITHDRAWALS: Readonly<Record<CountryCode, IsoDate>> = { LTU: '2025-03-06' };

const COLUMNS = ['iso3', 'name', 'signed', 'ratified_or_acceded', 'method', 'status', 'source'];

/** The Convention entered into force on this date for the first 30 instruments deposited (Article 17(1)). */
export const CCM_ENTRY_INTO_FORCE: IsoDate = '2010-08-01';
const FIRST_INSTRUMENTS = 30;

/** Article 17(2): the first day of the sixth month after the month of the deposit. */
export function firstDayOfSixthMonthAfter(depositedOn: IsoDate): IsoDate {
  const year = Number(depositedOn.slice(0, 4));
  const month = Number(depositedOn.slice(5, 7)) + 6;
  const [y, m] = month > 12 ? [year + 1, month - 12] : [year, month];
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

/**
 * Entry into force for each deposit: 1 August 2010 for the first 30 instruments (those deposited on or
 * before the day of the thirtieth), otherwise the first day of the sixth month after the deposit.
 */
function withEntryIntoForce(states: CcmState[]): CcmState[] {
  const deposits = states.flatMap((s) => s.ratifiedOrAccededOn ?? []).sort();
  const thirtieth = deposits.length >= FIRST_INSTRUMENTS ? deposits[FIRST_INSTRUMENTS - 1] : undefined;
  for (const s of states) {
    const deposit = s.ratifiedOrAccededOn;
    if (deposit === undefined) continue;
    s.entryIntoForceOn =
      thirtieth !== undefined && deposit <= thirtieth ? CCM_ENTRY_INTO_FORCE : firstDayOfSixthMonthAfter(deposit);
  }
  return states;
}

export function parseCcmStates(csvText: string): CcmState[] {
  return withEntryIntoForce(parseRows(csvText));
}

function parseRows(csvText: string): CcmState[] {
  return csvRecords(csvText, COLUMNS).map((row, i) => {
    const where = `ccm-states row ${i + 2} (${row.iso3})`;
    const date = (value: string) => {
      if (value === '') return undefined;
      if (!isIsoDate(value)) throw new Error(`${where}: bad date '${value}'`);
      return value;
    };
    const status = row.status as CcmListStatus;
    if (!['state_party', 'signatory', 'withdrawn'].includes(status))
      throw new Error(`${where}: unknown status '${row.status}'`);
    if (row.method !== '' && row.method !== 'ratification' && row.method !== 'accession') {
      throw new Error(`${where}: unknown method '${row.method}'`);
    }
    const state: CcmState = {
      iso3: row.iso3,
      name: row.name,
      signedOn: date(row.signed),
      ratifiedOrAccededOn: date(row.ratified_or_acceded),
      method: row.method === '' ? undefined : row.method,
      status,
      withdrawnOn: CCM_WITHDRAWALS[row.iso3],
      source: row.source,
    };
    if (status === 'state_party' && !state.ratifiedOrAccededOn)
      throw new Error(`${where}: a State Party without a ratification date`);
    if (status === 'signatory' && !state.signedOn) throw new Error(`${where}: a signatory without a signature date`);
    if (status === 'withdrawn' && !state.withdrawnOn)
      throw new Error(`${where}: withdrawn, but no withdrawal date is known`);
    if (status !== 'withdrawn' && state.withdrawnOn)
      throw new Error(`${where}: a withdrawal date for a State that has not withdrawn`);
    return state;
  });
}

/**
 * The State's CCM status on an evidence date: a State Party from the Convention's entry into force for it
 * until its withdrawal takes effect; between deposit and entry into force a signatory if it signed.
 */
export function ccmStatusOn(state: CcmState, date: IsoDate): CcmStatus {
  if (state.withdrawnOn !== undefined && date >= state.withdrawnOn) return 'NOT_PARTY';
  if (state.entryIntoForceOn !== undefined && date >= state.entryIntoForceOn) return 'STATE_PARTY';
  if (state.signedOn !== undefined && date >= state.signedOn) return 'SIGNATORY';
  return 'NOT_PARTY';
}

export function statesPartiesOn(states: readonly CcmState[], date: IsoDate): CcmState[] {
  return states.filter((state) => ccmStatusOn(state, date) === 'STATE_PARTY');
}
