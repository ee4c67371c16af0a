import type { RegistryEvent } from './events';
import { hrwAdded, mergedIntoI2, useAlleged } from './incident/incident.fixtures';
import { isIsoDateFast, upcast } from './upcast';
import { isIsoDate } from './validation';

const v1Events: RegistryEvent[] = [
  { type: 'SourceRegistered', data: { sourceId: 's1', name: 'Amnesty International', kind: 'NGO', grade: 'B' } },
  {
    type: 'SourceRegraded',
    data: { sourceId: 's1', grade: 'A', previousGrade: 'B', reason: 'r', regradedOn: '2016-01-01' },
  },
  useAlleged,
  hrwAdded,
  mergedIntoI2,
  {
    type: 'IncidentCorrected',
    data: { incidentId: 'i1', changes: { summary: 's' }, reason: 'r', correctedOn: '2016-06-01' },
  },
  { type: 'IncidentWithdrawn', data: { incidentId: 'i1', reason: 'r', withdrawnOn: '2016-06-01' } },
  {
    type: 'CorroborationRetracted',
    data: { incidentId: 'i1', corroborationId: 'c2', reason: 'r', retractedOn: '2016-06-01' },
  },
  {
    type: 'InvestigationOpened',
    data: {
      investigationId: 'v1',
      investigator: { kind: 'STATE', stateCode: 'GBR' },
      incidentIds: ['i1'],
      mandate: 'm',
      openedOn: '2016-05-24',
    },
  },
  {
    type: 'InvestigationConcluded',
    data: { investigationId: 'v1', outcome: 'USE_CONFIRMED', findings: 'f', concludedOn: '2016-12-19' },
  },
  {
    type: 'StatementRecorded',
    data: {
      statementId: 'st1',
      speakers: ['GBR'],
      kind: 'ACKNOWLEDGEMENT',
      venue: 'NATIONAL',
      deliveredOn: '2016-12-19',
      incidentIds: ['i1'],
      namesUser: true,
      quote: 'q',
      citation: { url: 'https://www.gov.uk' },
    },
  },
  {
    type: 'StatementCorrected',
    data: { statementId: 'st1', changes: { venue: 'MSP' }, reason: 'r', correctedOn: '2016-12-20' },
  },
];

const stored = (event: RegistryEvent) => JSON.parse(JSON.stringify(event.data)) as Record<string, unknown>;

describe('upcast', () => {
  it.each(v1Events.map((e) => [e.type, e] as const))('reads a stored v1 %s back as itself', (type, event) => {
    expect(upcast(type, stored(event), 1)).toEqual(event);
  });
  it('reads an event without a version as v1', () => {
    expect(upcast('UseAlleged', stored(useAlleged), undefined)).toEqual(useAlleged);
  });
  it('skips unknown types, newer versions and versions that are no versions', () => {
    expect(upcast('IncidentTeleported', { incidentId: 'i1' }, 1)).toBeNull();
    expect(upcast('toString', {}, 1)).toBeNull();
    expect(upcast('UseAlleged', stored(useAlleged), 2)).toBeNull();
    expect(upcast('UseAlleged', stored(useAlleged), 0)).toBeNull();
    expect(upcast('UseAlleged', stored(useAlleged), 1.5)).toBeNull();
  });
  it('skips data that is not an object', () => {
    for (const data of [null, undefined, 'x', 42, [useAlleged.data]]) expect(upcast('UseAlleged', data, 1)).toBeNull();
  });

  const broken: [string, RegistryEvent, (data: Record<string, unknown>) => void][] = [
    ['a missing id', useAlleged, (d) => delete d.incidentId],
    [
      'a malformed date',
      useAlleged,
      (d) => {
        d.occurredTo = '31/01/2016';
      },
    ],
    ['a missing nested field', useAlleged, (d) => delete (d.location as Record<string, unknown>).countryCode],
    ['a missing nested object', useAlleged, (d) => delete d.firstCorroboration],
    [
      'a bad nested date',
      useAlleged,
      (d) => {
        (d.firstCorroboration as Record<string, unknown>).publishedOn = 'soon';
      },
    ],
    [
      'an unknown enum value',
      v1Events[0],
      (d) => {
        d.grade = 'Z';
      },
    ],
    [
      'a string where a list belongs',
      hrwAdded,
      (d) => {
        d.evidenceKinds = 'VIDEO';
      },
    ],
    [
      'a string where a boolean belongs',
      v1Events[10],
      (d) => {
        d.namesUser = 'yes';
      },
    ],
  ];
  it.each(broken)('skips data with %s', (_, event, breakIt) => {
    const data = stored(event);
    breakIt(data);
    expect(upcast(event.type, data, 1)).toBeNull();
  });
});

describe('upcast: situations, scopes and resolution votes', () => {
  const newEvents: RegistryEvent[] = [
    {
      type: 'SituationRegistered',
      data: {
        situationId: 'y',
        name: 'Yemen',
        countryCodes: ['YEM'],
        allegedUsers: [{ stateCodes: ['SAU'], name: 'Saudi-led coalition' }],
        period: { from: '2015-03-26' },
      },
    },
    {
      type: 'SituationCorrected',
      data: { situationId: 'y', changes: { note: 'n' }, reason: 'r', correctedOn: '2016-01-01' },
    },
    {
      type: 'ResolutionVoteRecorded',
      data: {
        resolutionId: 'r',
        symbol: 'A/RES/71/203',
        title: 't',
        venue: 'UNGA',
        adoptedOn: '2016-12-19',
        kind: 'CONDEMNATION',
        incidentIds: [],
        scope: { generic: true },
        votes: [{ stateCode: 'GBR', vote: 'YES' }],
      },
    },
    {
      type: 'StatementRecorded',
      data: {
        ...(v1Events[10].data as object),
        statementId: 'st2',
        scope: { situationIds: ['y'], allegedUser: { stateCodes: ['SAU'] } },
      },
    } as RegistryEvent,
  ];
  it.each(newEvents.map((e) => [e.type, e] as const))('reads a stored %s back as itself', (type, event) => {
    expect(upcast(type, stored(event), 1)).toEqual(event);
  });
  it('reads a statement stored before scopes existed as it was: about its incidents only (no scope)', () => {
    const old = upcast('StatementRecorded', stored(v1Events[10]), 1);
    expect(old).toEqual(v1Events[10]);
    expect((old!.data as { scope?: unknown }).scope).toBeUndefined();
  });
  it('skips a vote of an unknown kind and a situation without its period', () => {
    expect(upcast('ResolutionVoteRecorded', { ...stored(newEvents[2]), kind: 'PRAISE' }, 1)).toBeNull();
    expect(upcast('SituationRegistered', { ...stored(newEvents[0]), period: undefined }, 1)).toBeNull();
  });
});

describe('isIsoDateFast', () => {
  it('agrees with isIsoDate on every day of four centuries around leap rules, and on malformed strings', () => {
    const candidates: unknown[] = [
      '',
      '2016-1-01',
      '2016-01-1',
      '２０１６-01-01',
      '2016/01/01',
      '2016-01-01T00:00',
      ' 2016-01-01',
      '0099-12-31',
      '0100-01-01',
      '0000-01-01',
      '9999-12-31',
      '2016-00-10',
      '2016-13-01',
      '2016-01-00',
      '2016-01-32',
      '201a-01-01',
      '2016-0a-01',
      '2016-01-0a',
      '2016-01--1',
      null,
      undefined,
      20160101,
      ['2016-01-01'],
      new Date(0),
    ];
    for (const year of [99, 100, 1900, 1999, 2000, 2016, 2023, 2100, 2400]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++) {
          candidates.push(
            `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
          );
        }
      }
    }
    const disagreeing = candidates.filter((value) => isIsoDateFast(value) !== isIsoDate(value));
    expect(disagreeing).toEqual([]);
    // 8 valid years, 3 of them leap (2000, 2016, 2400), plus 0100-01-01 and 9999-12-31
    expect(candidates.filter((value) => isIsoDateFast(value)).length).toBe(8 * 365 + 3 + 2);
  });
});
