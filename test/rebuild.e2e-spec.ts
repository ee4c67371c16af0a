import { EventStore, uuidv7 } from '@app/event-store';
import { DEFAULT_POLICY } from '@app/domain';
import { projectionVersion } from '@app/read-store';
import { ReadStoreService } from '../apps/api/src/read-store/read-store.service';
import { TestApp } from './support/test-app';
import { logYearOfEvidence } from './support/read-side';

const REBUILD = /* GraphQL */ `
  mutation {
    rebuildProjections {
      projectionVersion
      eventsApplied
      skipped
      skippedEventIds
      sources
      incidents
      corroborations
      investigations
      statements
    }
  }
`;

/** Everything a client can read, as one JSON document to compare before and after. */
const SNAPSHOT = /* GraphQL */ `
  query ($id: ID!) {
    incident(id: $id) {
      id
      summary
      reportedOn
      mergedDuplicates
      assessment {
        status
        readiness
        rule
        reasons
        evidenceIds
        missing
        independentSupportingSources
        statusSince
        policyVersion
      }
      statusHistory {
        status
        readiness
        on
        rule
        evidenceIds
        eventIds
      }
      corroborations {
        id
        stance
        evidenceKinds
        publishedOn
        source {
          id
          name
          grade
        }
      }
      referringStatements {
        lagDays
        anticipatory
        statement {
          id
          kind
          deliveredOn
        }
      }
      firstCorroboratedOn
      firstConfirmedOn
    }
    incidentHistory(id: $id) {
      eventId
      type
      evidenceDate
      recordedAt
      actor
      summary
    }
    incidents(first: 100) {
      totalCount
      edges {
        cursor
        node {
          id
          assessment {
            status
            statusSince
          }
        }
      }
    }
    statements(first: 100, filter: { stateCodes: ["NOR", "IRL", "DEU", "USA"] }) {
      totalCount
      edges {
        cursor
        speaker
        node {
          id
        }
      }
    }
    stateTimeline(stateCode: "NOR") {
      entries {
        statement {
          id
        }
        ccmStatus
        incidents {
          incidentId
          status
        }
      }
    }
    speakOutReport {
      asOf
      confirmedIncidentIds
      condemned {
        stateCode
      }
      expressedConcern {
        stateCode
      }
      silent {
        stateCode
      }
      lags {
        days
      }
      statesParties {
        stateCode
        kind
        scope
        lagDays
      }
    }
    sources {
      id
      name
      grade
    }
  }
`;

async function health(app: TestApp, which: 'live' | 'ready') {
  const res = await fetch(app.url.replace(/\/graphql$/, `/health/${which}`));
  return { status: res.status, body: (await res.json()) as any };
}

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('rebuild, skipped events and health', () => {
  let app: TestApp;
  let seeded: Awaited<ReturnType<typeof logYearOfEvidence>>;
  beforeAll(async () => {
    app = await TestApp.start();
    seeded = await logYearOfEvidence(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('rebuilds exactly the live state and returns the counts', async () => {
    const before = await app.ok(SNAPSHOT, { id: seeded.yemen });
    const { rebuildProjections } = await app.ok(REBUILD);
    expect(rebuildProjections).toMatchObject({
      projectionVersion: projectionVersion(DEFAULT_POLICY),
      skipped: 0,
      skippedEventIds: [],
      sources: 4,
      incidents: 2,
      corroborations: 4,
      investigations: 0,
      statements: 3,
    });
    // 4 sources, 2 allegations (each with its first corroboration's event), 2 corroborations, 3 statements.
    expect(rebuildProjections.eventsApplied).toBe((await app.app.get(EventStore).lagAfter(null, 10_000)).events);
    expect(await app.ok(SNAPSHOT, { id: seeded.yemen })).toEqual(before);
  });

  it('lets only an ADMIN token rebuild', async () => {
    const res = await app.as(null).gql(REBUILD);
    expect(res.errors?.[0].extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
  });

  it('answers live and ready with the projection health', async () => {
    expect(await health(app, 'live')).toEqual({ status: 200, body: { status: 'live' } });
    const ready = await health(app, 'ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      store: 'up',
      projection: { live: true, checkpoint: { skipped: 0 }, skippedEventIds: [] },
    });
  });

  it('skips and counts an unknown and a corrupt event without crashing, also after a rebuild', async () => {
    const store = app.app.get(EventStore);
    const unknown = uuidv7();
    const corrupt = uuidv7();
    const meta = { actor: 'test', correlationId: uuidv7() };
    await store.append(`incident-${uuidv7()}`, [
      { id: unknown, type: 'UseTeleported', data: { where: 'nowhere' }, metadata: meta },
    ]);
    const { position } = await store.append(`incident-${uuidv7()}`, [
      { id: corrupt, type: 'UseAlleged', data: { incidentId: 42, summary: null }, metadata: meta },
    ]);
    await app.app.get(ReadStoreService).waitFor(position, 10_000);

    const ready = await health(app, 'ready');
    expect(ready.status).toBe(200);
    expect(ready.body.projection).toMatchObject({
      checkpoint: { skipped: 2 },
      skippedEventIds: [unknown, corrupt],
      live: true,
    });
    // Everything else still answers.
    const { incidents } = await app.ok('{ incidents { totalCount } }');
    expect(incidents.totalCount).toBe(2);

    const { rebuildProjections } = await app.ok(REBUILD);
    expect(rebuildProjections).toMatchObject({ skipped: 2, skippedEventIds: [unknown, corrupt], incidents: 2 });
    expect((await health(app, 'ready')).body.projection.checkpoint.skipped).toBe(2);
  });

  it('reports not ready (503) when the store stops answering', async () => {
    await app.app.get(EventStore).close();
    const ready = await health(app, 'ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: 'unavailable', store: 'down' });
    expect((await health(app, 'live')).status).toBe(200);
  });
});
