import type { Assessment, CorroborationFacts, RegistryEvent, StatementDetails } from '@app/domain';
import { reassessIncident } from './assess-incident';
import { spokenByAllegedUser } from './evidence';
import type { IncidentLinks, IncidentView, RegistryModel } from './model';
import { resolveIncidentId } from './model';

/** What one event did: incidents to re-assess, and incidents whose audit trail records it. */
export interface EventEffect {
  /** Small lists without repeats (arrays: cheaper than sets at this size, and this runs per event). */
  reassess: string[];
  audit: string[];
}

function addOnce(list: string[], id: string): void {
  if (!list.includes(id)) list.push(id);
}

export interface EventMeta { eventId: string; recordedAt: Date }

/** Placeholder until the policy has run (immediately, or at `settleRegistry` in bulk mode). */
const UNASSESSED: Assessment = {
  status: 'ALLEGED', readiness: 'NONE', rule: 'NOT_ASSESSED', reasons: [], evidenceIds: [], missing: [],
  independentSupportingSources: 0, independentCorroboratingSources: 0, statusSince: null, confirmedOn: null, policyVersion: '',
};

const emptyLinks = (): IncidentLinks =>
  ({ corroborationIds: [], investigationIds: new Set(), statementIds: new Set(), audit: [] });

/** The canonical incident's links, or the orphan links kept for an incident not (yet) in the model. */
function linksOf(model: RegistryModel, incidentId: string): { id: string; links: IncidentLinks } {
  const id = resolveIncidentId(model, incidentId);
  const incident = model.incidents.get(id);
  if (incident) return { id, links: incident };
  let orphan = model.orphans.get(id);
  if (!orphan) model.orphans.set(id, (orphan = emptyLinks()));
  return { id, links: orphan };
}

/** Moves `from`'s evidence links into `into`, re-owning corroborations (a merge, or an orphan adopted). */
function fold(model: RegistryModel, from: IncidentLinks, into: IncidentLinks, intoId: string): void {
  for (const cid of from.corroborationIds) {
    if (!into.corroborationIds.includes(cid)) into.corroborationIds.push(cid);
    const c = model.corroborations.get(cid);
    if (c) c.incidentId = intoId;
  }
  for (const id of from.investigationIds) into.investigationIds.add(id);
  for (const id of from.statementIds) into.statementIds.add(id);
  if (from.audit.length > 0) into.audit = [...into.audit, ...from.audit].sort((a, b) => a.seq - b.seq);
}

function addCorroboration(model: RegistryModel, facts: CorroborationFacts, incidentId: string, meta: EventMeta) {
  const { id, links } = linksOf(model, incidentId);
  // Spelled out rather than spread: one object shape for every corroboration keeps the fold fast.
  model.corroborations.set(facts.corroborationId, {
    corroborationId: facts.corroborationId, sourceId: facts.sourceId, stance: facts.stance,
    evidenceKinds: facts.evidenceKinds, publishedOn: facts.publishedOn, citation: facts.citation,
    derivedFrom: facts.derivedFrom, summary: facts.summary,
    incidentId: id, originalIncidentId: incidentId, retraction: null, eventId: meta.eventId, recordedAt: meta.recordedAt,
  });
  if (!links.corroborationIds.includes(facts.corroborationId)) links.corroborationIds.push(facts.corroborationId);
  let bySource = model.corroborationsBySource.get(facts.sourceId);
  if (!bySource) model.corroborationsBySource.set(facts.sourceId, (bySource = new Set()));
  bySource.add(facts.corroborationId);
  return id;
}

function indexStatement(model: RegistryModel, s: StatementDetails & { statementId: string }, add: boolean, fx: EventEffect) {
  for (const code of s.speakers) {
    let set = model.statementsByState.get(code);
    if (!set) model.statementsByState.set(code, (set = new Set()));
    if (add) set.add(s.statementId);
    else set.delete(s.statementId);
  }
  for (const incidentId of s.incidentIds) {
    const { id, links } = linksOf(model, incidentId);
    if (add) links.statementIds.add(s.statementId);
    else links.statementIds.delete(s.statementId);
    addOnce(fx.audit, id);
    // Only the alleged user's own words can change an assessment.
    const incident = model.incidents.get(id);
    if (incident && spokenByAllegedUser(s.speakers, incident.details.allegedUser.stateCodes)) addOnce(fx.reassess, id);
  }
}

function touch(fx: EventEffect, id: string): void {
  addOnce(fx.reassess, id);
  addOnce(fx.audit, id);
}

/** Folds one upcast event into the model in place. */
export function applyEvent(model: RegistryModel, event: RegistryEvent, meta: EventMeta): EventEffect {
  const fx: EventEffect = { reassess: [], audit: [] };
  switch (event.type) {
    case 'SourceRegistered': {
      const d = event.data;
      model.sources.set(d.sourceId, {
        sourceId: d.sourceId, name: d.name, kind: d.kind, grade: d.grade, homepage: d.homepage,
        grades: [{ grade: d.grade, previousGrade: null, regradedOn: null, reason: null, ...meta }],
        recordedAt: meta.recordedAt,
      });
      for (const cid of model.corroborationsBySource.get(d.sourceId) ?? []) {
        const c = model.corroborations.get(cid);
        if (c) addOnce(fx.reassess, c.incidentId);
      }
      break;
    }
    case 'SourceRegraded': {
      const d = event.data;
      const source = model.sources.get(d.sourceId);
      if (!source) break;
      source.grade = d.grade;
      source.grades.push({ grade: d.grade, previousGrade: d.previousGrade, regradedOn: d.regradedOn, reason: d.reason, ...meta });
      for (const cid of model.corroborationsBySource.get(d.sourceId) ?? []) {
        const c = model.corroborations.get(cid);
        if (c) touch(fx, c.incidentId);
      }
      break;
    }
    case 'UseAlleged': {
      const { incidentId, reportedOn, firstCorroboration, ...details } = event.data;
      if (model.incidents.has(incidentId)) break; // a replayed allegation changes nothing
      const incident: IncidentView = {
        incidentId, details, reportedOn, corrections: [], mergedInto: null, mergedDuplicates: [], withdrawal: null,
        ...emptyLinks(), assessment: UNASSESSED, statusHistory: [], eventId: meta.eventId, recordedAt: meta.recordedAt,
      };
      model.incidents.set(incidentId, incident);
      const orphan = model.orphans.get(incidentId);
      if (orphan) {
        model.orphans.delete(incidentId);
        fold(model, orphan, incident, incidentId);
      }
      addCorroboration(model, firstCorroboration, incidentId, meta);
      touch(fx, incidentId);
      break;
    }
    case 'IncidentCorrected': {
      const d = event.data;
      const incident = model.incidents.get(resolveIncidentId(model, d.incidentId));
      if (!incident) break;
      incident.details = { ...incident.details, ...d.changes };
      incident.corrections.push({ changes: d.changes, reason: d.reason, correctedOn: d.correctedOn, eventId: meta.eventId });
      touch(fx, incident.incidentId);
      break;
    }
    case 'IncidentMergedInto': {
      const d = event.data;
      const duplicate = model.incidents.get(d.incidentId);
      const target = linksOf(model, d.canonicalIncidentId);
      if (!duplicate || target.id === d.incidentId) break; // unknown, or a merge into itself
      // The duplicate's own assessment stays as it stood at the merge, in bulk mode as live.
      if (model.dirty.delete(d.incidentId)) reassessIncident(model, duplicate);
      duplicate.mergedInto = { canonicalIncidentId: d.canonicalIncidentId, reason: d.reason, mergedOn: d.mergedOn };
      model.mergedInto.set(d.incidentId, d.canonicalIncidentId);
      fold(model, duplicate, target.links, target.id);
      model.incidents.get(target.id)?.mergedDuplicates.push(d.incidentId);
      addOnce(fx.audit, d.incidentId); // the merge shows in the duplicate's trail and the canonical one
      touch(fx, target.id);
      break;
    }
    case 'IncidentWithdrawn': {
      const d = event.data;
      const incident = model.incidents.get(resolveIncidentId(model, d.incidentId));
      if (!incident) break;
      incident.withdrawal = { reason: d.reason, withdrawnOn: d.withdrawnOn };
      touch(fx, incident.incidentId);
      break;
    }
    case 'CorroborationAdded': {
      const { incidentId, ...facts } = event.data;
      touch(fx, addCorroboration(model, facts, incidentId, meta));
      break;
    }
    case 'CorroborationRetracted': {
      const d = event.data;
      const c = model.corroborations.get(d.corroborationId);
      if (!c) break;
      c.retraction = { reason: d.reason, retractedOn: d.retractedOn, eventId: meta.eventId };
      touch(fx, c.incidentId);
      break;
    }
    case 'InvestigationOpened': {
      const d = event.data;
      model.investigations.set(d.investigationId, {
        investigationId: d.investigationId, investigator: d.investigator, incidentIds: d.incidentIds,
        mandate: d.mandate, openedOn: d.openedOn, outcome: null, findings: null, concludedOn: null,
        eventIds: [meta.eventId], recordedAt: meta.recordedAt,
      });
      for (const incidentId of d.incidentIds) {
        const { id, links } = linksOf(model, incidentId);
        links.investigationIds.add(d.investigationId);
        touch(fx, id);
      }
      break;
    }
    case 'InvestigationConcluded': {
      const d = event.data;
      const inv = model.investigations.get(d.investigationId);
      if (!inv) break;
      inv.outcome = d.outcome;
      inv.findings = d.findings;
      inv.concludedOn = d.concludedOn;
      inv.eventIds.push(meta.eventId);
      for (const incidentId of inv.incidentIds) touch(fx, resolveIncidentId(model, incidentId));
      break;
    }
    case 'StatementRecorded': {
      const { statementId, ...details } = event.data;
      if (model.statements.has(statementId)) break;
      const statement = { ...details, statementId, corrections: [], eventId: meta.eventId, recordedAt: meta.recordedAt };
      model.statements.set(statementId, statement);
      indexStatement(model, statement, true, fx);
      break;
    }
    case 'StatementCorrected': {
      const d = event.data;
      const statement = model.statements.get(d.statementId);
      if (!statement) break;
      // Unindex under the old speakers and incidents, then index under the corrected ones.
      indexStatement(model, statement, false, fx);
      Object.assign(statement, d.changes);
      statement.corrections.push({ changes: d.changes, reason: d.reason, correctedOn: d.correctedOn, eventId: meta.eventId });
      indexStatement(model, statement, true, fx);
      break;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
  return fx;
}
