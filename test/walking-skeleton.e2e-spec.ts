import { ALLEGE_USE, REGISTER_SOURCE, sourceInput, yemenAllegation } from './support/fixtures';
import { TestApp } from './support/test-app';

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('walking skeleton: allegeUse over HTTP, read back through incident(id)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => {
    await app.stop();
  });

  it('logs an allegation and reads it back with its assessment', async () => {
    const { registerSource } = await app.ok(REGISTER_SOURCE, { input: sourceInput() });
    const { allegeUse } = await app.ok(ALLEGE_USE, { input: yemenAllegation(registerSource.id) });

    expect(allegeUse.munition).toEqual({ type: 'BL-755', delivery: 'AIR_DROPPED' });
    expect(allegeUse.location).toEqual({ countryCode: 'YEM', countryName: 'Yemen', placeName: 'Hajjah governorate' });
    expect(allegeUse.assessment.status).toBe('ALLEGED');
    expect(allegeUse.assessment.readiness).toBe('CONCERN');

    const { incident } = await app.ok(
      `query ($id: ID!) { incident(id: $id) { id summary allegedUser { stateCodes }
      corroborations { stance source { name grade } } assessment { status } } }`,
      { id: allegeUse.id },
    );
    expect(incident).toEqual({
      id: allegeUse.id,
      summary: yemenAllegation('x').summary,
      allegedUser: { stateCodes: ['SAU', 'ARE'] },
      corroborations: [{ stance: 'SUPPORTS', source: { name: 'Amnesty International', grade: 'B' } }],
      assessment: { status: 'ALLEGED' },
    });
  });

  it('answers an unknown incident with NOT_FOUND', async () => {
    const res = await app.gql('{ incident(id: "0190a0a0-0000-7000-8000-000000000000") { id } }');
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses invalid input with BAD_USER_INPUT naming the field, and appends nothing', async () => {
    const { registerSource } = await app.ok(REGISTER_SOURCE, { input: sourceInput({ name: 'HRW' }) });
    const bad = yemenAllegation(registerSource.id, { location: { countryCode: 'yem', placeName: 'Hajjah' } });
    const res = await app.gql(ALLEGE_USE, { input: bad });
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].extensions?.field).toBe('location.countryCode');
    const { incidents } = await app.ok('{ incidents(first: 10) { totalCount } }').catch(() => ({ incidents: null }));
    if (incidents) expect(incidents.totalCount).toBe(1);
  });

  it('refuses an unknown source with NOT_FOUND', async () => {
    const res = await app.gql(ALLEGE_USE, { input: yemenAllegation('0190a0a0-0000-7000-8000-000000000001') });
    expect(res.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0].extensions?.field).toBe('firstSource.sourceId');
  });
});
