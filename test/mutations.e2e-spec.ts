import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  CORRECT_INCIDENT,
  INCIDENT,
  MERGE_INCIDENTS,
  MERGE_SOURCES,
  REGISTER_SOURCE,
  RETRACT_CORROBORATION,
  WITHDRAW_INCIDENT,
  corroborationInput,
  expectRefusal,
  sourceInput,
  yemenAllegation,
} from './support/fixtures';
import { TestApp } from './support/test-app';

const UNKNOWN_ID = '0190a0a0-0000-7000-8000-0000000000ff';
const FUTURE = '2999-01-01';

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('incident and corroboration mutations over HTTP', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  });
  afterAll(async () => {
    await app.stop();
  });

  /** Every event in the store: refusals must leave it unchanged. */
  async function source(overrides: Record<string, unknown> = {}): Promise<string> {
    return (await app.ok(REGISTER_SOURCE, { input: sourceInput(overrides) })).registerSource.id;
  }

  async function incident(
    sourceId?: string,
    overrides: Record<string, unknown> = {},
  ): Promise<{ id: string; sourceId: string; corroborationId: string }> {
    const sid = sourceId ?? (await source());
    const { allegeUse } = await app.ok(ALLEGE_USE, { input: yemenAllegation(sid, overrides) });
    return { id: allegeUse.id, sourceId: sid, corroborationId: allegeUse.corroborations[0].id };
  }

  describe('correctIncident', () => {
    it('replaces the given fields, keeps the correction in the history, and ignores explicit nulls', async () => {
      const { id } = await incident();
      const { correctIncident } = await app.ok(CORRECT_INCIDENT, {
        input: {
          incidentId: id,
          changes: {
            munition: { type: 'BL-755 (Mk 1)', delivery: 'AIR_DROPPED' },
            summary: 'Corrected summary.',
            casualties: null,
          },
          reason: 'Amnesty updated its report',
          correctedOn: '2016-06-01',
        },
      });
      expect(correctIncident.id).toBe(id);
      expect(correctIncident.munition).toEqual({ type: 'BL-755 (Mk 1)', delivery: 'AIR_DROPPED' });
      expect(correctIncident.summary).toBe('Corrected summary.');
      expect(correctIncident.location.placeName).toBe('Hajjah governorate');
      expect(correctIncident.corrections).toEqual([
        { fields: ['munition', 'summary'], reason: 'Amnesty updated its report', correctedOn: '2016-06-01' },
      ]);
      expect(correctIncident.assessment.status).toBe('ALLEGED');
    });

    it('refuses invalid patches, unknown incidents and future dates, and appends nothing', async () => {
      const { id } = await incident();
      const before = await app.eventCount();
      const input = (over: Record<string, unknown>) => ({
        incidentId: id,
        changes: { summary: 'x' },
        reason: 'r',
        correctedOn: '2016-06-01',
        ...over,
      });
      expectRefusal(
        await app.gql(CORRECT_INCIDENT, {
          input: input({ changes: { location: { countryCode: 'yem', placeName: 'Hajjah' } } }),
        }),
        'BAD_USER_INPUT',
        'changes.location.countryCode',
      );
      expectRefusal(
        await app.gql(CORRECT_INCIDENT, {
          input: input({
            changes: { location: { countryCode: 'YEM', placeName: 'Hajjah', latitude: 95, longitude: 43 } },
          }),
        }),
        'BAD_USER_INPUT',
        'changes.location.latitude',
      );
      expectRefusal(
        await app.gql(CORRECT_INCIDENT, { input: input({ changes: { occurredTo: '2015-01-01' } }) }),
        'BAD_USER_INPUT',
        'occurredTo',
      );
      expectRefusal(await app.gql(CORRECT_INCIDENT, { input: input({ changes: {} }) }), 'BAD_USER_INPUT', 'changes');
      expectRefusal(
        await app.gql(CORRECT_INCIDENT, { input: input({ correctedOn: FUTURE }) }),
        'BAD_USER_INPUT',
        'correctedOn',
      );
      expectRefusal(
        await app.gql(CORRECT_INCIDENT, { input: input({ correctedOn: '2016-02-30' }) }),
        'BAD_USER_INPUT',
        'correctedOn',
      );
      expectRefusal(await app.gql(CORRECT_INCIDENT, { input: input({ reason: '' }) }), 'BAD_USER_INPUT', 'reason');
      expectRefusal(
        await app.gql(CORRECT_INCIDENT, { input: input({ incidentId: UNKNOWN_ID }) }),
        'NOT_FOUND',
        'incidentId',
      );
      expectRefusal(
        await app.gql(CORRECT_INCIDENT, { input: input({ incidentId: 'not-an-id' }) }),
        'BAD_USER_INPUT',
        'incidentId',
      );
      expect(await app.eventCount()).toBe(before);
      expect((await app.ok(INCIDENT, { id })).incident.corrections).toEqual([]);
    });
  });

  describe('mergeIncidents', () => {
    it('folds the duplicate into the canonical incident, whose id the duplicate resolves to from then on', async () => {
      const canonical = await incident();
      const duplicate = await incident(await source({ name: 'Yemen Data Project', kind: 'OTHER', grade: 'C' }));
      const { mergeIncidents } = await app.ok(MERGE_INCIDENTS, {
        input: {
          duplicateIncidentId: duplicate.id,
          canonicalIncidentId: canonical.id,
          reason: 'Same attack',
          mergedOn: '2016-06-02',
        },
      });
      expect(mergeIncidents.id).toBe(canonical.id);
      expect(mergeIncidents.mergedDuplicates).toEqual([duplicate.id]);
      expect(mergeIncidents.corroborations.map((c: { id: string }) => c.id)).toEqual([
        canonical.corroborationId,
        duplicate.corroborationId,
      ]);
      // Two independent sources, and remnant photos from a B source: confirmed by physical evidence.
      expect(mergeIncidents.assessment).toMatchObject({
        status: 'CONFIRMED',
        rule: 'CONFIRMED_BY_PHYSICAL_EVIDENCE',
        independentSupportingSources: 2,
      });

      expect((await app.ok(INCIDENT, { id: duplicate.id })).incident.id).toBe(canonical.id);
      // A command naming the duplicate lands on the canonical incident.
      const hrw = await source({ name: 'Human Rights Watch', grade: 'A' });
      const { addCorroboration } = await app.ok(ADD_CORROBORATION, { input: corroborationInput(duplicate.id, hrw) });
      expect(addCorroboration.id).toBe(canonical.id);
      expect(addCorroboration.corroborations).toHaveLength(3);
    });

    it('refuses merging into itself, merging the duplicate twice, a cycle, unknown ids; appends nothing', async () => {
      const a = await incident();
      const b = await incident(a.sourceId);
      const c = await incident(a.sourceId);
      const merge = (duplicateIncidentId: string, canonicalIncidentId: string, over: Record<string, unknown> = {}) =>
        app.gql(MERGE_INCIDENTS, {
          input: { duplicateIncidentId, canonicalIncidentId, reason: 'dup', mergedOn: '2016-06-02', ...over },
        });
      await app.ok(MERGE_INCIDENTS, {
        input: { duplicateIncidentId: b.id, canonicalIncidentId: a.id, reason: 'dup', mergedOn: '2016-06-02' },
      });
      const before = await app.eventCount();
      expectRefusal(await merge(a.id, a.id), 'BAD_USER_INPUT', 'canonicalIncidentId');
      expectRefusal(await merge(b.id, a.id), 'CONFLICT', 'duplicateIncidentId');
      expectRefusal(await merge(a.id, b.id), 'BAD_USER_INPUT', 'canonicalIncidentId'); // b resolves to a
      expectRefusal(await merge(UNKNOWN_ID, a.id), 'NOT_FOUND', 'duplicateIncidentId');
      expectRefusal(await merge(a.id, UNKNOWN_ID), 'NOT_FOUND', 'canonicalIncidentId');
      expectRefusal(await merge(c.id, a.id, { mergedOn: FUTURE }), 'BAD_USER_INPUT', 'mergedOn');
      expect(await app.eventCount()).toBe(before);
    });

    it('refuses merging a source into itself as bad input, as for an incident; appends nothing', async () => {
      const s = await source({ name: 'Desk alone' });
      const before = await app.eventCount();
      const input = { duplicateSourceId: s, canonicalSourceId: s, reason: 'dup', mergedOn: '2016-06-02' };
      expectRefusal(await app.gql(MERGE_SOURCES, { input }), 'BAD_USER_INPUT', 'canonicalSourceId');
      expect(await app.eventCount()).toBe(before);
    });
  });

  describe('merges sent at the same moment', () => {
    const SOURCE_MERGES = /* GraphQL */ `
      query ($id: ID!) {
        source(id: $id) {
          id
          mergedDuplicates
        }
      }
    `;
    // A merge is decided on the duplicate's stream and checked against the canonical one: checked before the other
    // is written, two merges in opposite directions would both pass and leave each merged into the other.
    const PAIRS = 5;

    it('of two incidents into each other, one folds and the other is refused: no cycle', async () => {
      const sid = await source();
      for (let i = 0; i < PAIRS; i++) {
        const [x, y] = [await incident(sid), await incident(sid)];
        const merge = (duplicateIncidentId: string, canonicalIncidentId: string) =>
          app.gql(MERGE_INCIDENTS, {
            input: { duplicateIncidentId, canonicalIncidentId, reason: 'dup', mergedOn: '2016-06-02' },
          });
        const answers = await Promise.all([merge(x.id, y.id), merge(y.id, x.id)]);
        expect(answers.filter((a) => !a.errors)).toHaveLength(1);
        const refused = answers.find((a) => a.errors)!;
        expect(['BAD_USER_INPUT', 'CONFLICT']).toContain(refused.errors![0].extensions?.code);
        const [readX, readY] = [
          (await app.ok(INCIDENT, { id: x.id })).incident,
          (await app.ok(INCIDENT, { id: y.id })).incident,
        ];
        expect(readX.id).toBe(readY.id);
        expect(readX.mergedDuplicates).toEqual([readX.id === x.id ? y.id : x.id]);
      }
    });

    it('of two sources into each other, one folds and the other is refused: no cycle', async () => {
      for (let i = 0; i < PAIRS; i++) {
        const [x, y] = [await source({ name: `Desk ${i} X` }), await source({ name: `Desk ${i} Y` })];
        const merge = (duplicateSourceId: string, canonicalSourceId: string) =>
          app.gql(MERGE_SOURCES, {
            input: { duplicateSourceId, canonicalSourceId, reason: 'dup', mergedOn: '2016-06-02' },
          });
        const answers = await Promise.all([merge(x, y), merge(y, x)]);
        expect(answers.filter((a) => !a.errors)).toHaveLength(1);
        expect(answers.find((a) => a.errors)!.errors![0].extensions?.code).toBe('CONFLICT');
        const kept = answers.find((a) => !a.errors)!.data!.mergeSources.id as string;
        const other = kept === x ? y : x;
        expect((await app.ok(SOURCE_MERGES, { id: kept })).source.mergedDuplicates).toEqual([other]);
        expect((await app.ok(SOURCE_MERGES, { id: other })).source.mergedDuplicates).toEqual([]);
      }
    });
  });

  describe('withdrawIncident', () => {
    it('withdraws the incident: status WITHDRAWN, readiness NONE; a second withdrawal is a CONFLICT', async () => {
      const { id } = await incident();
      const input = { incidentId: id, reason: 'Logged in error', withdrawnOn: '2016-06-03' };
      const { withdrawIncident } = await app.ok(WITHDRAW_INCIDENT, { input });
      expect(withdrawIncident.withdrawal).toEqual({ reason: 'Logged in error', withdrawnOn: '2016-06-03' });
      expect(withdrawIncident.assessment).toMatchObject({
        status: 'WITHDRAWN',
        readiness: 'NONE',
        rule: 'WITHDRAWN_INCIDENT',
        missing: [],
      });
      const before = await app.eventCount();
      expectRefusal(await app.gql(WITHDRAW_INCIDENT, { input }), 'CONFLICT', 'incidentId');
      expectRefusal(
        await app.gql(WITHDRAW_INCIDENT, { input: { ...input, incidentId: UNKNOWN_ID } }),
        'NOT_FOUND',
        'incidentId',
      );
      expectRefusal(
        await app.gql(WITHDRAW_INCIDENT, { input: { ...input, reason: 'x'.repeat(2001) } }),
        'BAD_USER_INPUT',
        'reason',
      );
      expect(await app.eventCount()).toBe(before);
    });
  });

  describe('addCorroboration', () => {
    it('adds a source; derived reporting does not count as independent', async () => {
      const first = await incident();
      const hrw = await source({ name: 'Human Rights Watch', grade: 'A' });
      const { addCorroboration } = await app.ok(ADD_CORROBORATION, {
        input: corroborationInput(first.id, hrw, {
          evidenceKinds: ['WITNESS_TESTIMONY'],
          derivedFrom: first.corroborationId,
        }),
      });
      expect(addCorroboration.corroborations[1]).toMatchObject({
        stance: 'SUPPORTS',
        evidenceKinds: ['WITNESS_TESTIMONY'],
        derivedFrom: first.corroborationId,
        source: { id: hrw, name: 'Human Rights Watch', grade: 'A' },
        retractedOn: null,
      });
      expect(addCorroboration.assessment).toMatchObject({ status: 'ALLEGED', independentSupportingSources: 1 });
    });

    it('derives from a corroboration of an incident merged into this one, which it shows', async () => {
      const canonical = await incident();
      const duplicate = await incident(canonical.sourceId);
      await app.ok(MERGE_INCIDENTS, {
        input: {
          duplicateIncidentId: duplicate.id,
          canonicalIncidentId: canonical.id,
          reason: 'dup',
          mergedOn: '2016-06-02',
        },
      });
      const hrw = await source({ name: 'Human Rights Watch', grade: 'A' });
      const { addCorroboration } = await app.ok(ADD_CORROBORATION, {
        input: corroborationInput(canonical.id, hrw, { derivedFrom: duplicate.corroborationId }),
      });
      const added = addCorroboration.corroborations.find((c: { source: { id: string } }) => c.source.id === hrw);
      expect(added).toMatchObject({ derivedFrom: duplicate.corroborationId });
      // Another incident's corroboration stays unknown here.
      const other = await incident(canonical.sourceId);
      const before = await app.eventCount();
      expectRefusal(
        await app.gql(ADD_CORROBORATION, {
          input: corroborationInput(canonical.id, hrw, { derivedFrom: other.corroborationId }),
        }),
        'NOT_FOUND',
        'derivedFrom',
      );
      expect(await app.eventCount()).toBe(before);
    });

    it('refuses bad citations, unknown sources or derivations and future dates, appending nothing', async () => {
      const { id, sourceId } = await incident();
      const before = await app.eventCount();
      const add = (over: Record<string, unknown>) =>
        app.gql(ADD_CORROBORATION, { input: corroborationInput(id, sourceId, over) });
      const citation = corroborationInput(id, sourceId).citation;
      expectRefusal(
        await add({ citation: { ...citation, archivedSha256: 'abc' } }),
        'BAD_USER_INPUT',
        'citation.archivedSha256',
      );
      expectRefusal(await add({ citation: { url: 'ftp://example.org/x' } }), 'BAD_USER_INPUT', 'citation.url');
      expectRefusal(
        await add({ evidenceKinds: ['REMNANT_PHOTO', 'REMNANT_PHOTO'] }),
        'BAD_USER_INPUT',
        'evidenceKinds',
      );
      expectRefusal(await add({ publishedOn: FUTURE }), 'BAD_USER_INPUT', 'publishedOn');
      expectRefusal(await add({ summary: 'x'.repeat(5001) }), 'BAD_USER_INPUT', 'summary');
      expectRefusal(await add({ sourceId: UNKNOWN_ID }), 'NOT_FOUND', 'sourceId');
      expectRefusal(await add({ incidentId: UNKNOWN_ID }), 'NOT_FOUND', 'incidentId');
      expectRefusal(await add({ derivedFrom: UNKNOWN_ID }), 'NOT_FOUND', 'derivedFrom');
      expect(await app.eventCount()).toBe(before);
      expect((await app.ok(INCIDENT, { id })).incident.corroborations).toHaveLength(1);
    });
  });

  describe('retractCorroboration', () => {
    it('retracts; when every supporting source retracted the incident is WITHDRAWN', async () => {
      const { id, corroborationId } = await incident();
      const input = {
        incidentId: id,
        corroborationId,
        reason: 'Photos were of a different attack',
        retractedOn: '2016-07-01',
      };
      const { retractCorroboration } = await app.ok(RETRACT_CORROBORATION, { input });
      expect(retractCorroboration.corroborations[0]).toMatchObject({
        retractedOn: '2016-07-01',
        retractionReason: input.reason,
      });
      expect(retractCorroboration.assessment).toMatchObject({
        status: 'WITHDRAWN',
        rule: 'WITHDRAWN_ALL_SOURCES_RETRACTED',
        readiness: 'NONE',
      });
      const before = await app.eventCount();
      expectRefusal(await app.gql(RETRACT_CORROBORATION, { input }), 'CONFLICT', 'corroborationId');
      expectRefusal(
        await app.gql(RETRACT_CORROBORATION, { input: { ...input, corroborationId: UNKNOWN_ID } }),
        'NOT_FOUND',
        'corroborationId',
      );
      expect(await app.eventCount()).toBe(before);
    });

    it("retracts a merged duplicate's corroboration through the canonical incident", async () => {
      const canonical = await incident();
      const duplicate = await incident(await source({ name: 'Mwatana for Human Rights', grade: 'B' }));
      await app.ok(MERGE_INCIDENTS, {
        input: {
          duplicateIncidentId: duplicate.id,
          canonicalIncidentId: canonical.id,
          reason: 'Same attack',
          mergedOn: '2016-06-02',
        },
      });
      const input = {
        incidentId: canonical.id,
        corroborationId: duplicate.corroborationId,
        reason: 'Misdated',
        retractedOn: '2016-07-01',
      };
      const { retractCorroboration } = await app.ok(RETRACT_CORROBORATION, { input });
      const retracted = retractCorroboration.corroborations.find(
        (c: { id: string }) => c.id === duplicate.corroborationId,
      );
      expect(retracted).toMatchObject({ retractedOn: '2016-07-01', retractionReason: 'Misdated' });
      expect(retractCorroboration.assessment.independentSupportingSources).toBe(1);
    });

    it('refuses a retraction dated before the publication', async () => {
      const { id, corroborationId } = await incident();
      const before = await app.eventCount();
      const res = await app.gql(RETRACT_CORROBORATION, {
        input: { incidentId: id, corroborationId, reason: 'r', retractedOn: '2016-01-01' },
      });
      expectRefusal(res, 'BAD_USER_INPUT', 'retractedOn');
      expect(await app.eventCount()).toBe(before);
    });
  });

  describe('idempotencyKey and expectedRevision', () => {
    it('replays the same key and input without appending; the same key with another input is a CONFLICT', async () => {
      const { id } = await incident();
      const hrw = await source({ name: 'Human Rights Watch', grade: 'A' });
      const input = { ...corroborationInput(id, hrw), idempotencyKey: `hrw-${id}` };
      const first = (await app.ok(ADD_CORROBORATION, { input })).addCorroboration;
      const after = await app.eventCount();
      const again = (await app.ok(ADD_CORROBORATION, { input })).addCorroboration;
      expect(again).toEqual(first);
      expect(again.corroborations).toHaveLength(2);
      expect(await app.eventCount()).toBe(after);
      expectRefusal(
        await app.gql(ADD_CORROBORATION, { input: { ...input, summary: 'another text' } }),
        'CONFLICT',
        'idempotencyKey',
      );
      expect(await app.eventCount()).toBe(after);
    });

    it('one key sent at the same moment for two incidents: one write lands, the other is a CONFLICT', async () => {
      const hrw = await source({ name: 'Human Rights Watch', grade: 'A' });
      for (let i = 0; i < 3; i++) {
        const [x, y] = [await incident(hrw), await incident(hrw)];
        const before = await app.eventCount();
        const key = `same-moment-${i}`;
        const answers = await Promise.all([
          app.gql(ADD_CORROBORATION, { input: { ...corroborationInput(x.id, hrw), idempotencyKey: key } }),
          app.gql(ADD_CORROBORATION, { input: { ...corroborationInput(y.id, hrw), idempotencyKey: key } }),
        ]);
        expect(answers.filter((a) => !a.errors)).toHaveLength(1);
        expectRefusal(
          answers.find((a) => a.errors)!,
          'CONFLICT',
          'idempotencyKey',
        );
        expect(await app.eventCount()).toBe(before + 1);
      }
    });

    it('appends at the expected revision and refuses a stale one with CONFLICT', async () => {
      const { id } = await incident();
      const revisionOf = async () =>
        (await app.ok(`query ($id: ID!) { incident(id: $id) { revision } }`, { id })).incident.revision;
      expect(await revisionOf()).toBe(0); // UseAlleged
      const correct = (expectedRevision: number, summary: string) =>
        app.gql(CORRECT_INCIDENT, {
          input: {
            incidentId: id,
            changes: { summary },
            reason: 'r',
            correctedOn: '2016-06-01',
            expectedRevision,
          },
        });
      expect((await correct(0, 'first correction')).errors).toBeUndefined();
      expect(await revisionOf()).toBe(1);
      const before = await app.eventCount();
      expectRefusal(await correct(0, 'stale correction'), 'CONFLICT');
      expect(await app.eventCount()).toBe(before);
      const res = await correct(1, 'second correction');
      expect(res.errors).toBeUndefined();
      expect(res.data?.correctIncident.corrections.map((c: { fields: string[] }) => c.fields)).toEqual([
        ['summary'],
        ['summary'],
      ]);
      // -1, a stream yet to be: what creates one appends (the store is asked for no stream, as KurrentDB needs it
      // said), what finds one already there is a conflict.
      const sid = await source();
      const created = await app.gql(ALLEGE_USE, { input: { ...yemenAllegation(sid), expectedRevision: -1 } });
      expect(created.errors).toBeUndefined();
      expectRefusal(await correct(-1, 'as if new'), 'CONFLICT');
    });
  });
});
