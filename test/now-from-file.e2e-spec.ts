import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import {
  ALLEGE_USE,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  sourceInput,
  statementInput,
  yemenAllegation,
} from './support/fixtures';
import { fileInStep, fileReady } from './support/file-in-step';
import { TestApp } from './support/test-app';

/**
 * A State's timeline, who has not yet condemned an incident, the speak-out report and the response matrix, asked
 * about now, are read from the projection file (kept until it moves): right after a write they show it; while the
 * file is not serving, they answer UNAVAILABLE.
 */
jest.setTimeout(120_000);

type Answer = Record<string, any>;

describe('questions about now answered from the projection file only', () => {
  let app: TestApp;
  let file: ReadStoreService;
  let incidentId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    file = app.app.get(ReadStoreService);
    const source = (await app.ok(REGISTER_SOURCE, { input: sourceInput() })).registerSource;
    incidentId = (await app.ok(ALLEGE_USE, { input: yemenAllegation(source.id) })).allegeUse.id;
    await app.ok(RECORD_STATEMENT, { input: statementInput([incidentId]) });
    await fileReady(file);
    await fileInStep(file);
  }, 180_000);
  afterAll(() => app?.stop());

  /** Each question, and what it says of Norway's condemnation (false before it is recorded, true after). */
  const questions: { name: string; query: string; condemned: (a: Answer) => boolean }[] = [
    {
      name: 'stateTimeline now',
      query: '{ stateTimeline(stateCode: "NOR") { entries { statement { kind deliveredOn } } } }',
      condemned: (a) => a.stateTimeline.entries.some((e: Answer) => e.statement.kind === 'CONDEMNATION'),
    },
    {
      name: 'incidents now, notYetCondemnedBy',
      query: `{ incidents(first: 5, filter: { notYetCondemnedBy: { stateCodes: ["NOR"] } }) {
        totalCount edges { node { id } } tally { status count } } }`,
      condemned: (a) => a.incidents.totalCount === 0 && a.incidents.edges.length === 0,
    },
    {
      name: 'responseMatrix now',
      query: `query ($ids: [ID!]) { responseMatrix(filter: { incidentIds: $ids }) { rows { stateCode kind on } } }`,
      condemned: (a) => a.responseMatrix.rows.some((r: Answer) => r.stateCode === 'NOR' && r.kind === 'CONDEMNATION'),
    },
  ];
  const ask = (q: { query: string }) => app.ok<Answer>(q.query, { ids: [incidentId] });

  it('shows a write right after it: the answers kept before it are not served again', async () => {
    for (const q of questions)
      expect({ q: q.name, condemned: q.condemned(await ask(q)) }).toEqual({ q: q.name, condemned: false });
    await app.ok(RECORD_STATEMENT, {
      input: statementInput([incidentId], {
        speakers: ['NOR'],
        kind: 'CONDEMNATION',
        venue: 'UNGA',
        deliveredOn: '2016-06-01',
        quote: 'Norway condemns the use of cluster munitions in Yemen.',
      }),
    });
    for (const q of questions)
      expect({ q: q.name, condemned: q.condemned(await ask(q)) }).toEqual({ q: q.name, condemned: true });
    const report = await app.ok<Answer>('{ speakOutReport { asOf statesPartiesCount } }');
    expect(report.speakOutReport.statesPartiesCount).toBeGreaterThan(0);
  });

  it('answers UNAVAILABLE while the file is not serving', async () => {
    const serving = jest.spyOn(file, 'servingFile', 'get').mockReturnValue(null);
    try {
      for (const q of [...questions, { name: 'speakOutReport now', query: '{ speakOutReport { asOf } }' }]) {
        const res = await app.gql(q.query, { ids: [incidentId] });
        expect({ q: q.name, code: res.errors?.[0]?.extensions?.code }).toEqual({ q: q.name, code: 'UNAVAILABLE' });
      }
    } finally {
      serving.mockRestore();
    }
  });
});
