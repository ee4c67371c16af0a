import type { IncidentDetails, IsoDate, StatementDetails } from '@app/domain';
import { type AsOf, assessedAsOf, movedSourcesOf, unchanged } from './assessed-as-of';
import { AuditTrail } from './audit-trail';
import { isoDateOf } from './dates';
import { lazyProperty } from './lazy-property';
import { spokenByAllegedUser } from './evidence';
import { corrected, graded, MapAsOf } from './map-as-of';
import type {
  Correction,
  CorroborationView,
  IncidentView,
  InvestigationView,
  RegistryModel,
  StatementView,
} from './model';
import type { SituationView } from './model';
import { createRegistryModel, resolveIncidentId } from './model';
import { ABSENT_DAY, dayNumber, type StatementColumns } from './statement-columns';
import { type Cut, type Within, withinOf } from './time-travel';

/** An incident within the cut as it stood then, with empty evidence links (linked by deriveAsOf). */
function incidentAt(view: IncidentView, within: Within): IncidentView {
  const { mergedInto, withdrawal } = view;
  const current = allWithin(view.corrections, within);
  return {
    ...view,
    details: current ? view.details : corrected<IncidentDetails>(view.details, view.corrections, within).then,
    corrections: current ? view.corrections : view.corrections.filter((c) => within(c.correctedOn, c.recordedAt)),
    mergedInto: mergedInto && within(mergedInto.mergedOn, mergedInto.recordedAt) ? mergedInto : null,
    mergedDuplicates: [],
    withdrawal: withdrawal && within(withdrawal.withdrawnOn, withdrawal.recordedAt) ? withdrawal : null,
    corroborationIds: [],
    investigationIds: new Set(),
    statementIds: [],
    formerStatementIds: [],
    userStatementIds: [],
    audit: new AuditTrail(false),
  };
}

/**
 * Whether every correction falls within the cut: the value then is the value now (the corrections, applied in
 * recording order, made it), so the live object stands for it and nothing is worked out again.
 */
const allWithin = (corrections: readonly { correctedOn: IsoDate; recordedAt: Date }[], within: Within): boolean =>
  corrections.every((c) => within(c.correctedOn, c.recordedAt));

/** A correction of the delivery date: the statement then is placed by its first one. */
const redated = (c: Correction<StatementDetails>): boolean => c.changes.deliveredOn !== undefined;

/** A corrected statement as corrected within the cut; null when it was recorded (as first delivered) outside it. */
function statementAt(s: StatementView, within: Within): StatementView | null {
  const corrections = s.corrections as unknown as Correction<StatementView>[];
  const { original, then } = corrected<StatementView>(s, corrections, within);
  if (!within(original.deliveredOn, s.recordedAt)) return null;
  then.corrections = s.corrections.filter((c) => within(c.correctedOn, c.recordedAt));
  return then;
}

/** The statement columns as of the cut: the live ones read through it, rows corrected since worked out again. */
function columnsAt(live: RegistryModel, statements: MapAsOf<StatementView>, cut: Cut): StatementColumns {
  const lastDay = cut.clock === 'KNOWN' ? dayNumber(isoDateOf(cut.at)) : Infinity;
  const lastMs = cut.clock === 'RECORDED' ? cut.at.getTime() : Infinity;
  return live.statementColumns.at(lastDay, lastMs, (view) => statements.at(view.statementId, view) ?? null);
}

/** Situations as then registered and corrected, and the resolutions then adopted (few: plain copies). */
function deriveFrames(live: RegistryModel, model: RegistryModel, within: Within): void {
  for (const [id, s] of live.situations) {
    if (!within(null, s.recordedAt)) continue;
    const corrections = s.corrections as unknown as Correction<SituationView>[];
    const then = s.corrections.length === 0 ? s : corrected<SituationView>(s, corrections, within).then;
    model.situations.set(
      id,
      then === s ? s : { ...then, corrections: s.corrections.filter((c) => within(c.correctedOn, c.recordedAt)) },
    );
  }
  for (const [id, r] of live.resolutions) if (within(r.adoptedOn, r.recordedAt)) model.resolutions.set(id, r);
}

/** Whether one of a row's first `k` incident numbers resolves to `owner` too (then it is linked once). */
function namedBefore(owners: readonly (IncidentView | undefined)[], numbers: number[], k: number, owner: IncidentView) {
  for (let j = 0; j < k; j++) if (owners[numbers[j]] === owner) return true;
  return false;
}

/**
 * The registry as of a cut, derived from the live model instead of replaying the store: on the KNOWN clock
 * what was publicly known on the day (facts by their evidence dates), on the RECORDED clock what the registry
 * held at the instant (facts by their recording times). Incidents with their details as then corrected, the
 * merges and withdrawals then made, the evidence then logged linked to them, sources as then graded,
 * statements as then corrected, and each incident assessed by the policy as of the report day.
 *
 * Made for reports (`speakOutReport`): it keeps no audit trails, idempotency keys, checkpoints or former
 * statement links, and it
 * equals a replay of the events within the cut for what they read (the tests compare the two on random
 * histories, both clocks). Read-only: it shares the live model's objects, so it is used before the next
 * event is folded. Linear in the model, plus the policy for each incident that changed after the day.
 * Null when the model holds irregular events, whose effect the cut alone cannot place.
 */
export function deriveAsOf(live: RegistryModel, cut: Cut): RegistryModel | null {
  if (live.irregularEvents > 0 || live.deferAssessments) return null;
  const within = withinOf(cut);
  const day = isoDateOf(cut.at);
  const model = createRegistryModel({
    policy: live.policy,
    keepAuditEntries: false,
    keepStatementTexts: live.keepStatementTexts,
  });
  model.latestEvidenceDate =
    live.latestEvidenceDate !== null && live.latestEvidenceDate < day ? live.latestEvidenceDate : day;
  for (const [id, source] of live.sources)
    if (within(null, source.recordedAt)) model.sources.set(id, graded(source, within));
  for (const [id, view] of live.incidents)
    if (within(view.reportedOn, view.recordedAt)) model.incidents.set(id, incidentAt(view, within));
  for (const view of model.incidents.values()) {
    if (view.mergedInto) model.mergedInto.set(view.incidentId, view.mergedInto.canonicalIncidentId);
  }
  const corroborations = new MapAsOf<CorroborationView>(
    live.corroborations,
    (c) => within(c.publishedOn, c.recordedAt),
    (c) => c.retraction !== null && !within(c.retraction.retractedOn, c.retraction.recordedAt),
    (c) => (within(c.publishedOn, c.recordedAt) ? { ...c, retraction: null } : null),
  );
  const investigations = new MapAsOf<InvestigationView>(
    live.investigations,
    (i) => within(i.openedOn, i.recordedAt),
    (i) => i.concludedOn !== null && !within(i.concludedOn, i.conclusionRecordedAt!),
    (i) =>
      within(i.openedOn, i.recordedAt)
        ? { ...i, outcome: null, findings: null, concludedOn: null, conclusionRecordedAt: null }
        : null,
  );
  const statements = new MapAsOf<StatementView>(
    live.statements,
    (s) => within(s.deliveredOn, s.recordedAt),
    // A delivery date corrected: the statement then is placed by its first one (statementAt). Otherwise it is
    // placed by the one it has now: outside the cut, it is absent whatever its corrections.
    (s) =>
      s.corrections.length > 0 &&
      (s.corrections.some(redated) || (within(s.deliveredOn, s.recordedAt) && !allWithin(s.corrections, within))),
    (s) => statementAt(s, within),
  );
  model.corroborations = corroborations;
  model.investigations = investigations;
  model.statements = statements;
  const movedSources = movedSourcesOf(live, model);
  const corroborationsMoved = new Set<string>();
  deriveFrames(live, model, within);
  // Evidence logged against an incident outside the cut has no incident to count for (an orphan in a replay).
  // Each id resolved once (a million statements name ten thousand incidents).
  const owners = new Map<string, IncidentView | undefined>();
  for (const id of live.incidents.keys()) owners.set(id, model.incidents.get(resolveIncidentId(model, id)));
  const ownerOf = (rawId: string) => owners.get(rawId);
  // forEach, not for-of: no [key, value] pair per corroboration (hundreds of thousands of them).
  live.corroborations.forEach((c, id) => {
    const then = corroborations.at(id, c);
    if (then !== c || (movedSources.size > 0 && movedSources.has(c.sourceId))) corroborationsMoved.add(c.incidentId);
    const owner = ownerOf(c.originalIncidentId);
    if (owner && then) owner.corroborationIds.push(id);
  });
  for (const [id, i] of live.investigations) {
    if (investigations.at(id, i)) for (const rawId of i.incidentIds) ownerOf(rawId)?.investigationIds.add(id);
  }
  // The alleged users' own statements are linked now (the policy reads them). Each incident's full statement
  // list only when first read: a report on much of the registry scans the statements instead.
  const userCodes = new Set<string>();
  for (const incident of model.incidents.values())
    for (const code of incident.details.allegedUser.stateCodes) userCodes.add(code);
  const columns = columnsAt(live, statements, cut);
  model.statementColumns = columns;
  const users = new Uint8Array(columns.stateCodes.length);
  for (const code of userCodes) {
    const number = columns.stateNumber(code);
    if (number !== undefined) users[number] = 1;
  }
  // By incident number in the columns (a row names its incidents by number): the incident it counts for then.
  const ownerByNumber = columns.incidentIds.map(ownerOf);
  const numbers: number[] = [];
  const lists = new Map<IncidentView, string[]>();
  const link = (usersOnly: boolean) => {
    for (let row = 0; row < columns.length; row++) {
      if (columns.dayOf(row) === ABSENT_DAY || (usersOnly && !columns.spokenByAny(row, users))) continue;
      const named = columns.incidentNumbersInto(row, numbers);
      for (let k = 0; k < named; k++) {
        const owner = ownerByNumber[numbers[k]];
        if (!owner || namedBefore(ownerByNumber, numbers, k, owner)) continue;
        const then = columns.view(row);
        if (!usersOnly) {
          let list = lists.get(owner);
          if (!list) lists.set(owner, (list = []));
          list.push(then.statementId);
        } else if (spokenByAllegedUser(then.speakers, owner.details.allegedUser.stateCodes))
          owner.userStatementIds.push(then.statementId);
      }
    }
  };
  link(true);
  let linkedAll = false;
  const listOf = (incident: IncidentView) => {
    if (!linkedAll) link(false);
    linkedAll = true;
    return lists.get(incident) ?? [];
  };
  for (const incident of model.incidents.values()) lazyProperty(incident, 'statementIds', () => listOf(incident));
  const asOf: AsOf = { live, investigations, statements, movedSources, corroborationsMoved };
  for (const incident of model.incidents.values()) {
    if (incident.mergedInto) continue;
    const now = live.incidents.get(incident.incidentId)!;
    // The policy runs only where something about the incident changed after the cut or is dated after the day.
    if (unchanged(asOf, now, incident, day)) continue;
    const { assessment, history, statusOnDates } = assessedAsOf(live, now, model, incident, day);
    incident.assessment = assessment;
    incident.statusHistory = history;
    incident.statusOnDates = statusOnDates;
  }
  model.assessedOn = day;
  return model;
}
