/** What the demo world is made of: sources, theatres of use, speakers, venues, evidence kinds. */
export interface DemoSource {
  key: string;
  name: string;
  kind: string;
  grade: string;
  homepage: string;
  /** A STATE source's State (policy 2.0.0 matches it to the alleged user by this code, never by name). */
  stateCode?: string;
}

export const DEMO_SOURCES: DemoSource[] = [
  { key: 'amnesty', name: 'Amnesty International', kind: 'NGO', grade: 'B', homepage: 'https://www.amnesty.org' },
  { key: 'hrw', name: 'Human Rights Watch', kind: 'NGO', grade: 'A', homepage: 'https://www.hrw.org' },
  { key: 'un-panel', name: 'UN Panel of Experts (demo)', kind: 'UN_BODY', grade: 'A', homepage: 'https://www.un.org' },
  {
    key: 'monitor',
    name: 'Cluster Munition Monitor (demo)',
    kind: 'NGO',
    grade: 'B',
    homepage: 'https://www.the-monitor.org',
  },
  {
    key: 'local-ngo',
    name: 'Local documentation centre (demo)',
    kind: 'NGO',
    grade: 'C',
    homepage: 'https://example.org/local',
  },
  {
    key: 'wire',
    name: 'International wire service (demo)',
    kind: 'MEDIA',
    grade: 'C',
    homepage: 'https://example.org/wire',
  },
  {
    key: 'osint',
    name: 'Open-source investigators (demo)',
    kind: 'ACADEMIC',
    grade: 'B',
    homepage: 'https://example.org/osint',
  },
  { key: 'blog', name: 'Anonymous blog (demo)', kind: 'INDIVIDUAL', grade: 'E', homepage: 'https://example.org/blog' },
  {
    key: 'un-coi',
    name: 'UN Commission of Inquiry (demo)',
    kind: 'UN_BODY',
    grade: 'A',
    homepage: 'https://www.ohchr.org',
  },
  {
    key: 'gbr-mod',
    name: 'United Kingdom Ministry of Defence',
    kind: 'STATE',
    stateCode: 'GBR',
    grade: 'B',
    homepage: 'https://www.gov.uk/government/organisations/ministry-of-defence',
  },
];
/** Sources that report incidents in the generated world (a State's ministry only speaks for its own inquiry). */
export const REPORTERS = DEMO_SOURCES.filter((s) => s.kind !== 'STATE' && s.key !== 'un-coi').map((s) => s.key);

export interface Situation {
  key: string;
  country: string;
  places: string[];
  box: [number, number, number, number];
  from: string;
  to: string;
  munitions: [string, string][];
  user: { kind: string; stateCodes: string[]; name?: string };
  /** The situation (conflict) its incidents belong to, registered by the demo. */
  situation?: { name: string; from: string; allegedUsers: { stateCodes: string[]; name?: string }[] };
}
export const SITUATIONS: Situation[] = [
  {
    key: 'yem',
    country: 'YEM',
    places: ['Saada', 'Hajjah', 'Sanaa', 'Hodeidah', 'Amran'],
    box: [13.0, 17.3, 42.8, 45.5],
    from: '2015-04-01',
    to: '2019-12-31',
    munitions: [
      ['BL-755', 'AIR_DROPPED'],
      ['CBU-97', 'AIR_DROPPED'],
      ['M26', 'GROUND_LAUNCHED_ROCKET'],
    ],
    user: { kind: 'COALITION', stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' },
    situation: {
      name: 'Yemen, Saudi-led coalition, since 2015',
      from: '2015-03-26',
      allegedUsers: [{ stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' }],
    },
  },
  {
    key: 'syr',
    country: 'SYR',
    places: ['Idlib', 'Aleppo', 'Douma', 'Hama', 'Deraa'],
    box: [32.5, 36.8, 35.8, 41.0],
    from: '2012-07-01',
    to: '2020-03-31',
    munitions: [
      ['RBK-500 AO-1SCh', 'AIR_DROPPED'],
      ['9M27K', 'GROUND_LAUNCHED_ROCKET'],
      ['ZP-39', 'ARTILLERY'],
    ],
    user: { kind: 'STATE', stateCodes: ['SYR'] },
  },
  {
    key: 'ukr',
    country: 'UKR',
    places: ['Kharkiv', 'Mykolaiv', 'Kramatorsk', 'Kherson', 'Chernihiv'],
    box: [46.4, 50.5, 30.5, 38.0],
    from: '2022-02-24',
    to: '2024-12-31',
    munitions: [
      ['9M55K', 'GROUND_LAUNCHED_ROCKET'],
      ['9N210', 'GROUND_LAUNCHED_ROCKET'],
      ['Tornado-S', 'MISSILE'],
    ],
    user: { kind: 'STATE', stateCodes: ['RUS'] },
    situation: {
      name: 'Ukraine, Russian Federation, since 2022',
      from: '2022-02-24',
      allegedUsers: [{ stateCodes: ['RUS'] }],
    },
  },
  {
    key: 'sdn',
    country: 'SDN',
    places: ['South Kordofan', 'Blue Nile', 'Darfur'],
    box: [10.5, 14.5, 23.0, 34.5],
    from: '2015-01-01',
    to: '2016-12-31',
    munitions: [['RBK-500 PTAB-2.5M', 'AIR_DROPPED']],
    user: { kind: 'STATE', stateCodes: ['SDN'] },
  },
  {
    key: 'lby',
    country: 'LBY',
    places: ['Sirte', 'Tripoli outskirts', 'Misrata'],
    box: [29.0, 32.8, 13.0, 20.0],
    from: '2011-04-01',
    to: '2019-12-31',
    munitions: [
      ['MAT-120', 'ARTILLERY'],
      ['RBK-250', 'AIR_DROPPED'],
    ],
    user: { kind: 'UNKNOWN', stateCodes: [] },
  },
];

/** States Parties that speak in the demo (all on the CCM list). */
export const SPEAKERS = [
  'NOR',
  'IRL',
  'AUT',
  'DEU',
  'FRA',
  'GBR',
  'NLD',
  'BEL',
  'CHE',
  'ESP',
  'ITA',
  'MEX',
  'NZL',
  'CAN',
  'JPN',
  'CHL',
  'PHL',
  'ZAF',
  'SWE',
  'DNK',
  'LIE',
  'HRV',
  'CRI',
  'GHA',
  'SEN',
];
export const VENUES = ['MSP', 'UNGA_FIRST_COMMITTEE', 'HUMAN_RIGHTS_COUNCIL', 'NATIONAL'];
export const KINDS = [
  'REMNANT_PHOTO',
  'FIELD_VISIT',
  'WITNESS_TESTIMONY',
  'SATELLITE_IMAGERY',
  'VIDEO',
  'MEDICAL_RECORD',
  'EXPERT_IDENTIFICATION',
];
