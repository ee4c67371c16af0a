import { EventStore, type StoredEvent } from '@app/event-store';
import {
  ADD_CORROBORATION,
  ALLEGE_USE,
  CONCLUDE_INVESTIGATION,
  MERGE_INCIDENTS,
  OPEN_INVESTIGATION,
  RECORD_STATEMENT,
  REGISTER_SOURCE,
  WITHDRAW_INCIDENT,
  corroborationInput,
  investigationInput,
  sourceInput,
  statementInput,
  yemenAllegation,
} from './fixtures';
import type { TestApp } from './test-app';

/** The ids of what a seeded registry holds. */
export interface SeededRegistry {
  sources: string[];
  incidents: string[];
  /** [incident id, corroboration id] */
  corroborations: [string, string][];
  investigations: string[];
  statements: string[];
  /** Incident id -> its status after seeding: every status of the policy appears. */
  statuses: Record<string, string>;
}

/**
 * A small but realistic registry: sources of several kinds and grades, incidents in every status
 * (one of them a merged duplicate), open and concluded investigations, and statements.
 */
export async function seedRegistry(app: TestApp): Promise<SeededRegistry> {
  const source = async (name: string, grade: string, kind = 'NGO') =>
    (await app.ok(REGISTER_SOURCE, { input: sourceInput({ name, grade, kind }) })).registerSource.id as string;
  const [amnesty, hrw, daily, monitor] = [
    await source('Amnesty International', 'B'),
    await source('Human Rights Watch', 'A'),
    await source('Daily Courier', 'C', 'MEDIA'),
    await source('Landmine Monitor', 'B', 'ACADEMIC'),
  ];
  // Policy 2.0.0: only a UN body, a court or an independent A–B investigator clears an incident on its own.
  const unPanel = await source('UN Panel of Experts on Yemen', 'A', 'UN_BODY');
  const corroborations: [string, string][] = [];
  const allege = async (summary: string, sourceId: string, evidenceKinds: string[]) => {
    const input = yemenAllegation(sourceId, { summary });
    input.firstSource = { ...input.firstSource, evidenceKinds };
    const { allegeUse } = await app.ok(ALLEGE_USE, { input });
    corroborations.push([allegeUse.id, allegeUse.corroborations[0].id]);
    return allegeUse.id as string;
  };
  const corroborate = async (incidentId: string, sourceId: string, stance: string, evidenceKinds: string[]) => {
    const { addCorroboration } = await app.ok(ADD_CORROBORATION, {
      input: corroborationInput(incidentId, sourceId, { stance, evidenceKinds, summary: `${stance} by ${sourceId}` }),
    });
    corroborations.push([incidentId, addCorroboration.corroborations.at(-1).id]);
  };

  const alleged = await allege('Alleged only', daily, ['WITNESS_TESTIMONY']);
  const corroborated = await allege('Corroborated by two', daily, ['WITNESS_TESTIMONY']);
  await corroborate(corroborated, monitor, 'SUPPORTS', ['WITNESS_TESTIMONY']);
  const confirmed = await allege('Confirmed by remnants', amnesty, ['REMNANT_PHOTO', 'WITNESS_TESTIMONY']);
  await corroborate(confirmed, hrw, 'SUPPORTS', ['EXPERT_IDENTIFICATION']);
  const contested = await allege('Contested', daily, ['WITNESS_TESTIMONY']);
  await corroborate(contested, monitor, 'SUPPORTS', ['WITNESS_TESTIMONY']);
  await corroborate(contested, hrw, 'DISPUTES', ['SATELLITE_IMAGERY']);
  const notConfirmed = await allege('Investigated, no use found', daily, ['WITNESS_TESTIMONY']);
  const withdrawn = await allege('Logged in error', daily, ['WITNESS_TESTIMONY']);
  await app.ok(WITHDRAW_INCIDENT, {
    input: { incidentId: withdrawn, reason: 'Logged in error', withdrawnOn: '2016-06-03' },
  });
  const duplicate = await allege('A duplicate report', amnesty, ['VIDEO']);
  await app.ok(MERGE_INCIDENTS, {
    input: {
      duplicateIncidentId: duplicate,
      canonicalIncidentId: confirmed,
      reason: 'Same attack',
      mergedOn: '2016-06-02',
    },
  });

  const open = async (incidentIds: string[], overrides: Record<string, unknown> = {}) =>
    (await app.ok(OPEN_INVESTIGATION, { input: investigationInput(incidentIds, overrides) })).openInvestigation
      .id as string;
  const openOne = await open([alleged, corroborated]);
  const concludedNoUse = await open([notConfirmed], { investigator: { kind: 'UN', sourceId: unPanel } });
  await app.ok(CONCLUDE_INVESTIGATION, {
    input: {
      investigationId: concludedNoUse,
      outcome: 'USE_NOT_CONFIRMED',
      findings: 'No remnants found.',
      concludedOn: '2016-09-01',
    },
  });
  const statement = async (incidentIds: string[], kind: string, speakers: string[]) =>
    (await app.ok(RECORD_STATEMENT, { input: statementInput(incidentIds, { kind, speakers }) })).recordStatement
      .id as string;
  const statements = [
    await statement([confirmed], 'CONDEMNATION', ['NOR', 'IRL']),
    await statement([contested, corroborated], 'CONCERN', ['AUT']),
    await statement([notConfirmed], 'INVESTIGATION_ANNOUNCED', ['GBR']),
  ];

  const incidents = [alleged, corroborated, confirmed, contested, notConfirmed, withdrawn, duplicate];
  const statuses: Record<string, string> = {};
  for (const id of incidents) {
    const { incident } = await app.ok(`query ($id: ID!) { incident(id: $id) { assessment { status } } }`, { id });
    statuses[id] = incident.assessment.status;
  }
  const investigations = [openOne, concludedNoUse];
  return { sources: [amnesty, hrw, daily, monitor], incidents, corroborations, investigations, statements, statuses };
}

/** The position of the last event in the store, if any. */
export async function lastPosition(app: TestApp): Promise<string | undefined> {
  return (await eventsSince(app, undefined)).at(-1)?.position;
}

/** The events appended after `position` (all of them without one). */
export async function eventsSince(app: TestApp, position: string | undefined): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  const pages = app.app.get(EventStore).readAllBatches(position === undefined ? {} : { fromPosition: position });
  for await (const batch of pages) events.push(...batch);
  return events;
}
