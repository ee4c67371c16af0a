import {
  prng,
  CREDIBILITIES,
  EVIDENCE_KINDS,
  INVESTIGATOR_KINDS,
  OUTCOMES,
  STATEMENT_KINDS,
  VENUES,
  type Grade,
  type IncidentDetails,
  type StatementDetails,
} from '@app/domain';
import { RESOLUTION_KINDS, VOTES, type StatementScope } from '@app/domain';
import { allege, corroborate, corroboration, EventLog, source, statement } from './event-log.fixtures';

const DAY_ZERO = Date.parse('2015-01-01T00:00:00Z');
export const dayOf = (n: number): string => new Date(DAY_ZERO + n * 86_400_000).toISOString().slice(0, 10);
const SPEAKERS = ['GBR', 'FRA', 'DEU', 'IRL', 'NOR', 'BEN', 'USA', 'SAU', 'RUS', 'SYR'];
const USERS: IncidentDetails['allegedUser'][] = [
  { kind: 'STATE', stateCodes: ['RUS'] },
  { kind: 'STATE', stateCodes: ['SYR'] },
  { kind: 'COALITION', stateCodes: ['SAU'], name: 'Saudi-led coalition' },
];
const COUNTRIES = ['YEM', 'SYR', 'UKR'];
export const SITUATIONS = ['sit-a', 'sit-b'];
/** A scope of each level, or none (a statement of before scopes existed). */
const SCOPES: (StatementScope | undefined)[] = [
  undefined,
  undefined,
  { situationIds: ['sit-a'] },
  { situationIds: ['sit-b', 'sit-a'] },
  { allegedUser: { stateCodes: ['RUS'] } },
  { allegedUser: { stateCodes: [], name: 'saudi-led COALITION' } },
  { generic: true },
];

/**
 * A random history the deciders could have produced (no command on a merged duplicate, one withdrawal,
 * retraction and conclusion at most, ids never reused), recorded in one order and dated in another:
 * evidence dates and recording times are both drawn over four years, independently, so backfills, corrections,
 * merges and regrades dated (and recorded) before and after any day are all common. With `lagDays`, as a registry
 * kept up to date records them: four dates in five up to that many days before the day they are recorded, the
 * fifth drawn over the four years (a backfill, or a date still to come).
 */
export function randomHistory(seed: number, steps = 160, options: { lagDays?: number } = {}): EventLog {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  // Recorded over the same four years as the evidence dates, in order (a minute apart at least).
  let clock = DAY_ZERO;
  const { lagDays } = options;
  const date = () =>
    lagDays === undefined || rnd() < 0.2
      ? dayOf(Math.floor(rnd() * 1460))
      : dayOf(Math.max(0, Math.floor((clock - DAY_ZERO) / 86_400_000 - rnd() * lagDays)));
  const log = new EventLog();
  const record = (event: Parameters<EventLog['add']>[0]) => {
    clock += 60_000 + Math.floor(rnd() * ((1460 * 86_400_000) / steps) * 2);
    log.add(event, { recordedAt: new Date(clock).toISOString() });
  };
  const sources = ['amnesty', 'hrw', 'daily', 'un', 'RUS', 'SAU', 'GBR', 'hrw-yemen'];
  const grades = new Map<string, Grade>();
  const isState = (id: string) => id.length === 3 && id === id.toUpperCase();
  for (const id of sources) {
    const grade = pick(['A', 'B', 'C', 'D'] as const);
    grades.set(id, grade);
    // An office of an organisation (independence is judged by the organisation); GBR registered with its code.
    const more = {
      ...(id === 'hrw-yemen' && { parentOrganisation: 'hrw' }),
      ...(id === 'GBR' && { stateCode: 'GBR' }),
    };
    const registered = source(id, id, grade, isState(id) ? 'STATE' : 'NGO');
    record({ ...registered, data: { ...registered.data, ...more } } as typeof registered);
  }
  // Sources not (yet) merged into another: only these are merged, or merged into (no cycle).
  const unmerged = new Set(sources);
  for (const id of SITUATIONS) {
    record({
      type: 'SituationRegistered',
      data: {
        situationId: id,
        name: id,
        countryCodes: [pick(COUNTRIES)],
        allegedUsers: [pick(USERS)],
        period: { from: date() },
      },
    });
  }
  const situation = () => (rnd() < 0.7 ? { situationId: pick(SITUATIONS) } : {});
  const scope = () => {
    const picked = pick(SCOPES);
    return picked === undefined ? {} : { scope: picked };
  };
  const live: string[] = [];
  const unwithdrawn = new Set<string>();
  const corroborations: string[] = [];
  const open: string[] = [];
  const statements: string[] = [];
  let n = 0;
  const facts = () =>
    corroboration(`c${++n}`, pick(sources), date(), {
      stance: rnd() < 0.85 ? 'SUPPORTS' : 'DISPUTES',
      evidenceKinds: EVIDENCE_KINDS.filter(() => rnd() < 0.25),
      ...(corroborations.length > 0 && rnd() < 0.1 ? { derivedFrom: pick(corroborations) } : {}),
      ...(rnd() < 0.4 && { credibility: pick(CREDIBILITIES) }),
      ...(rnd() < 0.2 && { geolocationPrecisionMeters: pick([30, 300, 3000]) }),
    });
  // Producers and suppliers: interested parties under policy 2.0.0, like the alleged user.
  const munition = () => ({
    type: 'BL-755',
    delivery: 'AIR_DROPPED' as const,
    ...(rnd() < 0.3 && { producerStateCodes: [pick(['GBR', 'RUS', 'USA'])] }),
    ...(rnd() < 0.3 && { supplierStateCodes: [pick(['GBR', 'USA', 'SAU'])] }),
  });
  // As the handler opens it: a STATE investigator by its code (and its State's source when registered),
  // any other by a registered source.
  const investigator = () => {
    const kind = pick(INVESTIGATOR_KINDS);
    if (kind !== 'STATE') return { kind, sourceId: pick(sources.filter((id) => !isState(id))) };
    const stateCode = pick(['GBR', 'SAU', 'RUS']);
    return { kind, stateCode, ...(rnd() < 0.8 && { sourceId: stateCode }) };
  };
  const coordinates = (k: number) => (k % 3 === 0 ? {} : { latitude: 10 + k / 7, longitude: 40 - k / 9 });
  const someIncidents = () => [...new Set([pick(live), ...(rnd() < 0.3 ? [pick(live)] : [])])];
  for (let step = 0; step < steps; step++) {
    const r = rnd();
    if (live.length < 3 || r < 0.1) {
      const id = `inc-${++n}`;
      const first = facts();
      record(
        allege(id, date(), first, {
          // Coordinates for two in three, of many digits (what a map reads), drawn from no random number.
          location: { countryCode: pick(COUNTRIES), placeName: 'somewhere', ...coordinates(n) },
          allegedUser: pick(USERS),
          munition: munition(),
          ...situation(),
        }),
      );
      live.push(id);
      unwithdrawn.add(id);
      corroborations.push(first.corroborationId);
    } else if (r < 0.3) {
      const c = facts();
      record(corroborate(pick(live), c));
      corroborations.push(c.corroborationId);
    } else if (r < 0.34 && corroborations.length > 0) {
      const id = corroborations.splice(Math.floor(rnd() * corroborations.length), 1)[0];
      record({
        type: 'CorroborationRetracted',
        data: { incidentId: 'unused', corroborationId: id, reason: 'retracted', retractedOn: date() },
      });
    } else if (r < 0.38) {
      const id = `inv-${++n}`;
      record({
        type: 'InvestigationOpened',
        data: {
          investigationId: id,
          investigator: investigator(),
          incidentIds: someIncidents(),
          mandate: 'establish the facts',
          openedOn: date(),
        },
      });
      open.push(id);
    } else if (r < 0.42 && open.length > 0) {
      const id = open.splice(Math.floor(rnd() * open.length), 1)[0];
      record({
        type: 'InvestigationConcluded',
        data: { investigationId: id, outcome: pick(OUTCOMES), findings: 'found', concludedOn: date() },
      });
    } else if (r < 0.46) {
      const changes: Partial<IncidentDetails> = pick([
        () => ({ location: { countryCode: pick(COUNTRIES), placeName: 'corrected', ...coordinates(step) } }),
        () => ({ allegedUser: pick(USERS) }),
        () => ({ situationId: pick(SITUATIONS) }),
        // Producers and suppliers (interested parties) and the dates of use: rewrites of what the policy reads.
        () => ({ munition: munition() }),
        () => {
          const day = date();
          return { occurredFrom: day, occurredTo: day };
        },
      ])();
      record({
        type: 'IncidentCorrected',
        data: { incidentId: pick(live), changes, reason: 'corrected', correctedOn: date() },
      });
    } else if (r < 0.48 && unwithdrawn.size > 0) {
      const id = pick([...unwithdrawn]);
      unwithdrawn.delete(id);
      record({ type: 'IncidentWithdrawn', data: { incidentId: id, reason: 'hoax', withdrawnOn: date() } });
    } else if (r < 0.51 && live.length > 3) {
      const duplicate = live.splice(Math.floor(rnd() * live.length), 1)[0];
      unwithdrawn.delete(duplicate);
      record({
        type: 'IncidentMergedInto',
        data: { incidentId: duplicate, canonicalIncidentId: pick(live), reason: 'same', mergedOn: date() },
      });
    } else if (r < 0.52) {
      // A source registered late: on the RECORDED clock, corroborations logged before it count as ungraded (F).
      const id = `src-${++n}`;
      grades.set(id, 'B');
      const registered = source(id, id, 'B');
      const parent = rnd() < 0.4 ? pick(sources.filter((other) => !isState(other))) : undefined;
      record(
        parent === undefined
          ? registered
          : ({ ...registered, data: { ...registered.data, parentOrganisation: parent } } as typeof registered),
      );
      sources.push(id);
      unmerged.add(id);
    } else if (r < 0.55) {
      const id = pick(sources);
      const grade = pick(['A', 'B', 'C', 'D', 'E'] as const);
      record({
        type: 'SourceRegraded',
        data: { sourceId: id, grade, previousGrade: grades.get(id)!, reason: 'track record', regradedOn: date() },
      });
      grades.set(id, grade);
    } else if (r < 0.58) {
      const votes = SPEAKERS.filter(() => rnd() < 0.6).map((stateCode) => ({ stateCode, vote: pick(VOTES) }));
      record({
        type: 'ResolutionVoteRecorded',
        data: {
          resolutionId: `res-${++n}`,
          symbol: `A/RES/${n}`,
          title: 'use',
          venue: 'UNGA',
          adoptedOn: date(),
          kind: pick(RESOLUTION_KINDS),
          incidentIds: rnd() < 0.3 ? someIncidents() : [],
          scope: scope().scope ?? { generic: true },
          votes: votes.length > 0 ? votes : [{ stateCode: 'GBR', vote: 'YES' }],
        },
      });
    } else if (r < 0.61 && unmerged.size > 2) {
      // A source registered twice: folded into another not merged itself (as the handler resolves it).
      const duplicate = pick([...unmerged]);
      unmerged.delete(duplicate);
      const canonicalSourceId = pick([...unmerged]);
      record({
        type: 'SourcesMerged',
        data: { sourceId: duplicate, canonicalSourceId, reason: 'same', mergedOn: date() },
      });
    } else if (r < 0.62) {
      record({
        type: 'SituationCorrected',
        data: {
          situationId: pick(SITUATIONS),
          changes: { name: `renamed ${n++}` },
          reason: 'renamed',
          correctedOn: date(),
        },
      });
    } else if (r < 0.9 || statements.length === 0) {
      const id = `st-${++n}`;
      const speakers = [...new Set([pick(SPEAKERS), ...(rnd() < 0.3 ? [pick(SPEAKERS), pick(SPEAKERS)] : [])])];
      const [kind, on] = [pick(STATEMENT_KINDS), date()];
      const incidentIds = rnd() < 0.2 ? [] : someIncidents();
      // The venue follows the id (no draw of its own, so the histories of every seed stay as they were).
      record(statement(id, speakers, kind, on, incidentIds, { ...scope(), venue: VENUES[n % VENUES.length] }));
      statements.push(id);
    } else {
      const changes: Partial<StatementDetails> = pick([
        () => ({ kind: pick(STATEMENT_KINDS), ...(n % 2 === 0 ? { venue: VENUES[(n >> 1) % VENUES.length] } : {}) }),
        () => ({ incidentIds: someIncidents() }),
        () => ({ deliveredOn: date() }),
        () => ({ speakers: [pick(SPEAKERS)] }),
        () => ({ scope: pick(SCOPES) ?? {} }),
      ])();
      record({
        type: 'StatementCorrected',
        data: { statementId: pick(statements), changes, reason: 'corrected', correctedOn: date() },
      });
    }
  }
  return log;
}
