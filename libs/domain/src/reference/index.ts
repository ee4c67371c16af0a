export { parseCsv } from './csv';
export { parseIsoCountries } from './iso-countries';
export { CCM_WITHDRAWALS, type CcmListStatus, type CcmState, type CcmStatus, ccmStatusOn, parseCcmStates, statesPartiesOn } from './ccm-states';
