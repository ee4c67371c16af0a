/** ISO 3166-1 names and numeric codes (the world atlas keys its shapes by numeric code). */
import codes from 'i18n-iso-countries/codes.json';
import english from 'i18n-iso-countries/langs/en.json';

const names = (english as { countries: Record<string, string | string[]> }).countries;
const byAlpha3 = new Map<string, { name: string; numeric: string }>();
for (const [alpha2, alpha3, numeric] of codes) {
  const name = names[alpha2];
  byAlpha3.set(alpha3, { name: Array.isArray(name) ? name[0] : (name ?? alpha3), numeric });
}

export const countryName = (alpha3: string): string => byAlpha3.get(alpha3)?.name ?? alpha3;
export const numericCode = (alpha3: string): string | undefined => byAlpha3.get(alpha3)?.numeric;
let sorted: { code: string; name: string }[] | undefined;
/**
 * Every country by name, sorted once (each overview's filters list them), with one collator for the whole sort
 * (`localeCompare` may set one up per comparison).
 */
export const allCountries = (): readonly { code: string; name: string }[] => {
  if (sorted) return sorted;
  const { compare } = new Intl.Collator();
  return (sorted = [...byAlpha3].map(([code, { name }]) => ({ code, name })).sort((a, b) => compare(a.name, b.name)));
};
