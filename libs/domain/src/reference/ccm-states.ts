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
  /** Ratification, acceptance or accession: a State Party from this date. */
  ratifiedOrAccededOn?: IsoDate;
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

export function parseCcmStates(csvText: string): CcmState[] {
  return csvRecords(csvText, COLUMNS).map((row, i) => {
    const where = `ccm-states row ${i + 2} (${row.iso3})`;
    const date = (value: string) => {
      if (value === '') return undefined;
      if (!isIsoDate(value)) throw new Error(`${where}: bad date '${value}'`);
      return value;
    };
    const status = row.status as CcmListStatus;
    if (!['state_party', 'signatory', 'withdrawn'].includes(status)) throw new Error(`${where}: unknown status '${row.status}'`);
    if (row.method !== '' && row.method !== 'ratification' && row.method !== 'accession') {
      throw new Error(`${where}: unknown method '${row.method}'`);
    }
    const state: CcmState = {
      iso3: row.iso3, name: row.name, signedOn: date(row.signed), ratifiedOrAccededOn: date(row.ratified_or_acceded),
      method: row.method === '' ? undefined : row.method, status, withdrawnOn: CCM_WITHDRAWALS[row.iso3], source: row.source,
    };
    if (status === 'state_party' && !state.ratifiedOrAccededOn) throw new Error(`${where}: a State Party without a ratification date`);
    if (status === 'signatory' && !state.signedOn) throw new Error(`${where}: a signatory without a signature date`);
    if (status === 'withdrawn' && !state.withdrawnOn) throw new Error(`${where}: withdrawn, but no withdrawal date is known`);
    if (status !== 'withdrawn' && state.withdrawnOn) throw new Error(`${where}: a withdrawal date for a State that has not withdrawn`);
    return state;
  });
}

/** The State's CCM status on an evidence date (a State Party from ratification/accession, until withdrawal). */
export function ccmStatusOn(state: CcmState, date: IsoDate): CcmStatus {
  if (state.withdrawnOn !== undefined && date >= state.withdrawnOn) return 'NOT_PARTY';
  if (state.ratifiedOrAccededOn !== undefined && date >= state.ratifiedOrAccededOn) return 'STATE_PARTY';
  if (state.signedOn !== undefined && date >= state.signedOn) return 'SIGNATORY';
  return 'NOT_PARTY';
}

export function statesPartiesOn(states: readonly CcmState[], date: IsoDate): CcmState[] {
  return states.filter((state) => ccmStatusOn(state, date) === 'STATE_PARTY');
}
