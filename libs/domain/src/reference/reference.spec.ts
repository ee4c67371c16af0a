import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ccmStatusOn, parseCcmStates, statesPartiesOn } from './ccm-states';
import { parseCsv } from './csv';
import { parseIsoCountries } from './iso-countries';

const data = (file: string) => readFileSync(join(__dirname, '../../../../data/reference', file), 'utf8');

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['two\nlines', '']]);
  });
  it('refuses an unterminated quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow('unterminated');
  });
});

describe('parseIsoCountries (data/reference/iso-3166-1.csv)', () => {
  const countries = parseIsoCountries(data('iso-3166-1.csv'));
  it('reads every alpha-3 code, quoted names included', () => {
    expect(countries.size).toBe(249);
    expect(countries.get('YEM')).toBe('Yemen');
    expect(countries.get('KOR')).toBe('Korea, Republic of');
    expect(countries.get('PRK')).toBe("Korea, Democratic People's Republic of");
    expect(countries.has('XYZ')).toBe(false);
  });
  it('refuses a file without the expected columns', () => {
    expect(() => parseIsoCountries('code,label\nYEM,Yemen\n')).toThrow('alpha3');
  });
});

describe('CCM membership (data/reference/ccm-states.csv)', () => {
  const states = parseCcmStates(data('ccm-states.csv'));
  const byCode = new Map(states.map((s) => [s.iso3, s]));
  const state = (code: string) => byCode.get(code)!;
  const parties = (date: string) => statesPartiesOn(states, date).length;

  it('reads every row with its dates and status', () => {
    expect(states).toHaveLength(125);
    expect(state('GBR')).toMatchObject({ signedOn: '2008-12-03', ratifiedOrAccededOn: '2010-05-04', method: 'ratification', status: 'state_party' });
    expect(state('SSD')).toMatchObject({ signedOn: undefined, ratifiedOrAccededOn: '2023-08-03', method: 'accession' });
    expect(state('AGO')).toMatchObject({ status: 'signatory', ratifiedOrAccededOn: undefined, method: undefined });
    expect(state('LTU')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2025-03-06' });
  });
  it('tells a signatory from a State Party over time', () => {
    expect(ccmStatusOn(state('GBR'), '2008-12-02')).toBe('NOT_PARTY');
    expect(ccmStatusOn(state('GBR'), '2008-12-03')).toBe('SIGNATORY');
    expect(ccmStatusOn(state('GBR'), '2010-05-03')).toBe('SIGNATORY');
    expect(ccmStatusOn(state('GBR'), '2010-05-04')).toBe('STATE_PARTY');
    expect(ccmStatusOn(state('AGO'), '2025-01-01')).toBe('SIGNATORY');
    expect(ccmStatusOn(state('SSD'), '2023-08-02')).toBe('NOT_PARTY');
  });
  it('ends Lithuania\'s membership when its withdrawal took effect', () => {
    expect(ccmStatusOn(state('LTU'), '2011-03-24')).toBe('STATE_PARTY');
    expect(ccmStatusOn(state('LTU'), '2025-03-05')).toBe('STATE_PARTY');
    expect(ccmStatusOn(state('LTU'), '2025-03-06')).toBe('NOT_PARTY');
  });
  it('counts the States Parties the milestones announce', () => {
    expect(parties('2016-04-19')).toBe(100); // Palau, the 100th
    expect(parties('2020-08-06')).toBe(109); // Niue, the 109th
    expect(parties('2023-02-28')).toBe(111); // Nigeria, the 111th
    expect(parties('2023-08-03')).toBe(112); // South Sudan, the 112th
    expect(parties('2025-03-06')).toBe(111); // Lithuania left
    expect(parties('2025-09-05')).toBe(112); // Vanuatu, the 112th again
  });
  it('refuses a withdrawn State whose withdrawal date is unknown', () => {
    const csv = 'iso3,name,signed,ratified_or_acceded,method,status,source\nXXA,Atlantis,2008-12-03,2010-01-01,ratification,withdrawn,x\n';
    expect(() => parseCcmStates(csv)).toThrow('no withdrawal date');
  });
  it('refuses a bad date and a State Party without a ratification', () => {
    const header = 'iso3,name,signed,ratified_or_acceded,method,status,source\n';
    expect(() => parseCcmStates(`${header}GBR,UK,2008-12-32,,,signatory,x\n`)).toThrow('bad date');
    expect(() => parseCcmStates(`${header}GBR,"UK, the",2008-12-03,,,state_party,x\n`)).toThrow('without a ratification');
  });
});
