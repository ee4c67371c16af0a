import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CcmState, parseCcmStates, parseIsoCountries } from '@app/domain';

/** Reference data the product ships (data/reference): ISO 3166-1 countries and CCM membership. */
export class ReferenceData {
  readonly countries: Map<string, string>;
  readonly ccmStates: CcmState[];

  constructor(dir: string) {
    this.countries = parseIsoCountries(fs.readFileSync(path.join(dir, 'iso-3166-1.csv'), 'utf8'));
    this.ccmStates = parseCcmStates(fs.readFileSync(path.join(dir, 'ccm-states.csv'), 'utf8'));
  }

  isKnownCountry = (code: string): boolean => this.countries.has(code);
}
