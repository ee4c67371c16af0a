/** Validation of incident details and corroborations, shared by allegation, correction and addition. */
import type { DecideContext } from '../decider';
import { badInput, notFound } from '../errors';
import type { AllegedUser, Casualties, CorroborationFacts, IncidentDetails, IsoDate, Location } from '../events';
import { blank, evidenceDate, keysOf, knownCountries, notBefore } from '../validation';

export const DETAIL_KEYS = keysOf<IncidentDetails>({
  occurredFrom: true, occurredTo: true, location: true, munition: true, allegedUser: true, casualties: true, summary: true,
  situationId: true,
});
export const CORROBORATION_KEYS = keysOf<CorroborationFacts>({
  corroborationId: true, sourceId: true, stance: true, evidenceKinds: true, publishedOn: true, citation: true,
  derivedFrom: true, summary: true,
});

/**
 * Checks the whole details (after a correction, the corrected whole). `reportedField` names the field
 * to blame when the allegation would be public before the use began.
 */
export function checkDetails(
  details: IncidentDetails, reportedOn: IsoDate, reportedField: string, ctx: DecideContext,
): void {
  evidenceDate(details.occurredFrom, 'occurredFrom', ctx);
  evidenceDate(details.occurredTo, 'occurredTo', ctx);
  notBefore(details.occurredTo, details.occurredFrom, 'occurredTo', 'occurredFrom');
  if (reportedOn < details.occurredFrom) {
    throw badInput(`reportedOn (${reportedOn}) is before occurredFrom (${details.occurredFrom})`, reportedField);
  }
  checkLocation(details.location, ctx);
  checkAllegedUser(details.allegedUser, ctx);
  if (details.casualties) checkCasualties(details.casualties);
}

function checkLocation(location: Location, ctx: DecideContext): void {
  knownCountries([location.countryCode], 'location.countryCode', ctx);
  const { latitude, longitude, precisionMeters } = location;
  if ((latitude === undefined) !== (longitude === undefined)) {
    throw badInput('latitude and longitude come together', latitude === undefined ? 'location.latitude' : 'location.longitude');
  }
  if (latitude !== undefined && !(latitude >= -90 && latitude <= 90)) throw badInput('latitude out of range', 'location.latitude');
  if (longitude !== undefined && !(longitude >= -180 && longitude <= 180)) {
    throw badInput('longitude out of range', 'location.longitude');
  }
  if (precisionMeters !== undefined && !(precisionMeters >= 0)) {
    throw badInput('precision must not be negative', 'location.precisionMeters');
  }
}

/** A State is one code, a coalition several, an unknown user none; an armed group has a name. */
function checkAllegedUser(user: AllegedUser, ctx: DecideContext): void {
  const field = 'allegedUser.stateCodes';
  const count = user.stateCodes.length;
  switch (user.kind) {
    case 'STATE':
      if (count !== 1) throw badInput('a STATE alleged user has exactly one state code', field);
      break;
    case 'COALITION':
      if (count < 2) throw badInput('a COALITION alleged user has at least two state codes', field);
      break;
    case 'NON_STATE_ARMED_GROUP':
      if (blank(user.name)) throw badInput('a NON_STATE_ARMED_GROUP alleged user needs a name', 'allegedUser.name');
      break;
    case 'UNKNOWN':
      if (count !== 0) throw badInput('an UNKNOWN alleged user has no state codes', field);
      break;
    default: {
      const _exhaustive: never = user.kind;
      throw badInput(`unknown alleged user kind ${String(_exhaustive)}`, 'allegedUser.kind');
    }
  }
  knownCountries(user.stateCodes, field, ctx);
}

function checkCasualties(casualties: Casualties): void {
  for (const key of ['killed', 'injured'] as const) {
    const n = casualties[key];
    if (n !== undefined && !(Number.isInteger(n) && n >= 0)) {
      throw badInput(`${key} must be a whole number, not negative`, `casualties.${key}`);
    }
  }
}

const SHA256 = /^[0-9a-fA-F]{64}$/;

/** `existing` are the incident's corroboration ids; `prefix` locates the facts inside the command. */
export function checkCorroboration(
  facts: CorroborationFacts, existing: readonly string[], prefix: string, ctx: DecideContext,
): void {
  evidenceDate(facts.publishedOn, `${prefix}publishedOn`, ctx);
  const sha = facts.citation.archivedSha256;
  if (sha !== undefined && !SHA256.test(sha)) {
    throw badInput('archivedSha256 must be 64 hexadecimal characters', `${prefix}citation.archivedSha256`);
  }
  if (new Set(facts.evidenceKinds).size !== facts.evidenceKinds.length) {
    throw badInput('an evidence kind is listed twice', `${prefix}evidenceKinds`);
  }
  const { derivedFrom } = facts;
  if (derivedFrom === undefined) return;
  if (derivedFrom === facts.corroborationId) {
    throw badInput('a corroboration cannot be derived from itself', `${prefix}derivedFrom`);
  }
  if (!existing.includes(derivedFrom)) {
    throw notFound(`no corroboration ${derivedFrom} on this incident`, `${prefix}derivedFrom`);
  }
}
