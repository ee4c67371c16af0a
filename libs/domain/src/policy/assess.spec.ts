import type { Grade, IsoDate } from '../events';
import { assess } from './assess';
import type { Assessment, CorroborationEvidence, IncidentEvidence } from './assessment';
import { DEFAULT_POLICY, POLICY_V1 } from './policy-config';
import { statusHistory } from './status-history';
import {
  byUser,
  derivedFrom,
  dis,
  incident,
  incidentBy,
  inv,
  kinds,
  photos,
  retracted,
  said,
  sup,
  withdrawn,
} from './policy-test.factory';

const ONE_MORE = 'one more independent source graded A–C';
const PHYSICAL =
  'physical or forensic evidence (remnants, field visit, expert identification) from a source graded A or B';
// Reasons and missing name sources, investigators and dates (issue 12): the wording changed for every version.
const OPEN = (by: string, on: IsoDate) => `the conclusion of the investigation by ${by} opened on ${on}`;
const OUTWEIGH =
  'an acknowledgement by the alleged user or an investigation concluding that use happened, ' +
  'either of which outweighs the dispute';
const STRONGER = (after: IsoDate) =>
  `evidence dated after ${after} that confirms the use: an acknowledgement by the alleged user, ` +
  `an investigation concluding that use happened or ${PHYSICAL}`;
const note = (words: string) => expect.arrayContaining([expect.stringContaining(words)]);

// The seed's Yemen case: Amnesty alleges, HRW identifies the BL-755, the UK investigates.
const amnesty = sup('c-amnesty', 'amnesty', 'B', '2016-05-23');
const hrw = sup('c-hrw', 'hrw', 'A', '2016-05-27');
const hrwExpert = sup('c-hrw', 'hrw', 'A', '2016-05-27', kinds('EXPERT_IDENTIFICATION'));
const unPanel = (on: IsoDate) => dis('c-panel', 'un-panel', 'A', on);

type Row = [string, IncidentEvidence, IsoDate | undefined, Partial<Assessment>];
const cases: Row[] = [
  // ALLEGED and its missing messages
  [
    'no evidence yet',
    incident(),
    undefined,
    { status: 'ALLEGED', rule: 'NO_SUPPORTING_SOURCE', missing: ['a supporting source'], statusSince: null },
  ],
  [
    'one B source alleges',
    incident(amnesty),
    undefined,
    {
      status: 'ALLEGED',
      readiness: 'CONCERN',
      rule: 'ALLEGED_BY_SOURCE',
      evidenceIds: ['c-amnesty'],
      missing: [ONE_MORE],
      independentCorroboratingSources: 1,
      statusSince: '2016-05-23',
    },
  ],
  [
    'one D source alleges: it does not count for corroboration',
    incident(sup('c1', 'blog', 'D', '2016-05-23')),
    undefined,
    {
      status: 'ALLEGED',
      missing: ['two independent sources graded A–C'],
      independentSupportingSources: 1,
      independentCorroboratingSources: 0,
    },
  ],
  [
    'a D source and a B source: still one A–C source',
    incident(sup('c1', 'blog', 'D', '2016-05-20'), amnesty),
    undefined,
    {
      status: 'ALLEGED',
      missing: [ONE_MORE],
      independentSupportingSources: 2,
      independentCorroboratingSources: 1,
      statusSince: '2016-05-20',
    },
  ],
  // independence
  [
    'same organisation twice is one source',
    incident(amnesty, sup('c2', 'amnesty', 'B', '2016-06-01')),
    undefined,
    { status: 'ALLEGED', independentCorroboratingSources: 1, missing: [ONE_MORE] },
  ],
  [
    'derived reporting is not independent of its origin',
    incident(amnesty, sup('c2', 'guardian', 'B', '2016-05-24', derivedFrom('c-amnesty'))),
    undefined,
    { status: 'ALLEGED', independentCorroboratingSources: 1 },
  ],
  [
    'a chain of derived reports is one line of evidence',
    incident(
      amnesty,
      sup('c2', 'bbc', 'A', '2016-05-24', derivedFrom('c-amnesty')),
      sup('c3', 'afp', 'B', '2016-05-25', derivedFrom('c2')),
    ),
    undefined,
    { status: 'ALLEGED', independentCorroboratingSources: 1 },
  ],
  [
    'a source that repeats another but also reports on its own counts',
    incident(
      amnesty,
      sup('c2', 'bbc', 'A', '2016-05-24', derivedFrom('c-amnesty')),
      sup('c3', 'bbc', 'A', '2016-05-26'),
    ),
    undefined,
    { status: 'CORROBORATED', independentCorroboratingSources: 2, statusSince: '2016-05-26' },
  ],
  // CORROBORATED
  [
    'two independent A–C sources corroborate',
    incident(amnesty, hrw),
    undefined,
    {
      status: 'CORROBORATED',
      rule: 'CORROBORATED_BY_INDEPENDENT_SOURCES',
      readiness: 'CONCERN',
      evidenceIds: ['c-amnesty', 'c-hrw'],
      missing: [PHYSICAL],
      statusSince: '2016-05-27',
    },
  ],
  [
    'physical evidence from a C source does not confirm',
    incident(amnesty, sup('c2', 'local', 'C', '2016-05-27', photos)),
    undefined,
    { status: 'CORROBORATED', missing: [PHYSICAL] },
  ],
  [
    'testimony and video from A sources are not physical evidence',
    incident(amnesty, sup('c2', 'hrw', 'A', '2016-05-27', kinds('VIDEO'))),
    undefined,
    { status: 'CORROBORATED' },
  ],
  // CONFIRMED
  [
    'corroborated with expert identification from an A source',
    incident(amnesty, hrwExpert),
    undefined,
    {
      status: 'CONFIRMED',
      readiness: 'CONDEMN',
      rule: 'CONFIRMED_BY_PHYSICAL_EVIDENCE',
      evidenceIds: ['c-amnesty', 'c-hrw'],
      missing: [],
      statusSince: '2016-05-27',
    },
  ],
  [
    'physical evidence from one source alone is not corroboration',
    incident(hrwExpert),
    undefined,
    { status: 'ALLEGED', missing: [ONE_MORE] },
  ],
  [
    'an investigation concluding use confirms on its conclusion date',
    incident(amnesty, inv('i-un', '2016-06-01', ['USE_CONFIRMED', '2016-09-01'])),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_INVESTIGATION', evidenceIds: ['i-un'], statusSince: '2016-09-01' },
  ],
  [
    'use confirmed with the user unknown',
    incidentBy([], amnesty, inv('i-un', '2016-06-01', ['USE_CONFIRMED', '2016-09-01'])),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_INVESTIGATION' },
  ],
  [
    'the alleged user acknowledges',
    incident(amnesty, said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19')),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_ACKNOWLEDGEMENT', evidenceIds: ['s-ack'], statusSince: '2016-12-19' },
  ],
  [
    'one coalition member acknowledges in a joint statement',
    incident(amnesty, said('s-ack', 'ACKNOWLEDGEMENT', ['GBR', 'ARE'], '2016-12-19')),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_ACKNOWLEDGEMENT' },
  ],
  [
    "an acknowledgement by another State is not the user's",
    incident(amnesty, said('s1', 'ACKNOWLEDGEMENT', ['GBR'], '2016-12-19')),
    undefined,
    { status: 'ALLEGED' },
  ],
  [
    'an official admission published by the user as a source',
    incident(amnesty, sup('c-sau', 'sau-mod', 'E', '2016-12-19', { ...byUser, ...kinds('OFFICIAL_ADMISSION') })),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_ACKNOWLEDGEMENT', evidenceIds: ['c-sau'] },
  ],
  [
    'an open investigation is named in missing',
    incident(amnesty, inv('i-uk', '2016-06-15')),
    undefined,
    { status: 'ALLEGED', missing: [ONE_MORE, OPEN('the UN Panel', '2016-06-15')] },
  ],
  [
    'an inconclusive investigation changes nothing',
    incident(amnesty, hrw, inv('i-uk', '2016-06-15', ['INCONCLUSIVE', '2016-10-01'])),
    undefined,
    { status: 'CORROBORATED', missing: [PHYSICAL], statusSince: '2016-05-27' },
  ],
  // denial and dispute by the user itself
  [
    "the user's denial is recorded and does not lower the status",
    incident(amnesty, hrwExpert, said('s-den', 'DENIAL', ['SAU'], '2016-06-01')),
    undefined,
    {
      status: 'CONFIRMED',
      reasons: note('A statement by SAU on 2016-06-01 denied the use: the alleged user, an interested party'),
      statusSince: '2016-05-27',
    },
  ],
  [
    'a dispute published by the user does not contest',
    incident(amnesty, hrw, dis('c-sau', 'sau-mod', 'A', '2016-06-01', byUser)),
    undefined,
    {
      status: 'CORROBORATED',
      reasons: note(
        'Saudi Arabia Ministry of Defence (graded A) disputed the use with witness testimony on 2016-06-01: ' +
          'the alleged user',
      ),
    },
  ],
  // CONTESTED
  [
    'an independent A source disputes a corroborated use',
    incident(amnesty, hrw, unPanel('2016-07-01')),
    undefined,
    {
      status: 'CONTESTED',
      rule: 'CONTESTED_BY_CREDIBLE_SOURCE',
      readiness: 'CONCERN',
      evidenceIds: ['c-amnesty', 'c-hrw', 'c-panel'],
      missing: [OUTWEIGH, 'the retraction of the dispute by UN Panel of Experts (graded A) on 2016-07-01'],
      statusSince: '2016-07-01',
    },
  ],
  [
    'an independent A source disputes a physically confirmed use',
    incident(amnesty, hrwExpert, unPanel('2016-07-01')),
    undefined,
    { status: 'CONTESTED', reasons: note('would be confirmed') },
  ],
  [
    'a dispute by a C source does not contest',
    incident(amnesty, hrw, dis('c-x', 'local', 'C', '2016-07-01')),
    undefined,
    { status: 'CORROBORATED' },
  ],
  [
    'a retracted dispute does not contest',
    incident(amnesty, hrw, dis('c-panel', 'un-panel', 'A', '2016-07-01', retracted('2016-08-01'))),
    undefined,
    { status: 'CORROBORATED', statusSince: '2016-08-01' },
  ],
  [
    'a dispute does not contest a mere allegation',
    incident(amnesty, unPanel('2016-07-01')),
    undefined,
    { status: 'ALLEGED' },
  ],
  [
    'a concluded investigation outweighs a dispute',
    incident(amnesty, hrw, unPanel('2016-07-01'), inv('i-un', '2016-06-01', ['USE_CONFIRMED', '2016-09-01'])),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_INVESTIGATION', reasons: note('outweighed'), statusSince: '2016-09-01' },
  ],
  [
    'an acknowledgement outweighs a dispute',
    incident(amnesty, unPanel('2016-07-01'), said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19')),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_ACKNOWLEDGEMENT' },
  ],
  // NOT_CONFIRMED
  [
    'an independent investigation finds no use',
    incident(amnesty, hrw, inv('i-un', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01'])),
    undefined,
    {
      status: 'NOT_CONFIRMED',
      rule: 'NOT_CONFIRMED_BY_INVESTIGATION',
      readiness: 'NONE',
      evidenceIds: ['i-un'],
      missing: [STRONGER('2016-09-01')],
      statusSince: '2016-09-01',
    },
  ],
  [
    'it also outweighs physical evidence dated before it',
    incident(amnesty, hrwExpert, inv('i-un', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01'])),
    undefined,
    { status: 'NOT_CONFIRMED' },
  ],
  [
    "the user's own investigation cannot clear it",
    incident(amnesty, hrw, inv('i-sau', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01'], 'SAU')),
    undefined,
    {
      status: 'CORROBORATED',
      reasons: note(
        'SAU (graded F) concluded an investigation on 2016-09-01 that use was not confirmed: ' +
          'the alleged user, an interested party',
      ),
      statusSince: '2016-05-27',
    },
  ],
  [
    'physical evidence dated after a finding of no use confirms',
    incident(
      amnesty,
      hrw,
      inv('i-un', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01']),
      sup('c-ai2', 'amnesty', 'B', '2016-11-01', photos),
    ),
    undefined,
    {
      status: 'CONFIRMED',
      rule: 'CONFIRMED_BY_PHYSICAL_EVIDENCE',
      reasons: note('stronger evidence came later: Amnesty International (graded B) on 2016-11-01'),
      statusSince: '2016-11-01',
    },
  ],
  [
    'an acknowledgement after a finding of no use confirms',
    incident(
      amnesty,
      inv('i-un', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01']),
      said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19'),
    ),
    undefined,
    { status: 'CONFIRMED', statusSince: '2016-12-19' },
  ],
  [
    'one more report without physical evidence is not stronger',
    incident(
      amnesty,
      hrw,
      inv('i-un', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01']),
      sup('c3', 'bbc', 'A', '2016-11-01'),
    ),
    undefined,
    { status: 'NOT_CONFIRMED', statusSince: '2016-09-01' },
  ],
  // WITHDRAWN and retraction
  [
    'a retraction drops a corroborated incident back to alleged',
    incident(amnesty, sup('c-hrw', 'hrw', 'A', '2016-05-27', retracted('2016-06-10'))),
    undefined,
    { status: 'ALLEGED', independentCorroboratingSources: 1, statusSince: '2016-06-10' },
  ],
  [
    'every supporting source retracted',
    incident(sup('c-amnesty', 'amnesty', 'B', '2016-05-23', retracted('2016-06-10'))),
    undefined,
    {
      status: 'WITHDRAWN',
      rule: 'WITHDRAWN_ALL_SOURCES_RETRACTED',
      readiness: 'NONE',
      missing: ['a supporting source that has not retracted'],
      statusSince: '2016-06-10',
    },
  ],
  [
    'retractions do not undo an acknowledgement',
    incident(
      sup('c1', 'amnesty', 'B', '2016-05-23', retracted('2017-01-10')),
      said('s-ack', 'ACKNOWLEDGEMENT', ['SAU'], '2016-12-19'),
    ),
    undefined,
    { status: 'CONFIRMED', statusSince: '2016-12-19' },
  ],
  [
    'a withdrawn incident, even confirmed',
    incident(amnesty, hrwExpert, withdrawn('2017-02-01')),
    undefined,
    {
      status: 'WITHDRAWN',
      rule: 'WITHDRAWN_INCIDENT',
      readiness: 'NONE',
      missing: [],
      statusSince: '2017-02-01',
    },
  ],
  // the asOf cut: evidence dated on or before it counts
  [
    'asOf the day before the second source',
    incident(amnesty, hrw),
    '2016-05-26',
    { status: 'ALLEGED', statusSince: '2016-05-23' },
  ],
  [
    'asOf the very day of the second source',
    incident(amnesty, hrw),
    '2016-05-27',
    { status: 'CORROBORATED', statusSince: '2016-05-27' },
  ],
  [
    'asOf before the first report',
    incident(amnesty),
    '2016-01-01',
    { status: 'ALLEGED', rule: 'NO_SUPPORTING_SOURCE', statusSince: null },
  ],
  [
    'asOf before a retraction ignores it',
    incident(amnesty, sup('c-hrw', 'hrw', 'A', '2016-05-27', retracted('2016-06-10'))),
    '2016-06-09',
    { status: 'CORROBORATED' },
  ],
  [
    'asOf before a conclusion sees the investigation open',
    incident(amnesty, inv('i-uk', '2016-06-15', ['USE_CONFIRMED', '2016-12-19'])),
    '2016-12-18',
    { status: 'ALLEGED', missing: [ONE_MORE, OPEN('the UN Panel', '2016-06-15')] },
  ],
  [
    'asOf before a withdrawal',
    incident(amnesty, hrwExpert, withdrawn('2017-02-01')),
    '2017-01-31',
    { status: 'CONFIRMED', statusSince: '2016-05-27' },
  ],
  // the evidence date of a status: the start of its current run
  [
    'statusSince stays the first date while confirmation holds on other grounds',
    incident(amnesty, hrwExpert, inv('i-un', '2016-06-01', ['USE_CONFIRMED', '2016-09-01'])),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_INVESTIGATION', statusSince: '2016-05-27' },
  ],
  [
    'confirmed again after a dispute is retracted: a new run',
    incident(amnesty, hrwExpert, dis('c-panel', 'un-panel', 'A', '2016-07-01', retracted('2016-08-01'))),
    undefined,
    { status: 'CONFIRMED', statusSince: '2016-08-01' },
  ],
];

// The table of policy 1.0.0, kept whole: that version stays available (assessmentUnder, policyDifferences).
describe('assess under policy 1.0.0', () => {
  it.each(cases)('%s', (_title, evidence, asOf, expected) => {
    expect(assess(evidence, POLICY_V1, asOf)).toMatchObject({ policyVersion: '1.0.0', ...expected });
  });

  it('dates every status as statusHistory does (statusSince)', () => {
    for (const [title, evidence, asOf] of cases) {
      const now = assess(evidence, POLICY_V1, asOf);
      const last = statusHistory(evidence, POLICY_V1, asOf).at(-1);
      const since = now.rule === 'NO_SUPPORTING_SOURCE' ? null : last?.on;
      expect({ title, status: last?.status ?? now.status, since }).toEqual({
        title,
        status: now.status,
        since: now.statusSince,
      });
    }
  });

  it('takes its thresholds and version from the policy', () => {
    const strict = { ...POLICY_V1, version: '9.0.0', minIndependentSources: 3, physicalEvidenceGrades: ['A' as const] };
    expect(assess(incident(amnesty, hrw), strict)).toMatchObject({
      status: 'ALLEGED',
      policyVersion: '9.0.0',
      missing: ['one more independent source graded A–C'],
    });
    expect(assess(incident(amnesty), { ...strict, minIndependentSources: 4 }).missing).toEqual([
      'three more independent sources graded A–C',
    ]);
    expect(assess(incident(amnesty, hrw, sup('c3', 'bbc', 'B', '2016-06-01', photos)), strict).missing[0]).toContain(
      'graded A',
    );
  });
});

// ---------- Policy 2.0.0 (issue 12): one case per rule it adds ----------
const gb = { sourceStateCode: 'GBR' };
const ukSupplied = (e: IncidentEvidence): IncidentEvidence => ({
  ...e,
  producerStateCodes: ['GBR'],
  supplierStateCodes: ['GBR'],
});
const by = (investigatorKind: 'NGO' | 'COURT', grade: Grade, name: string) => ({
  investigatorKind,
  investigatorGrade: grade,
  investigatorName: name,
  investigatorOrganisationId: name,
});
const ngo = (grade: Grade, outcome: 'USE_CONFIRMED' | 'USE_NOT_CONFIRMED' = 'USE_CONFIRMED') => ({
  ...inv('i-ngo', '2016-06-01', [outcome, '2016-07-01']),
  ...by('NGO', grade, 'Some NGO'),
});
const seen = (id: string, sourceId: string, grade: Grade, more: Partial<CorroborationEvidence>) =>
  sup(id, sourceId, grade, '2016-05-27', more);

const v2Cases: Row[] = [
  // sources that are who they are: matched by State code, judged by organisation
  [
    "the user's ministry disputing is shown but does not lower",
    incident(amnesty, hrwExpert, dis('c-mod', 'sau-mod', 'B', '2016-06-01', byUser)),
    undefined,
    {
      status: 'CONFIRMED',
      readiness: 'CONDEMN',
      reasons: note('Saudi Arabia Ministry of Defence (graded B) disputed the use'),
    },
  ],
  [
    'a State source named "SAU" with Norway\'s code is independent',
    incident(amnesty, hrwExpert, dis('c-nor', 'nor', 'B', '2016-06-01', { sourceName: 'SAU', sourceStateCode: 'NOR' })),
    undefined,
    { status: 'CONTESTED' },
  ],
  [
    'two offices of one organisation count once',
    incident(amnesty, sup('c-uk', 'amnesty-uk', 'B', '2016-05-27', { organisationId: 'amnesty' })),
    undefined,
    { status: 'ALLEGED', independentSupportingSources: 1 },
  ],
  // interested parties: the producer and supplier States
  [
    "the supplier State's dispute does not contest",
    ukSupplied(incident(amnesty, hrw, dis('c-fco', 'fco', 'A', '2016-06-01', gb))),
    undefined,
    { status: 'CORROBORATED', reasons: note('a State that produced the munition, an interested party') },
  ],
  [
    "the producer's finding of no use does not clear",
    ukSupplied(incident(amnesty, hrwExpert, inv('i-uk', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-12-19'], 'GBR'))),
    undefined,
    {
      status: 'CONFIRMED',
      statusSince: '2016-05-27',
      reasons: note('GBR (graded F) concluded an investigation on 2016-12-19'),
    },
  ],
  [
    'a coalition says which members are known',
    { ...incidentBy(['SAU'], amnesty), allegedUserKind: 'COALITION', allegedUserName: 'Saudi Arabia-led coalition' },
    undefined,
    {
      status: 'ALLEGED',
      reasons: note('The alleged user is Saudi Arabia-led coalition; its members known so far: SAU.'),
    },
  ],
  // who confirms or clears alone
  [
    'an investigation by a C-graded NGO counts as one supporting source',
    incident(sup('c1', 'amnesty', 'B', '2016-05-23'), ngo('C')),
    undefined,
    { status: 'CORROBORATED', evidenceIds: ['c1', 'i-ngo'], reasons: note('Some NGO (graded C) on 2016-07-01') },
  ],
  [
    'an investigation by an independent A-graded NGO confirms alone',
    incident(amnesty, ngo('A')),
    undefined,
    {
      status: 'CONFIRMED',
      rule: 'CONFIRMED_BY_INVESTIGATION',
      reasons: note('The investigation by Some NGO concluded on 2016-07-01'),
    },
  ],
  [
    'a court confirms alone, whatever its grade',
    incident(amnesty, { ...ngo('F'), ...by('COURT', 'F', 'A court') }),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_INVESTIGATION' },
  ],
  [
    'an ungraded State investigator is one report graded F',
    incident(amnesty, inv('i-nor', '2016-06-01', ['USE_CONFIRMED', '2016-07-01'], 'NOR')),
    undefined,
    { status: 'ALLEGED', independentSupportingSources: 2, independentCorroboratingSources: 1 },
  ],
  [
    "the user's own finding of use is its acknowledgement",
    incident(amnesty, inv('i-sau', '2016-06-01', ['USE_CONFIRMED', '2016-07-01'], 'SAU')),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_ACKNOWLEDGEMENT', evidenceIds: ['i-sau'] },
  ],
  [
    'a C-graded NGO finding no use is one dispute of its grade: no effect',
    incident(amnesty, hrw, ngo('C', 'USE_NOT_CONFIRMED')),
    undefined,
    { status: 'CORROBORATED' },
  ],
  [
    'a finding of no use facing A/B physical evidence contests, not clears',
    incident(amnesty, hrwExpert, inv('i-un', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01'])),
    undefined,
    {
      status: 'CONTESTED',
      rule: 'CONTESTED_BY_INVESTIGATION',
      readiness: 'CONCERN',
      evidenceIds: ['i-un', 'c-hrw'],
      statusSince: '2016-09-01',
      reasons: note('Human Rights Watch (graded A) reported expert identification on 2016-05-27'),
    },
  ],
  [
    '... and without physical evidence it still clears',
    incident(amnesty, hrw, inv('i-un', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-09-01'])),
    undefined,
    { status: 'NOT_CONFIRMED', rule: 'NOT_CONFIRMED_BY_INVESTIGATION' },
  ],
  // both halves of the Admiralty grade
  [
    'a report rated improbable (5) does not corroborate',
    incident(amnesty, seen('c2', 'hrw', 'A', { credibility: 5 })),
    undefined,
    { status: 'ALLEGED', independentSupportingSources: 2, independentCorroboratingSources: 1 },
  ],
  [
    'physical evidence rated doubtful (4) does not confirm',
    incident(amnesty, hrw, seen('c3', 'bbc', 'A', { ...photos, credibility: 4 })),
    undefined,
    { status: 'CORROBORATED' },
  ],
  [
    'a source graded F counts when its information is confirmed (1)',
    incident(amnesty, seen('c2', 'anon', 'F', { credibility: 1 })),
    undefined,
    { status: 'CORROBORATED' },
  ],
  [
    'a source graded E (unreliable) never counts, even rated 1',
    incident(amnesty, seen('c2', 'anon', 'E', { credibility: 1 })),
    undefined,
    { status: 'ALLEGED', independentCorroboratingSources: 1 },
  ],
  // evidence kinds
  [
    'video geolocated within 50 m from an A source is physical evidence',
    incident(amnesty, seen('c2', 'hrw', 'A', { ...kinds('VIDEO'), geolocationPrecisionMeters: 50 })),
    undefined,
    { status: 'CONFIRMED', rule: 'CONFIRMED_BY_PHYSICAL_EVIDENCE' },
  ],
  [
    'satellite imagery fixed within 500 m is not',
    incident(amnesty, seen('c2', 'hrw', 'A', { ...kinds('SATELLITE_IMAGERY'), geolocationPrecisionMeters: 500 })),
    undefined,
    { status: 'CORROBORATED' },
  ],
  // regrades take effect from their date
  [
    'a regrade to D in 2020 drops the status on that day, not before',
    incident(amnesty, { ...hrwExpert, regrades: [{ grade: 'D', from: '2020-01-01' }] }),
    undefined,
    { status: 'ALLEGED', statusSince: '2020-01-01' },
  ],
  [
    '... and the status before it stands',
    incident(amnesty, { ...hrwExpert, regrades: [{ grade: 'D', from: '2020-01-01' }] }),
    '2019-12-31',
    { status: 'CONFIRMED', statusSince: '2016-05-27' },
  ],
  // reasons in words
  [
    'reasons name the sources, grades, kinds and dates; ids stay in evidenceIds',
    incident(amnesty, hrwExpert),
    undefined,
    {
      evidenceIds: ['c-amnesty', 'c-hrw'],
      reasons: [
        'Two independent sources graded A–C support the use: Amnesty International (graded B) on 2016-05-23 ' +
          'and Human Rights Watch (graded A) on 2016-05-27.',
        'Human Rights Watch (graded A) reported expert identification on 2016-05-27: ' +
          'physical or forensic evidence from a source graded A or B.',
      ],
    },
  ],
];

describe('assess under policy 2.0.0', () => {
  it.each(v2Cases)('%s', (_title, evidence, asOf, expected) => {
    expect(assess(evidence, DEFAULT_POLICY, asOf)).toMatchObject({ policyVersion: '2.0.0', ...expected });
  });

  it('dates every status as statusHistory does', () => {
    for (const [title, evidence, asOf] of v2Cases) {
      const now = assess(evidence, DEFAULT_POLICY, asOf);
      const last = statusHistory(evidence, DEFAULT_POLICY, asOf).at(-1);
      expect({ title, since: now.rule === 'NO_SUPPORTING_SOURCE' ? null : last?.on }).toEqual({
        title,
        since: now.statusSince,
      });
    }
  });

  it('keeps 1.0.0 available, and 2.0.0 moves what issue 12 found', () => {
    expect(assess(incident(sup('c1', 'amnesty', 'B', '2016-05-23'), ngo('C')), POLICY_V1).status).toBe('CONFIRMED');
    expect(
      assess(
        ukSupplied(incident(amnesty, hrwExpert, inv('i-uk', '2016-06-01', ['USE_NOT_CONFIRMED', '2016-12-19'], 'GBR'))),
        POLICY_V1,
      ).status,
    ).toBe('NOT_CONFIRMED');
    expect(
      assess(
        incident(amnesty, seen('c2', 'hrw', 'A', { ...kinds('VIDEO'), geolocationPrecisionMeters: 50 })),
        POLICY_V1,
      ).status,
    ).toBe('CORROBORATED');
  });
});
