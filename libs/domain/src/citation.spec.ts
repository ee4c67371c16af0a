import type { RecordStatement } from './commands';
import type { Citation, EvidenceFileRef, UseAlleged } from './events';
import { allegeUse, amnestyReport, hrwAdded } from './incident/incident.fixtures';
import { incidentDecider } from './incident/incident.decider';
import { investigationDecider } from './investigation/investigation.decider';
import { statementDecider } from './statement/statement.decider';
import { deciderSpec } from './testing/decider-spec';
import { upcast } from './upcast';

/** Issue 16: a researcher's own field photo has no address; the stored file is the citation. */
const photo: EvidenceFileRef = {
  sha256: 'b'.repeat(64),
  size: 2048,
  mediaType: 'image/jpeg',
  originalName: 'remnant.jpg',
  uploadedBy: 'Rita',
  uploadedAt: '2016-05-24T09:00:00.000Z',
};
const filesOnly: Citation = { files: [photo] };
const neither: Citation = {};
const blankUrl: Citation = { url: ' ', files: [] };

const incidents = deciderSpec(incidentDecider);
const investigations = deciderSpec(investigationDecider);
const statements = deciderSpec(statementDecider);
const statement = (citation: Citation): RecordStatement => ({
  type: 'RecordStatement',
  data: {
    statementId: 'st1',
    speakers: ['GBR'],
    kind: 'CONCERN',
    venue: 'NATIONAL',
    deliveredOn: '2016-05-24',
    incidentIds: [],
    namesUser: false,
    quote: 'q',
    citation,
  },
});
const open = (citations: Citation[]) => ({
  type: 'OpenInvestigation' as const,
  data: {
    investigationId: 'v1',
    investigator: { kind: 'STATE' as const, stateCode: 'GBR' },
    incidentIds: ['i1'],
    mandate: 'm',
    openedOn: '2016-05-24',
    citations,
  },
});

describe('a citation: a url, stored files, or both', () => {
  it('accepts a corroboration, a statement and an investigation cited by stored files alone', () => {
    const command = allegeUse({ firstCorroboration: { ...amnestyReport, citation: filesOnly } });
    incidents.given().when(command).then({ type: 'UseAlleged', data: command.data });
    statements
      .given()
      .when(statement(filesOnly))
      .then({ type: 'StatementRecorded', data: statement(filesOnly).data });
    investigations
      .given()
      .when(open([filesOnly]))
      .then({ type: 'InvestigationOpened', data: open([filesOnly]).data });
  });

  it.each([
    ['nothing', neither],
    ['a blank url and no files', blankUrl],
  ])('refuses a citation of %s, naming the field', (_, citation) => {
    incidents
      .given()
      .when(allegeUse({ firstCorroboration: { ...amnestyReport, citation } }))
      .thenFails('BAD_USER_INPUT', 'firstCorroboration.citation.url');
    statements.given().when(statement(citation)).thenFails('BAD_USER_INPUT', 'citation.url');
    investigations
      .given()
      .when(open([filesOnly, citation]))
      .thenFails('BAD_USER_INPUT', 'citations.1.url');
  });

  it('reads stored events whose citation holds files only (nothing is skipped)', () => {
    const useAlleged: UseAlleged = {
      type: 'UseAlleged',
      data: allegeUse({
        firstCorroboration: { ...amnestyReport, citation: filesOnly },
      }).data,
    };
    const added = { ...hrwAdded, data: { ...hrwAdded.data, citation: filesOnly } };
    for (const event of [useAlleged, added, { type: 'StatementRecorded', data: statement(filesOnly).data }]) {
      expect(upcast(event.type, JSON.parse(JSON.stringify(event.data)), 1)).toEqual(event);
    }
  });
});
