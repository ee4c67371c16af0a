import type { IsoDate, RegistryEvent } from '@app/domain';
import type { CorroborationView, SourceView } from './model';

/** The evidence date an event carries; null for SourceRegistered (a source is known once registered). */
export function evidenceDateOf(event: RegistryEvent): IsoDate | null {
  switch (event.type) {
    case 'SourceRegistered':
      return null;
    case 'SourceRegraded':
      return event.data.regradedOn;
    case 'SourcesMerged':
      return event.data.mergedOn;
    case 'UseAlleged':
      return event.data.reportedOn;
    case 'IncidentCorrected':
      return event.data.correctedOn;
    case 'IncidentMergedInto':
      return event.data.mergedOn;
    case 'IncidentWithdrawn':
      return event.data.withdrawnOn;
    case 'CorroborationAdded':
      return event.data.publishedOn;
    case 'CorroborationRetracted':
      return event.data.retractedOn;
    case 'InvestigationOpened':
      return event.data.openedOn;
    case 'InvestigationConcluded':
      return event.data.concludedOn;
    case 'StatementRecorded':
      return event.data.deliveredOn;
    // A statement as corrected is not known before it was delivered: a correction dated before the delivery it sets
    // is known from that delivery (else a day between the two would count a statement not yet made).
    case 'StatementCorrected': {
      const { correctedOn, changes } = event.data;
      return changes.deliveredOn !== undefined && changes.deliveredOn > correctedOn ? changes.deliveredOn : correctedOn;
    }
    // A situation is a frame for evidence, not evidence: known once registered.
    case 'SituationRegistered':
      return null;
    case 'SituationCorrected':
      return event.data.correctedOn;
    case 'ResolutionVoteRecorded':
      return event.data.adoptedOn;
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** What a summary names things by: the sources registered and the corroborations logged when the event was folded. */
export interface SummaryNames {
  sources: ReadonlyMap<string, Pick<SourceView, 'name'>>;
  corroborations: ReadonlyMap<string, Pick<CorroborationView, 'sourceId'>>;
}

const sourceName = (model: SummaryNames, id: string) => model.sources.get(id)?.name ?? id;
const keys = (o: object) => Object.keys(o).join(', ') || 'nothing';

/** A one-line, readable account of an event for the audit trail. */
export function summarizeEvent(model: SummaryNames, event: RegistryEvent): string {
  switch (event.type) {
    case 'SourceRegistered':
      return `Source ${event.data.name} registered (${event.data.kind}, grade ${event.data.grade})`;
    case 'SourceRegraded':
      return (
        `Source ${sourceName(model, event.data.sourceId)} regraded ${event.data.previousGrade} -> ` +
        `${event.data.grade}: ${event.data.reason}`
      );
    case 'SourcesMerged':
      return (
        `Source ${sourceName(model, event.data.sourceId)} merged into ` +
        `${sourceName(model, event.data.canonicalSourceId)}: ` +
        `${event.data.reason}`
      );
    case 'UseAlleged': {
      const d = event.data;
      return (
        `Use of ${d.munition.type} alleged in ${d.location.placeName}, ${d.location.countryCode} ` +
        `(${d.occurredFrom}${d.occurredTo !== d.occurredFrom ? ` to ${d.occurredTo}` : ''}), ` +
        `first reported by ${sourceName(model, d.firstCorroboration.sourceId)}`
      );
    }
    case 'IncidentCorrected':
      return `Corrected ${keys(event.data.changes)}: ${event.data.reason}`;
    case 'IncidentMergedInto':
      return `Incident ${event.data.incidentId} merged into ${event.data.canonicalIncidentId}: ${event.data.reason}`;
    case 'IncidentWithdrawn':
      return `Withdrawn: ${event.data.reason}`;
    case 'CorroborationAdded': {
      const d = event.data;
      return (
        `${sourceName(model, d.sourceId)} ${d.stance === 'SUPPORTS' ? 'supports' : 'disputes'} ` +
        `(${d.evidenceKinds.join(', ') || 'no evidence kind'})${d.derivedFrom ? `, repeating ${d.derivedFrom}` : ''}`
      );
    }
    case 'CorroborationRetracted': {
      const c = model.corroborations.get(event.data.corroborationId);
      return (
        `${c ? sourceName(model, c.sourceId) : 'A source'} retracted corroboration ` +
        `${event.data.corroborationId}: ${event.data.reason}`
      );
    }
    case 'InvestigationOpened': {
      const inv = event.data.investigator;
      return `Investigation opened by ${inv.name ?? inv.stateCode ?? inv.kind}: ${event.data.mandate}`;
    }
    case 'InvestigationConcluded':
      return `Investigation ${event.data.investigationId} concluded: ${event.data.outcome}`;
    case 'StatementRecorded': {
      const d = event.data;
      const onBehalfOf = d.onBehalfOf ? ` on behalf of ${d.onBehalfOf}` : '';
      return `${d.kind} by ${d.speakers.join(', ')}${onBehalfOf} at ${d.venue}`;
    }
    case 'StatementCorrected':
      return `Statement ${event.data.statementId} corrected ${keys(event.data.changes)}: ${event.data.reason}`;
    case 'SituationRegistered':
      return `Situation ${event.data.name} registered`;
    case 'SituationCorrected':
      return `Situation ${event.data.situationId} corrected ${keys(event.data.changes)}: ${event.data.reason}`;
    case 'ResolutionVoteRecorded': {
      const d = event.data;
      const yes = d.votes.filter((v) => v.vote === 'YES').length;
      return `Resolution ${d.symbol} (${d.kind}) adopted at ${d.venue}: ${yes} of ${d.votes.length} voted yes`;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
