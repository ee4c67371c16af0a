import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  CONCLUDE_INVESTIGATION,
  CORRECT_INCIDENT,
  MERGE_SOURCES,
  OPEN_INVESTIGATION,
  REGISTER_SOURCE,
  corroborationInput,
  investigationInput,
  sourceInput,
  yemenAllegation,
} from './support/fixtures';
import { TestApp } from './support/test-app';
import { DEFAULT_POLICY } from '@app/domain';
import { projectionVersion } from '@app/read-store';

/**
 * The six findings of issue 12 (confirmation policy v2), each reproduced through the API as an analyst
 * found it: verdicts the policy gave that a careful analyst would not sign.
 */
jest.setTimeout(120_000);

const READ = /* GraphQL */ `
  query ($id: ID!) {
    incident(id: $id) {
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
        on
        rule
      }
    }
  }
`;
const READ_AS_OF = /* GraphQL */ `
  query ($id: ID!, $asOf: DateTime!) {
    incident(id: $id, filter: { asOf: $asOf, clock: KNOWN }) {
      assessment {
        status
        statusSince
      }
      statusHistory {
        status
        on
      }
    }
  }
`;
const REGRADE = /* GraphQL */ `
  mutation ($input: RegradeSourceInput!) {
    regradeSource(input: $input) {
      id
      grade
    }
  }
`;
const REGISTER_WITH_WARNINGS = /* GraphQL */ `
  mutation ($input: RegisterSourceInput!) {
    registerSource(input: $input) {
      id
      name
      warnings {
        code
        message
        candidates {
          id
          name
        }
      }
    }
  }
`;

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describe('confirmation policy v2: the six findings of issue 12', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start();
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  const source = async (overrides: Record<string, unknown>) =>
    (await app.ok(REGISTER_SOURCE, { input: sourceInput(overrides) })).registerSource.id as string;
  const read = async (id: string) => (await app.ok(READ, { id })).incident;

  /** Amnesty (B, remnants) alleges, HRW (A, expert identification) confirms: CONFIRMED by physical evidence. */
  async function confirmedIncident(extra: Record<string, unknown> = {}) {
    const amnesty = await source({});
    const hrw = await source({ name: 'Human Rights Watch', grade: 'A', homepage: 'https://www.hrw.org' });
    const incidentId = (await app.ok(ALLEGE_USE, { input: yemenAllegation(amnesty, extra) })).allegeUse.id as string;
    await app.ok(ADD_CORROBORATION, { input: corroborationInput(incidentId, hrw) });
    expect((await read(incidentId)).assessment).toMatchObject({ status: 'CONFIRMED', readiness: 'CONDEMN' });
    return { incidentId, amnesty, hrw };
  }

  it("1. the alleged user's own ministry cannot lower a confirmed incident; State sources match by code", async () => {
    const { incidentId } = await confirmedIncident();
    const mod = await source({
      name: 'Saudi Arabia Ministry of Defence',
      kind: 'STATE',
      stateCode: 'SAU',
      grade: 'B',
      homepage: undefined,
    });
    await app.ok(ADD_CORROBORATION, {
      input: corroborationInput(incidentId, mod, {
        stance: 'DISPUTES',
        evidenceKinds: ['OFFICIAL_ADMISSION'],
        publishedOn: '2016-06-01',
        summary: 'The ministry denies it.',
      }),
    });
    const { assessment } = await read(incidentId);
    expect(assessment).toMatchObject({ status: 'CONFIRMED', readiness: 'CONDEMN', statusSince: '2016-05-25' });
    expect(assessment.reasons.join(' ')).toContain('Saudi Arabia Ministry of Defence');

    // A State source whose NAME is "SAU" but whose code is Norway's is an independent State, not the user.
    const norway = await source({ name: 'SAU', kind: 'STATE', stateCode: 'NOR', grade: 'B', homepage: undefined });
    await app.ok(ADD_CORROBORATION, {
      input: corroborationInput(incidentId, norway, {
        stance: 'DISPUTES',
        evidenceKinds: ['WITNESS_TESTIMONY'],
        publishedOn: '2016-06-02',
        summary: 'Norway doubts it.',
      }),
    });
    expect((await read(incidentId)).assessment).toMatchObject({ status: 'CONTESTED', readiness: 'CONCERN' });
  });

  it('2. an investigation by a C-graded NGO counts as one supporting source: it cannot confirm alone', async () => {
    const amnesty = await source({ name: 'Amnesty International (2)', grade: 'B' });
    const incidentId = (
      await app.ok(ALLEGE_USE, {
        input: yemenAllegation(amnesty, {
          firstSource: { ...yemenAllegation(amnesty).firstSource, evidenceKinds: ['WITNESS_TESTIMONY'] },
        }),
      })
    ).allegeUse.id;
    const ngo = await source({ name: 'Some NGO', grade: 'C', homepage: undefined });
    const opened = (
      await app.ok(OPEN_INVESTIGATION, {
        input: investigationInput([incidentId], {
          investigator: { kind: 'NGO', sourceId: ngo },
        }),
      })
    ).openInvestigation;
    await app.ok(CONCLUDE_INVESTIGATION, {
      input: {
        investigationId: opened.id,
        outcome: 'USE_CONFIRMED',
        findings: 'We think so.',
        concludedOn: '2016-07-01',
      },
    });
    const { assessment } = await read(incidentId);
    expect(assessment).toMatchObject({ status: 'CORROBORATED', independentSupportingSources: 2 });
    expect(assessment.reasons.join(' ')).toContain('Some NGO');
  });

  it("3. the supplier's no-use finding does not clear; a UN one against A/B physical evidence contests", async () => {
    const { incidentId } = await confirmedIncident({
      munition: { type: 'BL-755', delivery: 'AIR_DROPPED', producerStateCodes: ['GBR'], supplierStateCodes: ['GBR'] },
    });
    const uk = (await app.ok(OPEN_INVESTIGATION, { input: investigationInput([incidentId]) })).openInvestigation;
    await app.ok(CONCLUDE_INVESTIGATION, {
      input: {
        investigationId: uk.id,
        outcome: 'USE_NOT_CONFIRMED',
        findings: 'No evidence found.',
        concludedOn: '2016-12-19',
      },
    });
    const { assessment } = await read(incidentId);
    expect(assessment).toMatchObject({ status: 'CONFIRMED', readiness: 'CONDEMN', statusSince: '2016-05-25' });
    expect(assessment.reasons.join(' ')).toMatch(/United Kingdom.*interested party/);

    const panel = await source({
      name: 'UN Panel of Experts on Yemen',
      kind: 'UN_BODY',
      grade: 'A',
      homepage: undefined,
    });
    const un = (
      await app.ok(OPEN_INVESTIGATION, {
        input: investigationInput([incidentId], {
          investigator: { kind: 'UN', sourceId: panel },
        }),
      })
    ).openInvestigation;
    await app.ok(CONCLUDE_INVESTIGATION, {
      input: {
        investigationId: un.id,
        outcome: 'USE_NOT_CONFIRMED',
        findings: 'No access to the site.',
        concludedOn: '2017-01-10',
      },
    });
    expect((await read(incidentId)).assessment).toMatchObject({ status: 'CONTESTED', readiness: 'CONCERN' });
  });

  it('4. one organisation registered twice: a warning with candidates, then a merge makes it count once', async () => {
    const hrw = (
      await app.ok(REGISTER_WITH_WARNINGS, {
        input: sourceInput({ name: 'Human Rights Watch (Yemen desk)', grade: 'A' }),
      })
    ).registerSource.id;
    const dup = (await app.ok(REGISTER_WITH_WARNINGS, { input: sourceInput({ name: 'HRW (Yemen desk)', grade: 'A' }) }))
      .registerSource;
    expect(dup.warnings).toEqual([
      expect.objectContaining({
        code: 'SIMILAR_NAME',
        candidates: [{ id: hrw, name: 'Human Rights Watch (Yemen desk)' }],
      }),
    ]);
    const incidentId = (await app.ok(ALLEGE_USE, { input: yemenAllegation(dup.id) })).allegeUse.id;
    await app.ok(ADD_CORROBORATION, { input: corroborationInput(incidentId, hrw) });
    expect((await read(incidentId)).assessment.status).toBe('CONFIRMED');

    const merged = (
      await app.ok(MERGE_SOURCES, {
        input: {
          duplicateSourceId: dup.id,
          canonicalSourceId: hrw,
          reason: 'HRW is Human Rights Watch',
          mergedOn: '2016-06-01',
        },
      })
    ).mergeSources;
    expect(merged).toMatchObject({ id: hrw, aliases: ['HRW (Yemen desk)'], mergedDuplicates: [dup.id] });
    expect((await read(incidentId)).assessment).toMatchObject({ status: 'ALLEGED', independentSupportingSources: 1 });
  });

  it('5. a regrade applies from its date: the history keeps the 2016 confirmation, drops on the regrade', async () => {
    const { incidentId, hrw } = await confirmedIncident();
    await app.ok(REGRADE, {
      input: { sourceId: hrw, newGrade: 'D', reason: 'Later errors', regradedOn: '2020-01-01' },
    });
    const live = await read(incidentId);
    expect(live.statusHistory.map((c: { status: string; on: string }) => [c.status, c.on])).toEqual([
      ['ALLEGED', '2016-05-23'],
      ['CONFIRMED', '2016-05-25'],
      ['ALLEGED', '2020-01-01'],
    ]);
    expect(live.assessment).toMatchObject({ status: 'ALLEGED', statusSince: '2020-01-01' });
    const known2016 = (await app.ok(READ_AS_OF, { id: incidentId, asOf: '2016-12-31T23:59:59Z' })).incident;
    expect(known2016.assessment).toMatchObject({ status: 'CONFIRMED', statusSince: '2016-05-25' });
    const before2020 = live.statusHistory
      .slice(0, 2)
      .map(({ status, on }: { status: string; on: string }) => ({ status, on }));
    expect(known2016.statusHistory).toEqual(before2020);
  });

  it('6. reasons and missing name the sources, their grades, kinds and dates in words, never bare ids', async () => {
    const { incidentId } = await confirmedIncident();
    const { assessment } = await read(incidentId);
    for (const line of [...assessment.reasons, ...assessment.missing]) expect(line).not.toMatch(UUID);
    const text = assessment.reasons.join(' ');
    expect(text).toContain('Amnesty International (graded B)');
    expect(text).toContain('Human Rights Watch (graded A)');
    expect(text).toContain('expert identification');
    expect(text).toContain('2016-05-25');
    expect(assessment.evidenceIds).toHaveLength(2);
  });

  it('7. an incident can be assessed under the earlier policy version, and the differences are listed', async () => {
    const amnesty = await source({ name: 'Amnesty International (3)', grade: 'B' });
    const incidentId = (
      await app.ok(ALLEGE_USE, {
        input: yemenAllegation(amnesty, {
          firstSource: { ...yemenAllegation(amnesty).firstSource, evidenceKinds: ['WITNESS_TESTIMONY'] },
        }),
      })
    ).allegeUse.id;
    const ngo = await source({ name: 'Another NGO', grade: 'C', homepage: undefined });
    const opened = (
      await app.ok(OPEN_INVESTIGATION, {
        input: investigationInput([incidentId], {
          investigator: { kind: 'NGO', sourceId: ngo },
        }),
      })
    ).openInvestigation;
    await app.ok(CONCLUDE_INVESTIGATION, {
      input: {
        investigationId: opened.id,
        outcome: 'USE_CONFIRMED',
        findings: 'Confirmed.',
        concludedOn: '2016-07-01',
      },
    });
    const both = (
      await app.ok(
        /* GraphQL */ `
          query ($id: ID!) {
            incident(id: $id) {
              assessment {
                status
                policyVersion
              }
              earlier: assessmentUnder(policyVersion: "1.0.0") {
                status
                policyVersion
              }
            }
          }
        `,
        { id: incidentId },
      )
    ).incident;
    expect(both).toEqual({
      assessment: { status: 'CORROBORATED', policyVersion: '2.0.0' },
      earlier: { status: 'CONFIRMED', policyVersion: '1.0.0' },
    });
    const diff = (
      await app.ok(/* GraphQL */ `
        {
          policyDifferences(from: "1.0.0", to: "2.0.0") {
            incidentId
            from {
              status
            }
            to {
              status
            }
          }
        }
      `)
    ).policyDifferences;
    expect(diff).toEqual(
      expect.arrayContaining([{ incidentId, from: { status: 'CONFIRMED' }, to: { status: 'CORROBORATED' } }]),
    );
    const unknown = await app.gql(`{ policyDifferences(from: "0.9", to: "2.0.0") { incidentId } }`);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('a coalition known by its lead State needs a name; corrections add members, which the reasons list', async () => {
    const amnesty = await source({ name: 'Amnesty International (4)', grade: 'B' });
    const lead = { kind: 'COALITION', stateCodes: ['SAU'], name: 'Saudi Arabia-led coalition' };
    const incidentId = (await app.ok(ALLEGE_USE, { input: yemenAllegation(amnesty, { allegedUser: lead }) })).allegeUse
      .id;
    expect((await read(incidentId)).assessment.reasons).toContain(
      'The alleged user is Saudi Arabia-led coalition; its members known so far: SAU.',
    );
    await app.ok(CORRECT_INCIDENT, {
      input: {
        incidentId,
        changes: { allegedUser: { ...lead, stateCodes: ['SAU', 'ARE'] } },
        reason: 'The UAE confirmed its part',
        correctedOn: '2016-06-01',
      },
    });
    expect((await read(incidentId)).assessment.reasons).toContain(
      'The alleged user is Saudi Arabia-led coalition; its members known so far: SAU and ARE.',
    );
    const unnamed = await app.gql(ALLEGE_USE, {
      input: yemenAllegation(amnesty, { allegedUser: { kind: 'COALITION', stateCodes: ['SAU'] } }),
    });
    expect(unnamed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'allegedUser.name' });
  });

  it('a State investigating under its code alone is judged by its registered STATE source', async () => {
    const amnesty = await source({ name: 'Amnesty International (5)', grade: 'B' });
    const firstSource = { ...yemenAllegation(amnesty).firstSource, evidenceKinds: ['WITNESS_TESTIMONY'] };
    const alleged = await app.ok(ALLEGE_USE, { input: yemenAllegation(amnesty, { firstSource }) });
    const incidentId = alleged.allegeUse.id;
    const uk = await source({
      name: 'UK Government',
      kind: 'STATE',
      stateCode: 'GBR',
      grade: 'A',
      homepage: undefined,
    });
    const opened = (
      await app.ok(OPEN_INVESTIGATION.replace('investigator { kind', 'investigator { sourceId kind'), {
        input: investigationInput([incidentId]),
      })
    ).openInvestigation;
    expect(opened.investigator).toMatchObject({ kind: 'STATE', stateCode: 'GBR', sourceId: uk, name: 'UK Government' });
    await app.ok(CONCLUDE_INVESTIGATION, {
      input: {
        investigationId: opened.id,
        outcome: 'USE_CONFIRMED',
        findings: 'BL-755 were used.',
        concludedOn: '2016-12-19',
      },
    });
    // Graded A and no interested party here: the State's own finding confirms (an unknown source, F, would not).
    const { assessment } = await read(incidentId);
    expect(assessment).toMatchObject({ status: 'CONFIRMED', statusSince: '2016-12-19' });
    expect(assessment.reasons.join(' ')).toContain('UK Government');
  });

  it('/health/ready reports the projection version: the read store layout and its policy', async () => {
    const res = await fetch(app.url.replace(/\/graphql$/, '/health/ready'));
    expect(res.status).toBe(200);
    const { projection } = (await res.json()) as { projection: { version: string } };
    expect(projection.version).toBe(projectionVersion(DEFAULT_POLICY));
    expect(projection.version).toMatch(/\+policy-2\./);
  });
});
