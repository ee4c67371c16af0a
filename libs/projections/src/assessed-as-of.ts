import { assessOnHistory, assessWithHistory, knownBy } from '@app/domain';
import type { AssessedWithHistory, IncidentEvidence, IsoDate } from '@app/domain';
import { buildEvidence } from './evidence';
import type { MapAsOf } from './map-as-of';
import type { IncidentView, InvestigationView, RegistryModel, StatementView } from './model';
import { sameData } from './same-data';

/*
 * For deriveAsOf: whether an incident stood at the cut as it stands now (then its live assessment is kept), and
 * its assessment as of the day when not.
 */

/** The source, and every source on its way to its organisation (merges, parents), as it stands now. */
function sameOrganisation(live: RegistryModel, derived: RegistryModel, sourceId: string): boolean {
  let id: string | null | undefined = sourceId;
  for (let i = 0; i < 64 && id; i++) {
    const now = live.sources.get(id);
    if (derived.sources.get(id) !== now) return false;
    id = now?.mergedInto?.canonicalSourceId ?? now?.parentOrganisation;
  }
  return true;
}

/** What `unchanged` reads, worked out once per derivation. */
export interface AsOf {
  live: RegistryModel;
  investigations: MapAsOf<InvestigationView>;
  statements: MapAsOf<StatementView>;
  /** Sources not standing at the cut as they stand now, on their way to their organisation (few or none). */
  movedSources: ReadonlySet<string>;
  /**
   * Live incidents holding a corroboration that is not, at the cut, the very one held now (absent from it,
   * retracted since) or whose source moved: a corroboration's `incidentId` is the incident whose list holds it.
   */
  corroborationsMoved: ReadonlySet<string>;
}

export function movedSourcesOf(live: RegistryModel, derived: RegistryModel): Set<string> {
  const moved = new Set<string>();
  for (const id of live.sources.keys()) if (!sameOrganisation(live, derived, id)) moved.add(id);
  return moved;
}

/**
 * Whether an incident stood at the cut as it stands now (`then` as derived, `now` live): the same details,
 * merge and withdrawal, the very same evidence objects and sources (a value changed by the cut is a copy),
 * and no evidence date after the report day, by the policy's own list of dates (publication, retraction,
 * opening, conclusion, delivery, withdrawal and the regrades, each in effect from its date). Its live
 * assessment is then its assessment on the day: the policy's cut there changes nothing. A regrade recorded
 * before a RECORDED cut but dated after its day keeps the live source object, so only its date tells.
 */
export function unchanged(asOf: AsOf, now: IncidentView, then: IncidentView, day: IsoDate): boolean {
  // The evidence then must be the very evidence its live assessment was made from, whose dates were kept with
  // it (the latest checked first: it is the cheap test, and most incidents that changed after the day fail it).
  const latest = now.statusOnDates.at(-1)?.on;
  if (latest !== undefined && latest > day) return false;
  if (
    then.corrections.length !== now.corrections.length ||
    then.withdrawal !== now.withdrawal ||
    then.mergedInto !== now.mergedInto
  )
    return false;
  if (
    then.corroborationIds.length !== now.corroborationIds.length ||
    then.investigationIds.size !== now.investigationIds.size ||
    then.userStatementIds.length !== now.userStatementIds.length
  )
    return false;
  if (asOf.corroborationsMoved.has(now.incidentId)) return false;
  const { live } = asOf;
  for (const id of now.investigationIds) {
    const i = live.investigations.get(id);
    if (!i || asOf.investigations.at(id, i) !== i) return false;
    const by = i.investigator.sourceId;
    if (by !== undefined && asOf.movedSources.has(by)) return false;
  }
  for (const id of now.userStatementIds) {
    const s = live.statements.get(id);
    if (!s || asOf.statements.at(id, s) !== s) return false;
  }
  return true;
}

const sameKnownBy = (a: IncidentEvidence, b: IncidentEvidence, day: IsoDate): boolean =>
  sameData(knownBy(a, day), knownBy(b, day));

/**
 * An incident's assessment and status history as of the day (`then` as derived, `now` live). When its evidence
 * then and its live evidence are equal once both are cut to what was known by the day (`knownBy`: later
 * publications, retractions, conclusions and regrades left out, by the policy's own cut), the policy gives
 * them the same status on every day up to it: the live status history (and status on each evidence date) up to
 * the day is the one then, and the policy runs once, on the day. Otherwise it runs on every evidence date. A
 * live incident merged since keeps the assessment it had at its merge, not one of its evidence now: never taken.
 */
export function assessedAsOf(
  live: RegistryModel,
  now: IncidentView,
  derived: RegistryModel,
  then: IncidentView,
  day: IsoDate,
): AssessedWithHistory {
  const evidence = buildEvidence(derived, then);
  if (!now.mergedInto && sameKnownBy(evidence, buildEvidence(live, now), day)) {
    const history = now.statusHistory.filter((change) => change.on <= day);
    const statusOnDates = now.statusOnDates.filter((status) => status.on <= day);
    return assessOnHistory(evidence, derived.policy, day, history, statusOnDates);
  }
  return assessWithHistory(evidence, derived.policy, day);
}
