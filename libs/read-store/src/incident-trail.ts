import { type IsoDate, type RegistryEvent, sourceStream, type StatusChange, upcast } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import {
  type AuditEntry,
  causesOf,
  type CorroborationView,
  cutFilter,
  type EvidenceEvents,
  evidenceDateOf,
  type InvestigationView,
  knownOnOf,
  organisationOf,
  resolveIncidentId,
  type SourceView,
  type StatementView,
  type StatusChangeDetail,
  summarizeEvent,
} from '@app/projections';
import type { Database } from 'better-sqlite3';
import type { ReadCut } from './cut';
import { incidentMembers, incidentResolver } from './incident-resolution';
import { incidentStreams } from './incident-streams';

/** An incident's audit trail at a cut, and what it gives: its revision then and the causes of its status changes. */
export interface IncidentTrail {
  /** The canonical incident the id resolved to at the cut. */
  incidentId: string;
  /** Its stream's revision at the cut: the last of its own events within it. */
  revision: number;
  /** Every event about it and its merged duplicates, oldest first (`seq` numbers them in that order). */
  history: AuditEntry[];
  /** Its status changes (as the file stores them for the cut) with the events that carried their evidence. */
  causes(statusHistory: readonly StatusChange[]): StatusChangeDetail[];
}

/**
 * The sources whose streams can hold an event of the trail of an incident linked to @sources (see incidentTrailAt):
 * those, every source a merge within their organisations now joins (`component`: connected by parents and merges;
 * the duplicate's stream holds the merge), and the parents and canonical sources above all of these, which say
 * what organisation each was in when.
 */
const TRAIL_SOURCES = `
  WITH RECURSIVE component(id) AS (
    SELECT value FROM json_each(@sources)
    UNION SELECT s.parent_organisation FROM sources s JOIN component ON s.source_id = component.id
      WHERE s.parent_organisation IS NOT NULL
    UNION SELECT s.source_id FROM sources s JOIN component ON s.parent_organisation = component.id
    UNION SELECT m.canonical_source_id FROM source_merges m JOIN component ON m.source_id = component.id
    UNION SELECT m.source_id FROM source_merges m JOIN component ON m.canonical_source_id = component.id
  ), needed(id) AS (
    SELECT value FROM json_each(@sources)
    UNION SELECT m.source_id FROM source_merges m WHERE m.canonical_source_id IN component
    UNION SELECT m.canonical_source_id FROM source_merges m WHERE m.canonical_source_id IN component
    UNION SELECT s.parent_organisation FROM sources s JOIN needed ON s.source_id = needed.id
      WHERE s.parent_organisation IS NOT NULL
    UNION SELECT m.canonical_source_id FROM source_merges m JOIN needed ON m.source_id = needed.id
  )
  SELECT id FROM needed`;

/** The sources of an incident's corroborations and investigators (`members`: it and its merged duplicates). */
const LINKED_SOURCES = `
  SELECT c.source_id FROM corroborations c WHERE c.incident_id IN (SELECT value FROM json_each(@members))
  UNION SELECT i.investigator_source_id FROM investigations i JOIN investigation_incidents ii USING (investigation_id)
    WHERE ii.incident_id IN (SELECT value FROM json_each(@members)) AND i.investigator_source_id IS NOT NULL`;

type Source = Pick<SourceView, 'name' | 'parentOrganisation' | 'mergedInto'>;
type Corroboration = Pick<
  CorroborationView,
  'sourceId' | 'originalIncidentId' | 'publishedOn' | 'eventId' | 'retraction'
>;
type Investigation = Pick<InvestigationView, 'incidentIds' | 'openedOn' | 'concludedOn' | 'eventIds'> & {
  sourceId: string | undefined;
};
type Statement = Pick<StatementView, 'incidentIds' | 'deliveredOn' | 'eventId'>;

/**
 * What the events read so far say that decides whom the next one is about: the sources registered (names for the
 * summaries, organisations for a merge), the corroborations, investigations and statements logged, the incidents
 * alleged. The trail's events only: what the file keeps as rows is read from the file.
 */
class Linked implements EvidenceEvents {
  readonly sources = new Map<string, Source>();
  readonly corroborations = new Map<string, Corroboration>();
  readonly investigations = new Map<string, Investigation>();
  readonly statements = new Map<string, Statement>();
  readonly incidents = new Set<string>();
  readonly mergedInto = new Map<string, string>();

  constructor(private readonly knownOn: IsoDate | undefined) {}

  private corroborationsFrom(test: (sourceId: string) => boolean): string[] {
    const about: string[] = [];
    for (const c of this.corroborations.values()) if (test(c.sourceId)) about.push(c.originalIncidentId);
    return about;
  }

  private investigatedBy(test: (sourceId: string | undefined) => boolean): string[] {
    return [...this.investigations.values()].filter((i) => test(i.sourceId)).flatMap((i) => i.incidentIds);
  }

  /**
   * The incident ids the event is about (whom the reference fold adds it to the trail of), before it is taken in;
   * `eventId` is what the evidence it logs is caused by.
   */
  about(event: RegistryEvent, eventId: string): string[] {
    switch (event.type) {
      case 'SourceRegistered': {
        const d = event.data;
        this.sources.set(d.sourceId, {
          name: d.name,
          parentOrganisation: d.parentOrganisation ?? null,
          mergedInto: null,
        });
        return [];
      }
      case 'SourceRegraded': {
        const id = event.data.sourceId;
        if (!this.sources.has(id)) return [];
        return [...this.corroborationsFrom((s) => s === id), ...this.investigatedBy((s) => s === id)];
      }
      case 'SourcesMerged': {
        const d = event.data;
        const duplicate = this.sources.get(d.sourceId);
        if (!duplicate || !this.sources.has(d.canonicalSourceId)) return [];
        const { canonicalSourceId, reason, mergedOn } = d;
        duplicate.mergedInto = { canonicalSourceId, reason, mergedOn, recordedAt: new Date(0) };
        const organisation = organisationOf(this, d.canonicalSourceId);
        const within = (s: string | undefined) => s !== undefined && organisationOf(this, s) === organisation;
        // The fold walks the registered sources' corroborations, and every investigation's investigator.
        return [...this.corroborationsFrom((s) => this.sources.has(s) && within(s)), ...this.investigatedBy(within)];
      }
      case 'UseAlleged': {
        const d = event.data;
        if (this.incidents.has(d.incidentId)) return [];
        this.incidents.add(d.incidentId);
        if (this.knownOn === undefined || d.firstCorroboration.publishedOn <= this.knownOn)
          this.corroborate(d.firstCorroboration, d.incidentId, eventId);
        return [d.incidentId];
      }
      case 'IncidentCorrected':
      case 'IncidentWithdrawn':
        return this.incidents.has(resolveIncidentId(this, event.data.incidentId)) ? [event.data.incidentId] : [];
      case 'IncidentMergedInto': {
        const d = event.data;
        if (!this.incidents.has(d.incidentId) || resolveIncidentId(this, d.canonicalIncidentId) === d.incidentId)
          return [];
        this.mergedInto.set(d.incidentId, d.canonicalIncidentId);
        return [d.incidentId, d.canonicalIncidentId];
      }
      case 'CorroborationAdded':
        this.corroborate(event.data, event.data.incidentId, eventId);
        return [event.data.incidentId];
      case 'CorroborationRetracted': {
        const d = event.data;
        const c = this.corroborations.get(d.corroborationId);
        if (!c) return [];
        c.retraction = { reason: d.reason, retractedOn: d.retractedOn, eventId, recordedAt: new Date(0) };
        return [c.originalIncidentId];
      }
      case 'InvestigationOpened': {
        const d = event.data;
        this.investigations.set(d.investigationId, {
          incidentIds: d.incidentIds,
          sourceId: d.investigator.sourceId,
          openedOn: d.openedOn,
          concludedOn: null,
          eventIds: [eventId],
        });
        return d.incidentIds;
      }
      case 'InvestigationConcluded': {
        const inv = this.investigations.get(event.data.investigationId);
        if (!inv) return [];
        inv.concludedOn = event.data.concludedOn;
        inv.eventIds.push(eventId);
        return inv.incidentIds;
      }
      case 'StatementRecorded': {
        const d = event.data;
        if (this.statements.has(d.statementId)) return [];
        this.statements.set(d.statementId, { incidentIds: d.incidentIds, deliveredOn: d.deliveredOn, eventId });
        return d.incidentIds;
      }
      case 'StatementCorrected': {
        const d = event.data;
        const s = this.statements.get(d.statementId);
        if (!s) return [];
        const before = s.incidentIds;
        if (d.changes.incidentIds !== undefined) s.incidentIds = d.changes.incidentIds;
        if (d.changes.deliveredOn !== undefined) s.deliveredOn = d.changes.deliveredOn;
        return [...before, ...s.incidentIds];
      }
      case 'SituationRegistered':
      case 'SituationCorrected':
      case 'ResolutionVoteRecorded':
        return [];
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  }

  private corroborate(
    facts: { corroborationId: string; sourceId: string; publishedOn: string },
    incidentId: string,
    eventId: string,
  ) {
    const { corroborationId, sourceId, publishedOn } = facts;
    this.corroborations.set(corroborationId, {
      sourceId,
      originalIncidentId: incidentId,
      publishedOn,
      eventId,
      retraction: null,
    });
  }
}

/** The incident whose own stream holds an event, if any (an incident's revision is its stream's). */
const ownStreamOf = (event: RegistryEvent): string | null =>
  event.type === 'UseAlleged' ||
  event.type === 'IncidentCorrected' ||
  event.type === 'IncidentMergedInto' ||
  event.type === 'IncidentWithdrawn' ||
  event.type === 'CorroborationAdded' ||
  event.type === 'CorroborationRetracted'
    ? event.data.incidentId
    : null;

/** Where an incident's trail is read from, found in the file: a read of its streams then gives the trail. */
export interface TrailReading {
  /** The canonical incident the id resolved to at the cut. */
  incidentId: string;
  /** The streams its trail is read from, at any cut (see incidentTrailAt). */
  streams: string[];
  /** The trail from the events of `streams` (any order; those after the cut are left out). */
  from(events: readonly StoredEvent[], comparePositions: (a: string, b: string) => number): IncidentTrail;
}

/**
 * The audit trail of the incident `id` resolves to at `cut`: the file says which incident that is, which ids are its
 * merged duplicates then, and which streams to read (`streams`: its own, its duplicates', its investigations', every
 * statement's that ever named it, and those of the sources whose events can reach it (`TRAIL_SOURCES`): a regrade
 * reaches the corroborations and investigations of its source, a merge of sources those of the whole organisation it
 * makes; an organisation only grows, so the one it was at any cut is found among today's).
 * Those streams' events within the cut, in store order, then say whom each is about as the reference fold adds it
 * to trails, and give each entry its words and actor. Null when the incident did not exist at the cut.
 */
export function incidentTrailAt(db: Database, cut: ReadCut, id: string): TrailReading | null {
  const read = (): TrailReading | null => {
    const resolve = incidentResolver(db, cut);
    const { exists, members } = incidentMembers(db, cut, resolve, id);
    const found = exists ? incidentStreams(db, id, false) : null;
    if (found === null) return null;
    const now = incidentMembers(db, 'LIVE', incidentResolver(db, 'LIVE'), found.canonicalId).members;
    const linked = db
      .prepare(LINKED_SOURCES)
      .pluck()
      .all({ members: JSON.stringify([...now]) }) as string[];
    const sources = db
      .prepare(TRAIL_SOURCES)
      .pluck()
      .all({ sources: JSON.stringify(linked) }) as string[];
    const streams = new Set(found.streams);
    for (const source of sources) streams.add(sourceStream(source));
    const incidentId = resolve(id);
    return {
      incidentId,
      streams: [...streams],
      from: (events, comparePositions) => trailOf(incidentId, members, cut, events, comparePositions),
    };
  };
  return db.inTransaction ? read() : db.transaction(read)();
}

function trailOf(
  canonicalId: string,
  members: ReadonlySet<string>,
  cut: ReadCut,
  events: readonly StoredEvent[],
  comparePositions: (a: string, b: string) => number,
): IncidentTrail {
  const inCut = cut === 'LIVE' ? () => true : cutFilter(cut);
  const linked = new Linked(cut === 'LIVE' ? undefined : knownOnOf(cut));
  const history: AuditEntry[] = [];
  let revision = 0;
  const ordered = events.filter(inCut).sort((a, b) => comparePositions(a.position, b.position));
  for (const stored of ordered) {
    if (stored.unreadable !== undefined) continue;
    let event: RegistryEvent | null;
    try {
      event = upcast(stored.type, stored.data, stored.metadata?.schemaVersion ?? 1);
    } catch {
      continue; // skipped by the fold as well
    }
    if (event === null) continue;
    const about = linked.about(event, stored.id);
    if (ownStreamOf(event) === canonicalId) revision = stored.revision;
    if (!about.some((incident) => members.has(incident))) continue;
    history.push({
      eventId: stored.id,
      type: event.type,
      evidenceDate: evidenceDateOf(event),
      recordedAt: stored.recordedAt,
      actor: stored.metadata?.actor ?? 'unknown',
      summary: summarizeEvent(linked, event),
      seq: history.length,
    });
  }
  const trailIdsOn = (on: IsoDate) => history.filter((e) => e.evidenceDate === on).map((e) => e.eventId);
  return {
    incidentId: canonicalId,
    revision,
    history,
    causes: (statusHistory) =>
      statusHistory.map((change) => ({ ...change, eventIds: causesOf(linked, change, trailIdsOn) })),
  };
}
