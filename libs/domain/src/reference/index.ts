export { parseCsv } from './csv';
export { parseIsoCountries } from './iso-countries';
export {
  CCM_ENTRY_INTO_FORCE,
  CCM_WITHDRAWALS,
  firstDayOfSixthMonthAfter,
  type CcmListStatus,
  type CcmState,
  type CcmStatus,
  ccmStatusOn,
  parseCcmStates,
  statesPartiesOn,
} from './ccm-states';
