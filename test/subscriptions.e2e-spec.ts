import type { Client } from 'graphql-ws';
import { incidentStream, statementStream } from '@app/domain';
import { EventStore, uuidv7 } from '@app/event-store';
import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { LiveFeeds } from '../apps/api/src/subscriptions/live-feeds.service';
import { TestApp } from './support/test-app';
import { allege, corroborate, merge, registerSource, sleep, speak, until } from './support/read-side';
import { fileReady } from './support/file-in-step';

/** Collects a subscription's payloads; `registered` resolves once the server holds the subscription. */
function subscribe(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const received: any[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (msg) => (msg.errors ? errors.push(msg.errors) : received.push(msg.data)),
      error: (e) => errors.push(e),
      complete: () => undefined,
    },
  );
  return { received, errors, dispose };
}

const STATUS_CHANGED = /* GraphQL */ `
  subscription ($filter: StatusChangedFilterInput) {
    incidentStatusChanged(filter: $filter) {
      incidentId
      before
      after
      readiness
      rule
      on
      incident {
        id
        assessment {
          status
        }
      }
    }
  }
`;
const STATEMENT_RECORDED = /* GraphQL */ `
  subscription ($filter: StatementRecordedFilterInput) {
    statementRecorded(filter: $filter) {
      id
      kind
      deliveredOn
      speakers {
        stateCode
      }
      incidentIds
    }
  }
`;

/** Waits until `check` holds, failing after `ms` (a wait that must end). */
async function within(ms: number, check: () => boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await sleep(5);
  }
}

/** What the projection file gives of an incident now, read as the page that moved it left the file. */
const FILED_INCIDENT = /* GraphQL */ `
  id revision occurredFrom occurredTo summary mergedDuplicates corrections { fields reason correctedOn }
  location { countryCode placeName } munition { type delivery } allegedUser { kind stateCodes name }
  assessment { status readiness rule evidenceIds missing independentSupportingSources statusSince policyVersion }
  corroborations { id stance evidenceKinds publishedOn source { id name grade } }`;
const FILED_STATEMENT = /* GraphQL */ `
  id revision speakers { stateCode name ccmStatus } kind venue deliveredOn incidentIds namesUser quote
  citation { url } recordedAt`;

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('subscriptions over graphql-ws', () => {
  let app: TestApp;
  let client: Client;
  let feeds: LiveFeeds;
  let amnesty: string;
  let hrw: string;
  let un: string;
  beforeAll(async () => {
    app = await TestApp.start();
    client = app.wsClient();
    feeds = app.app.get(LiveFeeds);
    // The feeds follow the projection file once it follows the store: what its start catches up is heard by nobody.
    const file = app.app.get(ReadStoreService);
    await fileReady(file);
    amnesty = await registerSource(app, 'Amnesty International', 'B');
    hrw = await registerSource(app, 'Human Rights Watch', 'A');
    un = await registerSource(app, 'UN Panel', 'A', 'UN_BODY');
  }, 180_000);
  afterAll(async () => {
    await client.dispose();
    await app.stop();
  });

  it('delivers only real status changes made after subscribing, with before and after', async () => {
    const earlier = await allege(app, amnesty, {}, { evidenceKinds: ['WITNESS_TESTIMONY'] });
    const sub = subscribe(client, STATUS_CHANGED);
    await until(() => feeds.statusChanges.size === 1);

    const incident = await allege(
      app,
      amnesty,
      { summary: 'A second attack near Saada' },
      { evidenceKinds: ['WITNESS_TESTIMONY'] },
    );
    await corroborate(app, incident, hrw, '2016-05-25', ['WITNESS_TESTIMONY']);
    // Same status: a third testimony changes nothing, so nothing is sent.
    await corroborate(app, incident, un, '2016-05-26', ['WITNESS_TESTIMONY']);
    await corroborate(app, incident, un, '2016-05-27', ['FIELD_VISIT']);
    await until(() => sub.received.length >= 3);

    expect(sub.errors).toEqual([]);
    const changes = sub.received.map((d) => d.incidentStatusChanged);
    expect(changes.map((c) => [c.incidentId, c.before, c.after])).toEqual([
      [incident, null, 'ALLEGED'],
      [incident, 'ALLEGED', 'CORROBORATED'],
      [incident, 'CORROBORATED', 'CONFIRMED'],
    ]);
    expect(changes[2]).toMatchObject({
      readiness: 'CONDEMN',
      on: '2016-05-27',
      incident: { id: incident, assessment: { status: 'CONFIRMED' } },
    });
    expect(changes.some((c) => c.incidentId === earlier)).toBe(false);
    sub.dispose();
    await until(() => feeds.statusChanges.size === 0);
  });

  it('filters status changes by incident and by the status reached', async () => {
    const watched = await allege(
      app,
      amnesty,
      { summary: 'Watched incident' },
      { evidenceKinds: ['WITNESS_TESTIMONY'] },
    );
    const other = await allege(app, amnesty, { summary: 'Other incident' }, { evidenceKinds: ['WITNESS_TESTIMONY'] });
    const sub = subscribe(client, STATUS_CHANGED, { filter: { incidentIds: [watched], after: ['CONFIRMED'] } });
    await until(() => feeds.statusChanges.size === 1);
    await corroborate(app, other, un, '2016-06-01', ['FIELD_VISIT']);
    await corroborate(app, watched, hrw, '2016-06-01', ['WITNESS_TESTIMONY']);
    await corroborate(app, watched, un, '2016-06-02', ['FIELD_VISIT']);
    await until(() => sub.received.length >= 1);
    // A marker after the last relevant write: once it is recorded, every earlier change was published.
    await corroborate(app, other, hrw, '2016-06-03', ['WITNESS_TESTIMONY']);
    expect(sub.received.map((d) => d.incidentStatusChanged)).toEqual([
      expect.objectContaining({ incidentId: watched, before: 'CORROBORATED', after: 'CONFIRMED' }),
    ]);
    sub.dispose();
  });

  it('delivers statements recorded after subscribing, filtered by State', async () => {
    const incident = await allege(app, amnesty, { summary: 'Statements incident' });
    await speak(app, ['NOR'], 'CONCERN', '2016-06-01', [incident]);
    const all = subscribe(client, STATEMENT_RECORDED);
    const irl = subscribe(client, STATEMENT_RECORDED, { filter: { stateCodes: ['IRL'] } });
    await until(() => feeds.statements.size === 2);

    const joint = await speak(app, ['NOR', 'IRL'], 'CONDEMNATION', '2016-06-10', [incident]);
    const gbr = await speak(app, ['GBR'], 'INVESTIGATION_ANNOUNCED', '2016-06-11', [incident]);
    await until(() => all.received.length >= 2);

    expect(all.received.map((d) => d.statementRecorded.id)).toEqual([joint, gbr]);
    expect(all.received[0].statementRecorded).toEqual({
      id: joint,
      kind: 'CONDEMNATION',
      deliveredOn: '2016-06-10',
      speakers: [{ stateCode: 'NOR' }, { stateCode: 'IRL' }],
      incidentIds: [incident],
    });
    expect(irl.received.map((d) => d.statementRecorded.id)).toEqual([joint]);
    all.dispose();
    irl.dispose();
  });

  it('publishes what the projection file folded from another process, read as the queries read it', async () => {
    const incident = await allege(
      app,
      amnesty,
      { summary: 'Payloads from the file' },
      { evidenceKinds: ['WITNESS_TESTIMONY'] },
    );
    const changes = subscribe(
      client,
      `subscription ($ids: [ID!]) {
        incidentStatusChanged(filter: { incidentIds: $ids }) {
          incidentId before after eventId incident { ${FILED_INCIDENT} }
        }
      }`,
      { ids: [incident] },
    );
    const statements = subscribe(client, `subscription { statementRecorded { ${FILED_STATEMENT} } }`);
    await until(() => feeds.statusChanges.size === 1 && feeds.statements.size === 1);

    // Appended to the store directly (as another process would): the file's live pages publish them.
    const store = app.app.get(EventStore);
    const corroborationId = uuidv7();
    const statementId = uuidv7();
    const added = uuidv7();
    const metadata = { actor: 'test', correlationId: corroborationId, schemaVersion: 1 };
    {
      await store.append(incidentStream(incident), [
        {
          id: added,
          type: 'CorroborationAdded',
          data: {
            incidentId: incident,
            corroborationId,
            sourceId: hrw,
            stance: 'SUPPORTS',
            evidenceKinds: ['WITNESS_TESTIMONY'],
            publishedOn: '2016-06-20',
            citation: { url: 'https://example.org/hrw/2016-06-20' },
            summary: 'A second, independent witness',
          },
          metadata,
        },
      ]);
      // Its own page (a page's status change is named by the last event of the page that marked the incident).
      await within(30_000, () => changes.received.length >= 1);
      await store.append(statementStream(statementId), [
        {
          id: uuidv7(),
          type: 'StatementRecorded',
          data: {
            statementId,
            speakers: ['IRL'],
            kind: 'CONCERN',
            venue: 'NATIONAL',
            deliveredOn: '2016-06-21',
            incidentIds: [incident],
            namesUser: false,
            quote: 'Ireland is deeply concerned',
            citation: { url: 'https://example.org/irl/2016-06-21' },
          },
          metadata,
        },
      ]);
      await within(30_000, () => statements.received.length >= 1);
    }
    expect([changes.errors, statements.errors]).toEqual([[], []]);
    const change = changes.received[0].incidentStatusChanged;
    expect(change).toMatchObject({ incidentId: incident, before: 'ALLEGED', after: 'CORROBORATED', eventId: added });
    expect(change.incident.corroborations.map((c: { id: string }) => c.id)).toContain(corroborationId);
    const statement = statements.received[0].statementRecorded;
    expect(statement).toMatchObject({ id: statementId, quote: 'Ireland is deeply concerned', incidentIds: [incident] });

    // The questions about now give what the subscriptions delivered.
    const asked = await app.ok(
      `query ($id: ID!, $s: ID!) {
      incident(id: $id) { ${FILED_INCIDENT} } statement(id: $s) { ${FILED_STATEMENT} }
    }`,
      { id: incident, s: statementId },
    );
    expect(change.incident).toEqual(asked.incident);
    expect(statement).toEqual(asked.statement);
    changes.dispose();
    statements.dispose();
  });

  it('resolves the incident ids of a filter through the file: a merged duplicate stands for its incident', async () => {
    const canonical = await allege(app, amnesty, { summary: 'Canonical' }, { evidenceKinds: ['WITNESS_TESTIMONY'] });
    const duplicate = await allege(app, amnesty, { summary: 'Duplicate' }, { evidenceKinds: ['WITNESS_TESTIMONY'] });
    await merge(app, duplicate, canonical, '2016-06-05');
    const changes = subscribe(client, STATUS_CHANGED, { filter: { incidentIds: [duplicate] } });
    const statements = subscribe(client, STATEMENT_RECORDED, { filter: { incidentId: duplicate } });
    await until(() => feeds.statusChanges.size === 1 && feeds.statements.size === 1);
    await corroborate(app, canonical, hrw, '2016-06-06', ['WITNESS_TESTIMONY']);
    const spoken = await speak(app, ['AUT'], 'CONCERN', '2016-06-07', [canonical]);
    await until(() => changes.received.length >= 1 && statements.received.length >= 1);
    expect(changes.received.map((d) => d.incidentStatusChanged)).toEqual([
      expect.objectContaining({ incidentId: canonical, before: 'ALLEGED', after: 'CORROBORATED' }),
    ]);
    expect(statements.received.map((d) => d.statementRecorded.id)).toEqual([spoken]);
    changes.dispose();
    statements.dispose();
  });
});
