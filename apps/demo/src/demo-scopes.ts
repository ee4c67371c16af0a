/**
 * What the demo's States say beyond single incidents: statements about a situation, about an alleged user, and
 * any use by any actor (the Lausanne Political Declaration), and one resolution with its votes. Situations are
 * named by the theatre's key in demo-catalogue.ts; the loader turns them into ids.
 */
export interface ScopedStatement {
  key: string;
  speakers: string[];
  onBehalfOf?: string;
  kind: 'CONDEMNATION' | 'CONCERN' | 'CALL_FOR_INVESTIGATION';
  venue: string;
  deliveredOn: string;
  situation?: string;
  user?: { stateCodes: string[]; name?: string };
  quote: string;
}

export const SCOPED_STATEMENTS: ScopedStatement[] = [
  {
    // The day after the demo's earliest possible Yemen report, so before any of them was confirmed: an
    // anticipatory condemnation. Its speakers are none of the generated world's, so no statement naming an
    // incident outranks it on their lines.
    key: 'sit-yem-prt',
    speakers: ['PRT'],
    kind: 'CONDEMNATION',
    venue: 'NATIONAL',
    deliveredOn: '2015-04-02',
    situation: 'yem',
    quote: 'Portugal condemns the use of cluster munitions in the conflict in Yemen (demo).',
  },
  {
    key: 'sit-yem-lux',
    speakers: ['LUX'],
    kind: 'CONDEMNATION',
    venue: 'UNGA_FIRST_COMMITTEE',
    deliveredOn: '2016-10-12',
    situation: 'yem',
    quote: 'Luxembourg condemns the continued use of cluster munitions in Yemen (demo).',
  },
  {
    key: 'sit-yem-mex',
    speakers: ['MEX'],
    kind: 'CONCERN',
    venue: 'HUMAN_RIGHTS_COUNCIL',
    deliveredOn: '2016-09-20',
    situation: 'yem',
    quote: 'Mexico is deeply concerned by reports of cluster munition use in Yemen (demo).',
  },
  {
    key: 'usr-coalition-aut',
    speakers: ['AUT'],
    kind: 'CONDEMNATION',
    venue: 'MSP',
    deliveredOn: '2016-09-06',
    user: { stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' },
    quote: 'Austria condemns the use of cluster munitions by the Saudi-led coalition (demo).',
  },
  {
    key: 'usr-rus-joint',
    speakers: ['DEU', 'NLD', 'BEL', 'DNK', 'SWE'],
    onBehalfOf: 'a group of States (demo)',
    kind: 'CONDEMNATION',
    venue: 'UNGA_FIRST_COMMITTEE',
    deliveredOn: '2022-10-20',
    user: { stateCodes: ['RUS'] },
    quote: 'We condemn the use of cluster munitions by the Russian Federation (demo).',
  },
  {
    key: 'sit-ukr-che',
    speakers: ['CHE'],
    kind: 'CONCERN',
    venue: 'MSP',
    deliveredOn: '2022-08-30',
    situation: 'ukr',
    quote: 'Switzerland is alarmed by the use of cluster munitions in Ukraine (demo).',
  },
];

/** Adopted in Lausanne at the Second Review Conference, on behalf of every State Party on that day. */
export const LAUSANNE = {
  key: 'lausanne-2021',
  kind: 'CONDEMNATION',
  venue: 'MSP',
  deliveredOn: '2021-09-20',
  onBehalfOf: 'the States Parties',
  quote: 'We condemn any use of cluster munitions by any actor.',
  citation: { url: 'https://www.clusterconvention.org/' },
} as const;

export const RESOLUTION = {
  key: 'res-yem',
  symbol: 'A/RES/DEMO/71/1',
  title: 'Use of cluster munitions in Yemen (demo resolution)',
  venue: 'UNGA',
  adoptedOn: '2016-12-05',
  kind: 'CONCERN',
  situation: 'yem',
  votes: [
    ...['GHA', 'SEN', 'CRI', 'PHL', 'ZAF', 'CHL', 'NZL', 'IRL', 'NOR'].map((stateCode) => ({ stateCode, vote: 'YES' })),
    ...['JPN', 'CAN'].map((stateCode) => ({ stateCode, vote: 'ABSTAIN' })),
    { stateCode: 'LIE', vote: 'ABSENT' },
    { stateCode: 'SAU', vote: 'NO' },
  ],
} as const;
