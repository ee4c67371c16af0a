import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseIsoCountries } from '@app/domain';
import { normaliseName } from './source-identity';

/**
 * The ISO 3166-1 table the product ships (data/reference/iso-3166-1.csv, or REFERENCE_DATA_DIR as the API
 * reads it), loaded once per process and never changed. It is module-level on purpose: every model builder
 * (the live projection, replays as of a date, the CLI rebuild) folds SourceRegistered through the same
 * evolve, so none can be built without it and live and replayed models cannot disagree on a State's code.
 */
export interface ShippedCountries {
  /** The alpha-3 codes the table holds. */
  readonly codes: ReadonlySet<string>;
  /** A State's code from its name as the table spells it ("United Kingdom" -> GBR), compared as people do. */
  codeNamed(name: string): string | undefined;
}

function referenceDir(): string {
  if (process.env.REFERENCE_DATA_DIR) return process.env.REFERENCE_DATA_DIR;
  // From source (tests) or from dist/: the project root is the first folder up holding package.json.
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'data', 'reference');
}

function load(): ShippedCountries {
  const countries = parseIsoCountries(fs.readFileSync(path.join(referenceDir(), 'iso-3166-1.csv'), 'utf8'));
  const byName = new Map<string, string>();
  for (const [code, name] of countries) byName.set(normaliseName(name), code);
  const codeNamed = (name: string) => byName.get(normaliseName(name));
  return Object.freeze({ codes: new Set(countries.keys()), codeNamed });
}

let shipped: ShippedCountries | undefined;

/** Read on first use: most event logs never need it (sources registered with a code). */
export function shippedCountries(): ShippedCountries {
  shipped ??= load();
  return shipped;
}
