import { assessWithHistory } from '@app/domain';
import type { IncidentDetails, IsoDate } from '@app/domain';
import { asCorrectedOn, gradedOn, StatementsOn } from './as-of-day';
import { AuditTrail } from './audit-trail';
import { buildEvidence, spokenByAllegedUser } from './evidence';
import type { IncidentView, RegistryModel } from './model';
import { createRegistryModel, resolveIncidentId } from './model';

/** An incident alleged on or before `day` as it stood then, with empty evidence links (linked by knownOn). */
function incidentOn(view: IncidentView, day: IsoDate): IncidentView {
  const corrected = view.corrections.length === 0 ? view.details : asCorrectedOn<IncidentDetails>(view.details, view.corrections, day).then;
  return {
    ...view,
    details: corrected,
    corrections: view.corrections.filter((c) => c.correctedOn <= day),
    mergedInto: view.mergedInto && view.mergedInto.mergedOn <= day ? view.mergedInto : null,
    mergedDuplicates: [],
    withdrawal: view.withdrawal && view.withdrawal.withdrawnOn <= day ? view.withdrawal : null,
    corroborationIds: [], investigationIds: new Set(), statementIds: [], formerStatementIds: [], userStatementIds: [],
    audit: new AuditTrail(false),
  };
}

/**
 * Whether an incident stood on the day as it stands now (`then` as derived, `now` live): no correction,
 * withdrawal, merge, regrade of its sources, retraction or conclusion dated after the day, and the same
 * evidence linked (`then`'s is a subset of `now`'s, so equal sizes mean equal sets). Its live assessment
 * is then its assessment on the day: every evidence date is on or before it, so a cut there changes nothing.
 */
function unchangedSince(live: RegistryModel, now: IncidentView, derived: RegistryModel, then: IncidentView, day: IsoDate): boolean {
  if (then.corrections.length !== now.corrections.length || then.withdrawal !== now.withdrawal || then.mergedInto !== now.mergedInto) {
    return false;
  }
  if (then.corroborationIds.length !== now.corroborationIds.length || then.investigationIds.size !== now.investigationIds.size
    || then.userStatementIds.length !== now.userStatementIds.length) return false;
  for (const id of now.corroborationIds) {
    const c = live.corroborations.get(id);
    if (!c || (c.retraction !== null && c.retraction.retractedOn > day)) return false;
    if (derived.sources.get(c.sourceId) !== live.sources.get(c.sourceId)) return false;
  }
  for (const id of now.investigationIds) {
    const concludedOn = live.investigations.get(id)?.concludedOn ?? null;
    if (concludedOn !== null && concludedOn > day) return false;
  }
  // A statement corrected at all is a new object in the derived model: those incidents are assessed again.
  for (const id of now.userStatementIds) if (derived.statements.get(id) !== live.statements.get(id)) return false;
  return true;
}

/**
 * The registry as publicly known on `day` (the KNOWN clock), derived from the live model by the dates it
 * keeps instead of replaying the store: incidents alleged by the day, with their details as then corrected,
 * the merges dated by then, the evidence dated by then linked to them, sources as then graded, statements
 * delivered by then as then corrected, and each incident assessed as of the day. Made for reports
 * (`speakOutReport`): it holds no audit trails, idempotency keys or checkpoints, and it equals a replay of the
 * events dated up to the day for what those read (the tests compare the two on random histories).
 * Linear in the model (one pass over statements, corroborations and investigations) plus the policy once
 * per incident. Null when the model holds irregular events, whose effect a date alone cannot place.
 */
export function knownOn(live: RegistryModel, day: IsoDate): RegistryModel | null {
  if (live.irregularEvents > 0 || live.deferAssessments) return null;
  const model = createRegistryModel({ policy: live.policy, keepAuditEntries: false, keepStatementTexts: live.keepStatementTexts });
  model.latestEvidenceDate = live.latestEvidenceDate !== null && live.latestEvidenceDate < day ? live.latestEvidenceDate : day;
  // Read-only here: their dates (retractions, conclusions) are cut by the policy as of the day.
  model.corroborations = live.corroborations;
  model.investigations = live.investigations;
  for (const [id, source] of live.sources) model.sources.set(id, gradedOn(source, day));
  // Assessed below: as they stand live where nothing about them is dated after the day, else by the policy as of the day.
  for (const [id, view] of live.incidents) if (view.reportedOn <= day) model.incidents.set(id, incidentOn(view, day));
  for (const view of model.incidents.values()) {
    if (view.mergedInto) model.mergedInto.set(view.incidentId, view.mergedInto.canonicalIncidentId);
  }
  // Evidence logged against an incident not alleged by the day has no incident to count for (an orphan in a replay).
  const ownerOf = (rawId: string) => model.incidents.get(resolveIncidentId(model, rawId));
  for (const c of live.corroborations.values()) {
    if (c.publishedOn <= day) ownerOf(c.originalIncidentId)?.corroborationIds.push(c.corroborationId);
  }
  for (const inv of live.investigations.values()) {
    if (inv.openedOn > day) continue;
    for (const rawId of inv.incidentIds) ownerOf(rawId)?.investigationIds.add(inv.investigationId);
  }
  const statements = new StatementsOn(live.statements, day);
  model.statements = statements;
  for (const s of live.statements.values()) {
    const then = statements.on(s);
    if (!then) continue;
    const ids = then.incidentIds;
    for (let i = 0; i < ids.length; i++) {
      const owner = ownerOf(ids[i]);
      // Two ids of one statement may resolve to the same incident: link it once.
      if (!owner || (i > 0 && ids.slice(0, i).some((id) => ownerOf(id) === owner))) continue;
      owner.statementIds.push(then.statementId);
      if (spokenByAllegedUser(then.speakers, owner.details.allegedUser.stateCodes)) owner.userStatementIds.push(then.statementId);
    }
  }
  for (const incident of model.incidents.values()) {
    if (incident.mergedInto) continue;
    const now = live.incidents.get(incident.incidentId)!;
    // The policy runs only where something about the incident is dated after the day.
    if (unchangedSince(live, now, model, incident, day)) continue;
    const { assessment, history } = assessWithHistory(buildEvidence(model, incident), model.policy, day);
    incident.assessment = assessment;
    incident.statusHistory = history;
  }
  model.assessedOn = day;
  return model;
}
