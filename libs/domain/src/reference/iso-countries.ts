import { csvRecords } from './csv';

/** ISO 3166-1 alpha-3 code -> English short name, from `alpha3,name` rows. */
export function parseIsoCountries(csvText: string): Map<string, string> {
  const countries = new Map<string, string>();
  for (const row of csvRecords(csvText, ['alpha3', 'name'])) {
    if (!/^[A-Z]{3}$/.test(row.alpha3)) throw new Error(`ISO 3166-1: bad alpha-3 code '${row.alpha3}'`);
    countries.set(row.alpha3, row.name);
  }
  return countries;
}
