import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ccmStatusOn, firstDayOfSixthMonthAfter, parseCcmStates, statesPartiesOn } from './ccm-states';
import { parseCsv } from './csv';
import { parseIsoCountries } from './iso-countries';

const data = (file: string) => readFileSync(join(__dirname, '../../../../data/reference', file), 'utf8');

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n"two\nlines",\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', ''],
    ]);
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
    expect(state('GBR')).toMatchObject({
      signedOn: '2008-12-03',
      ratifiedOrAccededOn: '2010-05-04',
      method: 'ratification',
      status: 'state_party',
    });
    expect(state('SSD')).toMatchObject({ signedOn: undefined, ratifiedOrAccededOn: '2023-08-03', method: 'accession' });
    expect(state('AGO')).toMatchObject({ status: 'signatory', ratifiedOrAccededOn: undefined, method: undefined });
    expect(state('LTU')).toMatchObject({ status: 'withdrawn', withdrawnOn: '2025-03-06' });
  });
  it('tells a signatory from a State Party over time (a party from entry into force, not from deposit)', () => {
    expect(ccmStatusOn(state('GBR'), '2008-12-02')).toBe('NOT_PARTY');
    expect(ccmStatusOn(state('GBR'), '2008-12-03')).toBe('SIGNATORY');
    expect(ccmStatusOn(state('GBR'), '2010-05-04')).toBe('SIGNATORY'); // deposited, not yet bound
    expect(ccmStatusOn(state('GBR'), '2010-10-31')).toBe('SIGNATORY');
    expect(ccmStatusOn(state('GBR'), '2010-11-01')).toBe('STATE_PARTY');
    expect(ccmStatusOn(state('AGO'), '2025-01-01')).toBe('SIGNATORY');
    expect(ccmStatusOn(state('SSD'), '2023-08-03')).toBe('NOT_PARTY'); // acceded without signing
    expect(ccmStatusOn(state('SSD'), '2024-02-01')).toBe('STATE_PARTY');
  });
  it.each([
    // [State, deposit, entry into force]: the first 30 instruments on 1 August 2010 (Article 17(1)) ...
    ['IRL', '2008-12-03', '2010-08-01'],
    ['MDA', '2010-02-16', '2010-08-01'], // the thirtieth, with Burkina Faso on the same day
    // ... every later one on the first day of the sixth month after its deposit (Article 17(2))
    ['WSM', '2010-04-28', '2010-10-01'],
    ['GBR', '2010-05-04', '2010-11-01'],
    ['LTU', '2011-03-24', '2011-09-01'],
    ['LKA', '2018-03-01', '2018-09-01'],
    ['NIU', '2020-08-06', '2021-02-01'],
    ['SSD', '2023-08-03', '2024-02-01'],
    ['VUT', '2025-09-05', '2026-03-01'],
  ])('%s deposited on %s is bound from %s', (code, deposit, inForce) => {
    expect(state(code)).toMatchObject({ ratifiedOrAccededOn: deposit, entryIntoForceOn: inForce });
  });
  it('finds the sixth month after a deposit across the year end', () => {
    expect(firstDayOfSixthMonthAfter('2014-07-31')).toBe('2015-01-01');
    expect(firstDayOfSixthMonthAfter('2014-06-30')).toBe('2014-12-01');
    expect(firstDayOfSixthMonthAfter('2018-12-11')).toBe('2019-06-01');
  });
  it("ends Lithuania's membership when its withdrawal took effect", () => {
    expect(ccmStatusOn(state('LTU'), '2011-03-24')).toBe('SIGNATORY');
    expect(ccmStatusOn(state('LTU'), '2011-09-01')).toBe('STATE_PARTY');
    expect(ccmStatusOn(state('LTU'), '2025-03-05')).toBe('STATE_PARTY');
    expect(ccmStatusOn(state('LTU'), '2025-03-06')).toBe('NOT_PARTY');
  });
  it.each([
    ['2010-06-01', 0], // deposits, but the Convention is not in force yet
    ['2010-07-31', 0],
    ['2010-08-01', 30], // entry into force for the first 30 instruments
    ['2010-10-01', 31], // Samoa
    ['2010-11-01', 36], // the United Kingdom and the four others deposited in May 2010
    ['2016-04-19', 98], // Palau deposits as the 100th instrument; Cuba and Palau are not bound yet
    ['2016-10-01', 100],
    ['2021-02-01', 109], // Niue
    ['2023-09-01', 111], // South Sudan has deposited, bound from 1 February 2024
    ['2024-02-01', 112],
    ['2025-03-06', 111], // Lithuania's withdrawal takes effect
    ['2025-09-05', 111], // Vanuatu deposits
    ['2026-03-01', 112], // Vanuatu bound
  ])('on %s: %s States Parties', (date, count) => {
    expect(parties(date)).toBe(count);
  });
  it('refuses a withdrawn State whose withdrawal date is unknown', () => {
    const csv =
      'iso3,name,signed,ratified_or_acceded,method,status,source\n' +
      'XXA,Atlantis,2008-12-03,2010-01-01,ratification,withdrawn,x\n';
    expect(() => parseCcmStates(csv)).toThrow('no withdrawal date');
  });
  it('refuses a bad date and a State Party without a ratification', () => {
    const header = 'iso3,name,signed,ratified_or_acceded,method,status,source\n';
    expect(() => parseCcmStates(`${header}GBR,UK,2008-12-32,,,signatory,x\n`)).toThrow('bad date');
    expect(() => parseCcmStates(`${header}GBR,"UK, the",2008-12-03,,,state_party,x\n`)).toThrow(
      'without a ratification',
    );
  });
});
