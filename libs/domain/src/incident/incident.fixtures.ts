/** The seed's Yemen BL-755 case, as spec data. */
import type { AllegeUse } from '../commands';
import type { CorroborationAdded, CorroborationFacts, IncidentMergedInto, UseAlleged } from '../events';

export const amnestyReport: CorroborationFacts = {
  corroborationId: 'c1',
  sourceId: 'amnesty',
  stance: 'SUPPORTS',
  evidenceKinds: ['REMNANT_PHOTO', 'WITNESS_TESTIMONY'],
  publishedOn: '2016-05-23',
  citation: { url: 'https://www.amnesty.org/en/latest/news/2016/05/yemen-bl-755/' },
  summary: 'UK-made BL-755 remnants found near Al-Khadhra',
};

export const allegeUse = (data: Partial<AllegeUse['data']> = {}): AllegeUse => ({
  type: 'AllegeUse',
  data: {
    incidentId: 'i1',
    occurredFrom: '2015-06-01',
    occurredTo: '2016-01-31',
    location: { countryCode: 'YEM', placeName: 'Hajjah governorate' },
    munition: { type: 'BL-755', delivery: 'AIR_DROPPED' },
    allegedUser: { kind: 'COALITION', stateCodes: ['SAU', 'ARE'], name: 'Saudi-led coalition' },
    summary: 'BL-755 cluster bombs dropped near the village of Al-Khadhra',
    reportedOn: '2016-05-23',
    firstCorroboration: amnestyReport,
    ...data,
  },
});

export const useAlleged: UseAlleged = { type: 'UseAlleged', data: allegeUse().data };

export const hrwReport: CorroborationFacts = {
  corroborationId: 'c2',
  sourceId: 'hrw',
  stance: 'SUPPORTS',
  evidenceKinds: ['EXPERT_IDENTIFICATION'],
  publishedOn: '2016-05-25',
  citation: { url: 'https://www.hrw.org/news/2016/05/25/yemen' },
  summary: 'weapon type confirmed',
};
export const hrwAdded: CorroborationAdded = { type: 'CorroborationAdded', data: { incidentId: 'i1', ...hrwReport } };

export const mergedIntoI2: IncidentMergedInto = {
  type: 'IncidentMergedInto',
  data: { incidentId: 'i1', canonicalIncidentId: 'i2', reason: 'same attack', mergedOn: '2016-06-01' },
};
