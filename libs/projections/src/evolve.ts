import { STATEMENT_KINDS, VENUES } from '@app/domain';
import type { Assessment, CorroborationFacts, RegistryEvent, SourcesMerged, StatementDetails } from '@app/domain';
import { inferStateCode, organisationOf } from './source-identity';
import { AuditTrail } from './audit-trail';
import { TEXTS_IN_STORE } from './statement-texts';
import { reassessIncident } from './assess-incident';
import { spokenByAllegedUser } from './evidence';
import type { Correction, IncidentLinks, IncidentView, RegistryModel, StatementView } from './model';
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

/** Removes an id from an id list that holds it at most once (as Set.delete). */
function remove(list: string[], id: string): void {
  const at = list.indexOf(id);
  if (at >= 0) list.splice(at, 1);
}

export interface EventMeta {
  eventId: string;
  recordedAt: Date;
}

/** Placeholder until the policy has run (immediately, or at `settleRegistry` in bulk mode). */
const UNASSESSED: Assessment = {
  status: 'ALLEGED',
  readiness: 'NONE',
  rule: 'NOT_ASSESSED',
  reasons: [],
  evidenceIds: [],
  missing: [],
  independentSupportingSources: 0,
  independentCorroboratingSources: 0,
  statusSince: null,
  policyVersion: '',
};

const emptyLinks = (model: RegistryModel): IncidentLinks => ({
  corroborationIds: [],
  investigationIds: new Set(),
  statementIds: [],
  formerStatementIds: [],
  audit: new AuditTrail(model.keepAuditEntries),
});

/** Shared by every statement until its first correction (a copy is made then): most are never corrected. */
const NO_CORRECTIONS: Correction<StatementDetails>[] = Object.freeze([]) as unknown as Correction<StatementDetails>[];

/** Rebuilds the incident's list of the alleged user's statements (after its user or its links changed wholesale). */
function refreshUserStatements(model: RegistryModel, incident: IncidentView): void {
  const codes = incident.details.allegedUser.stateCodes;
  incident.userStatementIds = [];
  for (const sid of incident.statementIds) {
    const s = model.statements.get(sid);
    if (s && spokenByAllegedUser(s.speakers, codes)) incident.userStatementIds.push(sid);
  }
}

/** The canonical incident's links, or the orphan links kept for an incident not (yet) in the model. */
function linksOf(model: RegistryModel, incidentId: string): { id: string; links: IncidentLinks } {
  const id = resolveIncidentId(model, incidentId);
  const incident = model.incidents.get(id);
  if (incident) return { id, links: incident };
  let orphan = model.orphans.get(id);
  if (!orphan) model.orphans.set(id, (orphan = emptyLinks(model)));
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
  for (const id of from.statementIds) addOnce(into.statementIds, id);
  for (const id of from.formerStatementIds) if (!into.formerStatementIds.includes(id)) into.formerStatementIds.push(id);
  into.audit.absorb(from.audit);
  const incident = model.incidents.get(intoId);
  if (incident) refreshUserStatements(model, incident);
}

/** The values of `changes`' keys in `current`: what a correction replaces. */
function replaced<T extends object>(current: T, changes: Partial<T>): Partial<T> {
  const before: Partial<T> = {};
  for (const key of Object.keys(changes) as (keyof T)[]) before[key] = current[key];
  return before;
}

function addCorroboration(model: RegistryModel, facts: CorroborationFacts, incidentId: string, meta: EventMeta) {
  if (model.corroborations.has(facts.corroborationId)) model.irregularEvents++;
  const { id, links } = linksOf(model, incidentId);
  // Spelled out rather than spread: one object shape for every corroboration keeps the fold fast.
  model.corroborations.set(facts.corroborationId, {
    corroborationId: facts.corroborationId,
    sourceId: facts.sourceId,
    stance: facts.stance,
    evidenceKinds: facts.evidenceKinds,
    publishedOn: facts.publishedOn,
    citation: facts.citation,
    derivedFrom: facts.derivedFrom,
    summary: facts.summary,
    credibility: facts.credibility,
    geolocationPrecisionMeters: facts.geolocationPrecisionMeters,
    incidentId: id,
    originalIncidentId: incidentId,
    retraction: null,
    eventId: meta.eventId,
    recordedAt: meta.recordedAt,
  });
  if (!links.corroborationIds.includes(facts.corroborationId)) links.corroborationIds.push(facts.corroborationId);
  let bySource = model.corroborationsBySource.get(facts.sourceId);
  if (!bySource) model.corroborationsBySource.set(facts.sourceId, (bySource = new Set()));
  bySource.add(facts.corroborationId);
  return id;
}

/**
 * Adds a statement to (or removes it from) the lists of its States and incidents. Id lists, not sets:
 * a push is far cheaper than a set insert, and a statement is never in a list when it is added (a new
 * one is in none; a corrected one was removed first), so only its own repeated ids need skipping.
 * `speakersToo` false leaves the States' lists alone (a correction that keeps the speakers).
 */
function indexStatement(
  model: RegistryModel,
  s: StatementDetails & { statementId: string },
  add: boolean,
  fx: EventEffect,
  speakersToo = true,
) {
  const speakers = s.speakers;
  for (let i = 0; speakersToo && i < speakers.length; i++) {
    const code = speakers[i];
    if (i > 0 && speakers.indexOf(code) < i) continue;
    let list = model.statementsByState.get(code);
    if (!list) model.statementsByState.set(code, (list = []));
    if (add) list.push(s.statementId);
    else remove(list, s.statementId);
  }
  const incidentIds = s.incidentIds;
  let seen: string[] | null = null;
  for (let i = 0; i < incidentIds.length; i++) {
    const { id, links } = linksOf(model, incidentIds[i]);
    if (incidentIds.length > 1) {
      // Two ids of one statement may name (or resolve to) the same incident: list it once.
      if ((seen ??= []).includes(id)) continue;
      seen.push(id);
    }
    const incident = model.incidents.get(id);
    // Only the alleged user's own words can change an assessment.
    const byUser = incident !== undefined && spokenByAllegedUser(speakers, incident.details.allegedUser.stateCodes);
    if (add) {
      links.statementIds.push(s.statementId);
      if (byUser) incident.userStatementIds.push(s.statementId);
    } else {
      remove(links.statementIds, s.statementId);
      if (incident) remove(incident.userStatementIds, s.statementId);
    }
    addOnce(fx.audit, id);
    if (byUser) addOnce(fx.reassess, id);
  }
}

/** One copy of each kind and venue name (the parser makes a new string for each of the longer ones). */
const NAMES = new Map<string, string>([...STATEMENT_KINDS, ...VENUES].map((name) => [name, name]));
const oneCopy = <T extends string>(name: T): T => (NAMES.get(name) as T | undefined) ?? name;

/**
 * Lists of one id, shared by every statement that has the same one (most name one speaker and one
 * incident). Frozen: a correction replaces a list, never changes it.
 */
function sharedSingle(lists: Map<string, string[]>, id: string): string[] {
  let shared = lists.get(id);
  if (!shared) lists.set(id, (shared = Object.freeze([id]) as string[]));
  return shared;
}

/** Incident ids as the model spells them (one copy of each string); the event's own list is left as it is. */
function incidentIdsOf(model: RegistryModel, ids: string[]): string[] {
  const known = (id: string) => model.incidents.get(id)?.incidentId ?? id;
  return ids.length === 1 ? sharedSingle(model.sharedLists, known(ids[0])) : ids.map(known);
}

/** The statement's own view, one shape for all (no spread copies), sharing what many statements repeat. */
function statementView(
  model: RegistryModel,
  d: StatementDetails & { statementId: string },
  meta: EventMeta,
): StatementView {
  const incidentIds = incidentIdsOf(model, d.incidentIds);
  const speakers = d.speakers.length === 1 ? sharedSingle(model.sharedLists, d.speakers[0]) : d.speakers;
  const texts = model.keepStatementTexts ? d : TEXTS_IN_STORE;
  return {
    statementId: d.statementId,
    seq: model.statements.size,
    revision: 0,
    speakers,
    onBehalfOf: d.onBehalfOf,
    kind: oneCopy(d.kind),
    venue: oneCopy(d.venue),
    deliveredOn: d.deliveredOn,
    incidentIds,
    namesUser: d.namesUser,
    quote: texts.quote,
    citation: texts.citation,
    scope: d.scope,
    corrections: NO_CORRECTIONS,
    eventId: meta.eventId,
    recordedAt: meta.recordedAt,
  };
}

function touch(fx: EventEffect, id: string): void {
  addOnce(fx.reassess, id);
  addOnce(fx.audit, id);
}

/**
 * A duplicate source folded into its canonical one: the canonical source learns the duplicate's name as an
 * alias, and every incident whose evidence comes from an organisation that changes is re-assessed.
 */
function mergeSources(model: RegistryModel, d: SourcesMerged['data'], meta: EventMeta, fx: EventEffect): void {
  const duplicate = model.sources.get(d.sourceId);
  const canonical = model.sources.get(d.canonicalSourceId);
  if (!duplicate || !canonical) return;
  duplicate.mergedInto = {
    canonicalSourceId: d.canonicalSourceId,
    reason: d.reason,
    mergedOn: d.mergedOn,
    recordedAt: meta.recordedAt,
  };
  canonical.mergedDuplicates.push(d.sourceId);
  for (const name of [duplicate.name, ...duplicate.aliases]) {
    if (name !== canonical.name && !canonical.aliases.includes(name)) canonical.aliases.push(name);
  }
  for (const s of model.sources.values()) {
    if (organisationOf(model, s.sourceId) !== organisationOf(model, d.canonicalSourceId)) continue;
    for (const cid of model.corroborationsBySource.get(s.sourceId) ?? []) {
      const c = model.corroborations.get(cid);
      if (c) touch(fx, c.incidentId);
    }
  }
  for (const inv of model.investigations.values()) {
    const by = inv.investigator.sourceId;
    if (by === undefined || organisationOf(model, by) !== organisationOf(model, d.canonicalSourceId)) continue;
    for (const incidentId of inv.incidentIds) touch(fx, resolveIncidentId(model, incidentId));
  }
}

/** Folds one upcast event into the model in place. */
export function applyEvent(model: RegistryModel, event: RegistryEvent, meta: EventMeta, fx: EventEffect): void {
  switch (event.type) {
    case 'SourceRegistered': {
      const d = event.data;
      const stateCode = d.stateCode ?? inferStateCode(d.kind, d.name);
      model.sources.set(d.sourceId, {
        sourceId: d.sourceId,
        revision: 0,
        name: d.name,
        kind: d.kind,
        grade: d.grade,
        homepage: d.homepage,
        grades: [{ grade: d.grade, previousGrade: null, regradedOn: null, reason: null, ...meta }],
        recordedAt: meta.recordedAt,
        stateCode,
        stateCodeUnresolved: d.kind === 'STATE' && stateCode === null,
        parentOrganisation: d.parentOrganisation ?? null,
        aliases: d.aliases ?? [],
        mergedInto: null,
        mergedDuplicates: [],
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
      source.grades.push({
        grade: d.grade,
        previousGrade: d.previousGrade,
        regradedOn: d.regradedOn,
        reason: d.reason,
        ...meta,
      });
      for (const cid of model.corroborationsBySource.get(d.sourceId) ?? []) {
        const c = model.corroborations.get(cid);
        if (c) touch(fx, c.incidentId);
      }
      // An investigator's grade decides whether its conclusion stands alone.
      for (const inv of model.investigations.values()) {
        if (inv.investigator.sourceId !== d.sourceId) continue;
        for (const incidentId of inv.incidentIds) touch(fx, resolveIncidentId(model, incidentId));
      }
      break;
    }
    case 'SourcesMerged': {
      mergeSources(model, event.data, meta, fx);
      break;
    }
    case 'UseAlleged': {
      const { incidentId, reportedOn, firstCorroboration, ...details } = event.data;
      if (model.incidents.has(incidentId)) break; // a replayed allegation changes nothing
      const incident: IncidentView = {
        incidentId,
        revision: 0,
        details,
        reportedOn,
        corrections: [],
        mergedInto: null,
        mergedDuplicates: [],
        withdrawal: null,
        ...emptyLinks(model),
        userStatementIds: [],
        assessment: UNASSESSED,
        statusHistory: [],
        statusOnDates: [],
        eventId: meta.eventId,
        recordedAt: meta.recordedAt,
      };
      model.incidents.set(incidentId, incident);
      const orphan = model.orphans.get(incidentId);
      if (orphan) {
        model.orphans.delete(incidentId);
        fold(model, orphan, incident, incidentId);
      }
      if (model.knownOn === null || firstCorroboration.publishedOn <= model.knownOn)
        addCorroboration(model, firstCorroboration, incidentId, meta);
      touch(fx, incidentId);
      break;
    }
    case 'IncidentCorrected': {
      const d = event.data;
      const incident = model.incidents.get(resolveIncidentId(model, d.incidentId));
      if (!incident) break;
      if (incident.incidentId !== d.incidentId) model.irregularEvents++;
      const before = replaced(incident.details, d.changes);
      incident.details = { ...incident.details, ...d.changes };
      incident.corrections.push({
        changes: d.changes,
        before,
        reason: d.reason,
        correctedOn: d.correctedOn,
        eventId: meta.eventId,
        recordedAt: meta.recordedAt,
      });
      if (d.changes.allegedUser !== undefined) refreshUserStatements(model, incident);
      touch(fx, incident.incidentId);
      break;
    }
    case 'IncidentMergedInto': {
      const d = event.data;
      const duplicate = model.incidents.get(d.incidentId);
      const target = linksOf(model, d.canonicalIncidentId);
      if (!duplicate || target.id === d.incidentId) break; // unknown, or a merge into itself
      if (duplicate.mergedInto || !model.incidents.has(target.id)) model.irregularEvents++;
      // The duplicate's own assessment stays as it stood at the merge, in bulk mode as live.
      if (model.dirty.delete(d.incidentId)) reassessIncident(model, duplicate);
      duplicate.mergedInto = {
        canonicalIncidentId: d.canonicalIncidentId,
        reason: d.reason,
        mergedOn: d.mergedOn,
        recordedAt: meta.recordedAt,
      };
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
      if (incident.incidentId !== d.incidentId || incident.withdrawal) model.irregularEvents++;
      incident.withdrawal = { reason: d.reason, withdrawnOn: d.withdrawnOn, recordedAt: meta.recordedAt };
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
      if (c.retraction) model.irregularEvents++;
      c.retraction = {
        reason: d.reason,
        retractedOn: d.retractedOn,
        eventId: meta.eventId,
        recordedAt: meta.recordedAt,
      };
      touch(fx, c.incidentId);
      break;
    }
    case 'InvestigationOpened': {
      const d = event.data;
      if (model.investigations.has(d.investigationId)) model.irregularEvents++;
      model.investigations.set(d.investigationId, {
        investigationId: d.investigationId,
        revision: 0,
        investigator: d.investigator,
        incidentIds: d.incidentIds,
        mandate: d.mandate,
        openedOn: d.openedOn,
        outcome: null,
        findings: null,
        concludedOn: null,
        conclusionRecordedAt: null,
        eventIds: [meta.eventId],
        recordedAt: meta.recordedAt,
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
      if (inv.concludedOn !== null) model.irregularEvents++;
      inv.outcome = d.outcome;
      inv.findings = d.findings;
      inv.concludedOn = d.concludedOn;
      inv.conclusionRecordedAt = meta.recordedAt;
      inv.eventIds.push(meta.eventId);
      for (const incidentId of inv.incidentIds) touch(fx, resolveIncidentId(model, incidentId));
      break;
    }
    case 'StatementRecorded': {
      if (model.statements.has(event.data.statementId)) break;
      const statement = statementView(model, event.data, meta);
      model.statements.set(statement.statementId, statement);
      indexStatement(model, statement, true, fx);
      break;
    }
    case 'StatementCorrected': {
      const d = event.data;
      const statement = model.statements.get(d.statementId);
      if (!statement) break;
      // Unindex under the old speakers and incidents, then index under the corrected ones.
      const before = statement.incidentIds.map((id) => resolveIncidentId(model, id));
      // The States' lists stay in recording order unless the speakers change.
      const speakersChange = d.changes.speakers !== undefined;
      indexStatement(model, statement, false, fx, speakersChange);
      const replacedValues = replaced<StatementDetails>(statement, d.changes);
      Object.assign(statement, d.changes);
      if (!model.keepStatementTexts) Object.assign(statement, TEXTS_IN_STORE);
      statement.corrections = [
        ...statement.corrections,
        {
          changes: d.changes,
          before: replacedValues,
          reason: d.reason,
          correctedOn: d.correctedOn,
          eventId: meta.eventId,
          recordedAt: meta.recordedAt,
        },
      ];
      indexStatement(model, statement, true, fx, speakersChange);
      for (const id of before) {
        const links = model.incidents.get(id) ?? model.orphans.get(id);
        if (links && !links.statementIds.includes(d.statementId) && !links.formerStatementIds.includes(d.statementId)) {
          links.formerStatementIds.push(d.statementId);
        }
      }
      break;
    }
    case 'SituationRegistered': {
      const { situationId, ...details } = event.data;
      if (model.situations.has(situationId)) {
        model.irregularEvents++;
        break;
      }
      model.situations.set(situationId, { ...details, situationId, revision: 0, corrections: [], ...meta });
      break;
    }
    case 'SituationCorrected': {
      const d = event.data;
      const situation = model.situations.get(d.situationId);
      if (!situation) break;
      const before = replaced(situation, d.changes);
      Object.assign(situation, d.changes);
      situation.corrections = [
        ...situation.corrections,
        {
          changes: d.changes,
          before,
          reason: d.reason,
          correctedOn: d.correctedOn,
          eventId: meta.eventId,
          recordedAt: meta.recordedAt,
        },
      ];
      break;
    }
    case 'ResolutionVoteRecorded': {
      const { resolutionId, ...details } = event.data;
      if (model.resolutions.has(resolutionId)) {
        model.irregularEvents++;
        break;
      }
      model.resolutions.set(resolutionId, { ...details, resolutionId, revision: 0, ...meta });
      break;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
