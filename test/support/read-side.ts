/** Helpers for the read-side suites: small mutation wrappers and a year of backfilled evidence. */
import { ALLEGE_USE, REGISTER_SOURCE, sourceInput, yemenAllegation } from './fixtures';
import { ReadStoreService } from '../../apps/api/src/read-store/read-store.service';
import * as path from 'node:path';
import { fileInStep } from './file-in-step';
import { TestApp } from './test-app';

/**
 * A second service on the same event store, with a projection file of its own built from scratch as it starts (in
 * bulk, then every incident assessed once), once it shows every event: the reference that the file the first
 * service folded live, page by page, is compared with through the same queries. That the file's readers answer as
 * a replay of the store does is what the oracle specs of libs/read-store prove, on random histories.
 */
export async function startRebuilt(app: TestApp): Promise<TestApp> {
  const reference = await TestApp.start({ SQLITE_PATH: path.join(app.dir, 'registry.db') });
  await fileInStep(reference.app.get(ReadStoreService));
  await fileInStep(app.app.get(ReadStoreService));
  return reference;
}

const ADD_CORROBORATION = /* GraphQL */ `
  mutation ($input: AddCorroborationInput!) {
    addCorroboration(input: $input) {
      id
      assessment {
        status
      }
    }
  }
`;
const RECORD_STATEMENT = /* GraphQL */ `
  mutation ($input: RecordStatementInput!) {
    recordStatement(input: $input) {
      id
    }
  }
`;
const MERGE = /* GraphQL */ `
  mutation ($input: MergeIncidentsInput!) {
    mergeIncidents(input: $input) {
      id
    }
  }
`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (without a deadline of its own: jest's test timeout bounds it) until `check` holds. */
export async function until(check: () => boolean): Promise<void> {
  while (!check()) await sleep(5);
}

export async function registerSource(app: TestApp, name: string, grade: string, kind = 'NGO'): Promise<string> {
  const { registerSource: s } = await app.ok(REGISTER_SOURCE, {
    input: sourceInput({ name, grade, kind, homepage: undefined }),
  });
  return s.id;
}

export async function allege(
  app: TestApp,
  sourceId: string,
  overrides: Record<string, unknown> = {},
  firstSource: Record<string, unknown> = {},
): Promise<string> {
  const base = yemenAllegation(sourceId);
  const input = { ...base, ...overrides, firstSource: { ...base.firstSource, ...firstSource } };
  const { allegeUse } = await app.ok(ALLEGE_USE, { input });
  return allegeUse.id;
}

export async function corroborate(
  app: TestApp,
  incidentId: string,
  sourceId: string,
  publishedOn: string,
  evidenceKinds: string[],
  overrides: Record<string, unknown> = {},
): Promise<void> {
  await app.ok(ADD_CORROBORATION, {
    input: {
      incidentId,
      sourceId,
      stance: 'SUPPORTS',
      evidenceKinds,
      publishedOn,
      citation: { url: `https://example.org/${sourceId}/${publishedOn}` },
      summary: `Evidence published ${publishedOn}`,
      ...overrides,
    },
  });
}

export async function speak(
  app: TestApp,
  speakers: string[],
  kind: string,
  deliveredOn: string,
  incidentIds: string[],
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const { recordStatement } = await app.ok(RECORD_STATEMENT, {
    input: {
      speakers,
      kind,
      venue: 'NATIONAL',
      deliveredOn,
      incidentIds,
      namesUser: false,
      quote: `${speakers.join(', ')}: ${kind.toLowerCase()}`,
      citation: { url: `https://example.org/statements/${deliveredOn}` },
      ...overrides,
    },
  });
  return recordStatement.id;
}

export async function merge(
  app: TestApp,
  duplicateIncidentId: string,
  canonicalIncidentId: string,
  mergedOn: string,
): Promise<void> {
  await app.ok(MERGE, {
    input: { duplicateIncidentId, canonicalIncidentId, reason: 'Same attack reported twice', mergedOn },
  });
}

export const syriaAllegation = {
  occurredFrom: '2016-07-20',
  occurredTo: '2016-07-20',
  reportedOn: '2016-08-01',
  location: { countryCode: 'SYR', placeName: 'Aleppo' },
  munition: { type: 'RBK-500', delivery: 'AIR_DROPPED' },
  allegedUser: { kind: 'COALITION', stateCodes: ['SYR', 'RUS'], name: 'Syrian government and Russian forces' },
  summary: 'RBK-500 cluster bomb remnants filmed in eastern Aleppo.',
};

/**
 * The Yemen case, logged in an order that differs from its evidence dates (backfilled): the allegation
 * (2016-01-10), a UN field visit (2016-05-25), then an HRW report dated earlier (2016-03-01), then
 * statements, then a Syrian allegation (2016-08-01). `marks` are instants between the recordings.
 */
export async function logYearOfEvidence(app: TestApp) {
  const gap = () => sleep(5);
  const amnesty = await registerSource(app, 'Amnesty International', 'B');
  const hrw = await registerSource(app, 'Human Rights Watch', 'A');
  const un = await registerSource(app, 'UN Panel of Experts on Yemen', 'A', 'UN_BODY');
  const local = await registerSource(app, 'Aleppo Media Centre', 'C', 'MEDIA');
  await gap();
  const beforeAllegation = new Date();
  await gap();
  const yemen = await allege(
    app,
    amnesty,
    { reportedOn: '2016-01-10' },
    { evidenceKinds: ['WITNESS_TESTIMONY'], publishedOn: '2016-01-10' },
  );
  await gap();
  const afterAllegation = new Date();
  await gap();
  await corroborate(app, yemen, un, '2016-05-25', ['FIELD_VISIT', 'REMNANT_PHOTO']);
  await gap();
  const afterFieldVisit = new Date();
  await gap();
  await corroborate(app, yemen, hrw, '2016-03-01', ['WITNESS_TESTIMONY']);
  const concern = await speak(app, ['NOR'], 'CONCERN', '2016-03-15', [yemen]);
  const joint = await speak(app, ['NOR', 'IRL', 'DEU'], 'CONDEMNATION', '2016-06-10', [yemen], {
    venue: 'MSP',
    onBehalfOf: 'A group of States Parties',
    namesUser: true,
  });
  const usa = await speak(app, ['USA'], 'CONCERN', '2016-07-01', [yemen], { venue: 'UNGA_FIRST_COMMITTEE' });
  const syria = await allege(app, local, syriaAllegation, { evidenceKinds: ['VIDEO'], publishedOn: '2016-08-01' });
  await gap();
  const afterAll = new Date();
  return {
    sources: { amnesty, hrw, un, local },
    yemen,
    syria,
    statements: { concern, joint, usa },
    marks: { beforeAllegation, afterAllegation, afterFieldVisit, afterAll },
  };
}
