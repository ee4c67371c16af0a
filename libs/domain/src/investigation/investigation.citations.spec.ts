import type { ConcludeInvestigation, OpenInvestigation } from '../commands';
import type { Citation, InvestigationOpened } from '../events';
import { deciderSpec } from '../testing/decider-spec';
import { investigationDecider } from './investigation.decider';

const spec = deciderSpec(investigationDecider);
const report: Citation = {
  url: 'https://example.org/un-panel/2017-report',
  files: [
    {
      sha256: 'a'.repeat(64),
      size: 1234,
      mediaType: 'application/pdf',
      originalName: 'report.pdf',
      caption: 'Annex 4',
      uploadedBy: 'Rita',
      uploadedAt: '2017-01-30T10:00:00.000Z',
    },
  ],
};
const openData: OpenInvestigation['data'] = {
  investigationId: 'inv1',
  investigator: { kind: 'UN', sourceId: 'un-panel', name: 'UN Panel of Experts on Yemen' },
  incidentIds: ['i1'],
  mandate: 'investigate',
  openedOn: '2016-05-24',
};
const opened: InvestigationOpened = { type: 'InvestigationOpened', data: openData };
const conclude = (citations?: Citation[]): ConcludeInvestigation => ({
  type: 'ConcludeInvestigation',
  data: {
    investigationId: 'inv1',
    outcome: 'USE_CONFIRMED',
    findings: 'used',
    concludedOn: '2017-01-27',
    ...(citations && { citations }),
  },
});

describe('investigation decider: citations (references to stored files, never bytes)', () => {
  it('records the citations of an opening', () => {
    spec
      .given()
      .when({ type: 'OpenInvestigation', data: { ...openData, citations: [report] } })
      .then({ type: 'InvestigationOpened', data: { ...openData, citations: [report] } });
  });
  it('records the citations of a conclusion', () => {
    spec
      .given(opened)
      .when(conclude([report]))
      .then({ type: 'InvestigationConcluded', data: conclude([report]).data });
  });
  it('leaves no citations key when none are given (events as before)', () => {
    spec.given(opened).when(conclude([])).then({ type: 'InvestigationConcluded', data: conclude().data });
  });
});
