import { upcast } from '@app/domain';
import type { RegistryEvent } from '@app/domain';
import { reassessIncident, type StatusChanged } from './assess-incident';
import type { Position, StoredEvent } from '@app/event-store';
import { applyEvent, type EventEffect } from './evolve';
import { evidenceDateOf, summarizeEvent } from './event-facts';
import type { AuditEntry, RegistryModel } from './model';
import { SKIPPED_IDS_KEPT } from './model';

/** Bumped whenever the fold or the policy it applies changes: a new version means a rebuild. */
export const PROJECTION_VERSION = 'registry-2';

export { reassessIncident, type StatusChanged };

/** What one event changed, for live updates (`incidentStatusChanged`, `statementRecorded`). */
export interface ChangeSet {
  eventId: string;
  position: Position;
  /** True when the event was unknown or unreadable and left the model untouched. */
  skipped: boolean;
  /** Canonical incidents whose data or audit trail changed. */
  incidentIds: string[];
  /** Only real status changes (and new incidents); empty in bulk mode, where nothing is assessed per event. */
  statusChanges: StatusChanged[];
  /** Statements newly recorded by this event. */
  recordedStatementIds: string[];
}

/** In bulk mode: assesses every incident touched since the last settle, once. */
export function settleRegistry(model: RegistryModel): void {
  for (const id of model.dirty) {
    const incident = model.incidents.get(id);
    if (incident && !incident.mergedInto) reassessIncident(model, incident);
  }
  model.dirty.clear();
}

/** The command's result is the position of its last event: later events of the same append move it. */
function rememberIdempotentResult(model: RegistryModel, key: string, stored: StoredEvent): void {
  const seen = model.idempotency.get(key);
  if (seen && seen.stream !== stored.stream) return;
  const inputHash = stored.metadata.inputHash;
  model.idempotency.set(key, {
    inputHash: typeof inputHash === 'string' ? inputHash : '',
    stream: stored.stream,
    position: stored.position,
  });
}

function skip(model: RegistryModel, stored: StoredEvent): null {
  model.skipped++;
  model.skippedEventIds.push(stored.id);
  if (model.skippedEventIds.length > SKIPPED_IDS_KEPT) model.skippedEventIds.shift();
  return null;
}

/** Keeps the revision of the stream the event was appended to on the entity that stream belongs to. */
function trackRevision(model: RegistryModel, event: RegistryEvent, revision: number): void {
  let view: { revision: number } | undefined;
  switch (event.type) {
    case 'SourceRegistered':
    case 'SourceRegraded':
      view = model.sources.get(event.data.sourceId);
      break;
    case 'SourcesMerged':
      view = model.sources.get(event.data.sourceId);
      break;
    case 'UseAlleged':
    case 'IncidentCorrected':
    case 'IncidentMergedInto':
    case 'IncidentWithdrawn':
    case 'CorroborationAdded':
    case 'CorroborationRetracted':
      view = model.incidents.get(event.data.incidentId);
      break;
    case 'InvestigationOpened':
    case 'InvestigationConcluded':
      view = model.investigations.get(event.data.investigationId);
      break;
    case 'StatementRecorded':
    case 'StatementCorrected':
      view = model.statements.get(event.data.statementId);
      break;
    case 'SituationRegistered':
    case 'SituationCorrected':
      view = model.situations.get(event.data.situationId);
      break;
    case 'ResolutionVoteRecorded':
      view = model.resolutions.get(event.data.resolutionId);
      break;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
  if (view) view.revision = revision;
}

/** Folds one event with its effect into `fx`; the upcast event, or null when it was skipped. */
function fold(
  model: RegistryModel,
  stored: StoredEvent,
  fx: EventEffect,
  statusChanges: StatusChanged[] | null,
): RegistryEvent | null {
  model.checkpoint = stored.position;
  const key = stored.metadata?.idempotencyKey;
  if (typeof key === 'string') rememberIdempotentResult(model, key, stored);
  let event: RegistryEvent | null;
  // An event the store could not represent (another application's, binary): skipped and reported.
  if (stored.unreadable !== undefined) return skip(model, stored);
  try {
    event = upcast(stored.type, stored.data, stored.metadata?.schemaVersion ?? 1);
    if (event === null) return skip(model, stored);
    applyEvent(model, event, { eventId: stored.id, recordedAt: stored.recordedAt }, fx);
    trackRevision(model, event, stored.revision);
  } catch {
    return skip(model, stored);
  }
  model.eventsApplied++;
  const evidenceDate = evidenceDateOf(event);
  if (evidenceDate !== null && (model.latestEvidenceDate === null || evidenceDate > model.latestEvidenceDate)) {
    model.latestEvidenceDate = evidenceDate;
  }
  if (fx.audit.length > 0) {
    const entry: AuditEntry | null = model.keepAuditEntries
      ? {
          eventId: stored.id,
          type: event.type,
          evidenceDate,
          recordedAt: stored.recordedAt,
          actor: stored.metadata?.actor ?? 'unknown',
          summary: summarizeEvent(model, event),
          seq: model.eventsApplied,
        }
      : null;
    for (const id of fx.audit)
      (model.incidents.get(id) ?? model.orphans.get(id))?.audit.add(
        stored.id,
        evidenceDate,
        model.eventsApplied,
        entry,
      );
  }
  for (const id of fx.reassess) {
    const incident = model.incidents.get(id);
    if (!incident) continue;
    if (model.deferAssessments) model.dirty.add(id);
    else {
      const change = reassessIncident(model, incident);
      if (change) statusChanges?.push(change);
    }
  }
  return event;
}

/**
 * Folds one stored event into the model in place and reports what changed. Never throws on a bad event:
 * unknown, newer or corrupt events are skipped and counted.
 */
export function evolveRegistry(model: RegistryModel, stored: StoredEvent): ChangeSet {
  // Fresh per event: the effect's lists go out in the ChangeSet.
  const fx: EventEffect = { reassess: [], audit: [] };
  const statusChanges: StatusChanged[] = [];
  const event = fold(model, stored, fx, statusChanges);
  if (event === null) {
    return {
      eventId: stored.id,
      position: stored.position,
      skipped: true,
      incidentIds: [],
      statusChanges: [],
      recordedStatementIds: [],
    };
  }
  const incidentIds: string[] = [];
  for (const id of fx.audit) if (model.incidents.has(id) && !model.mergedInto.has(id)) incidentIds.push(id);
  for (const id of fx.reassess)
    if (!incidentIds.includes(id) && model.incidents.has(id) && !model.mergedInto.has(id)) incidentIds.push(id);
  return {
    eventId: stored.id,
    position: stored.position,
    skipped: false,
    incidentIds,
    statusChanges,
    recordedStatementIds: event.type === 'StatementRecorded' ? [event.data.statementId] : [],
  };
}

/** Reused by foldRegistry: it runs synchronously, one event at a time. */
const scratch: EventEffect = { reassess: [], audit: [] };

/** As evolveRegistry, for bulk catch-ups and replays that do not ask what changed (no ChangeSet built). */
export function foldRegistry(model: RegistryModel, stored: StoredEvent): void {
  scratch.reassess.length = 0;
  scratch.audit.length = 0;
  fold(model, stored, scratch, null);
}
