import type { Client } from 'graphql-ws';
import { LiveFeeds } from '../apps/api/src/subscriptions/live-feeds.service';
import { TestApp } from './support/test-app';
import { allege, corroborate, registerSource, speak, until } from './support/read-side';

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
});
