/** Validation of incident details and corroborations, shared by allegation, correction and addition. */
import type { DecideContext } from '../decider';
import { badInput, notFound } from '../errors';
import {
  type AllegedUser,
  type Casualties,
  type CorroborationFacts,
  CREDIBILITIES,
  type IncidentDetails,
  type IsoDate,
  type Location,
  type Munition,
} from '../events';
import { blank, checkCitation, evidenceDate, keysOf, knownCountries, notBefore } from '../validation';

export const DETAIL_KEYS = keysOf<IncidentDetails>({
  occurredFrom: true,
  occurredTo: true,
  location: true,
  munition: true,
  allegedUser: true,
  casualties: true,
  summary: true,
  situationId: true,
});
export const CORROBORATION_KEYS = keysOf<CorroborationFacts>({
  corroborationId: true,
  sourceId: true,
  stance: true,
  evidenceKinds: true,
  publishedOn: true,
  citation: true,
  derivedFrom: true,
  summary: true,
  credibility: true,
  geolocationPrecisionMeters: true,
});

/**
 * Checks the whole details (after a correction, the corrected whole). `reportedField` names the field
 * to blame when the allegation would be public before the use began.
 */
export function checkDetails(
  details: IncidentDetails,
  reportedOn: IsoDate,
  reportedField: string,
  ctx: DecideContext,
): void {
  evidenceDate(details.occurredFrom, 'occurredFrom', ctx);
  evidenceDate(details.occurredTo, 'occurredTo', ctx);
  notBefore(details.occurredTo, details.occurredFrom, 'occurredTo', 'occurredFrom');
  if (reportedOn < details.occurredFrom) {
    throw badInput(`reportedOn (${reportedOn}) is before occurredFrom (${details.occurredFrom})`, reportedField);
  }
  checkLocation(details.location, ctx);
  checkAllegedUser(details.allegedUser, ctx);
  checkMunitionStates(details.munition, ctx);
  if (details.casualties) checkCasualties(details.casualties);
}

function checkLocation(location: Location, ctx: DecideContext): void {
  knownCountries([location.countryCode], 'location.countryCode', ctx);
  const { latitude, longitude, precisionMeters } = location;
  if ((latitude === undefined) !== (longitude === undefined)) {
    throw badInput(
      'latitude and longitude come together',
      latitude === undefined ? 'location.latitude' : 'location.longitude',
    );
  }
  if (latitude !== undefined && !(latitude >= -90 && latitude <= 90))
    throw badInput('latitude out of range', 'location.latitude');
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
      // Researchers often know only the lead State ("the Saudi Arabia-led coalition"); corrections add members.
      if (count < 1) throw badInput('a COALITION alleged user has at least one known state code', field);
      if (count === 1 && blank(user.name)) {
        throw badInput('a COALITION known by one State needs its name', 'allegedUser.name');
      }
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

/** Producer and supplier States: interested parties, so they must be real codes. */
function checkMunitionStates(munition: Munition, ctx: DecideContext): void {
  if (munition.producerStateCodes) knownCountries(munition.producerStateCodes, 'munition.producerStateCodes', ctx);
  if (munition.supplierStateCodes) knownCountries(munition.supplierStateCodes, 'munition.supplierStateCodes', ctx);
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

/** Admiralty information credibility 1–6, and a geolocation precision only where it is not negative. */
function checkGradingOfInformation(facts: CorroborationFacts, prefix: string): void {
  const { credibility, geolocationPrecisionMeters } = facts;
  if (credibility !== undefined && !CREDIBILITIES.includes(credibility)) {
    throw badInput('credibility is a whole number from 1 to 6', `${prefix}credibility`);
  }
  if (geolocationPrecisionMeters !== undefined && !(geolocationPrecisionMeters >= 0)) {
    throw badInput('geolocationPrecisionMeters must not be negative', `${prefix}geolocationPrecisionMeters`);
  }
}

/** `existing` are the incident's corroboration ids; `prefix` locates the facts inside the command. */
export function checkCorroboration(
  facts: CorroborationFacts,
  existing: readonly string[],
  prefix: string,
  ctx: DecideContext,
): void {
  evidenceDate(facts.publishedOn, `${prefix}publishedOn`, ctx);
  checkCitation(facts.citation, `${prefix}citation`);
  const sha = facts.citation.archivedSha256;
  if (sha !== undefined && !SHA256.test(sha)) {
    throw badInput('archivedSha256 must be 64 hexadecimal characters', `${prefix}citation.archivedSha256`);
  }
  if (new Set(facts.evidenceKinds).size !== facts.evidenceKinds.length) {
    throw badInput('an evidence kind is listed twice', `${prefix}evidenceKinds`);
  }
  checkGradingOfInformation(facts, prefix);
  const { derivedFrom } = facts;
  if (derivedFrom === undefined) return;
  if (derivedFrom === facts.corroborationId) {
    throw badInput('a corroboration cannot be derived from itself', `${prefix}derivedFrom`);
  }
  if (!existing.includes(derivedFrom)) {
    throw notFound(`no corroboration ${derivedFrom} on this incident`, `${prefix}derivedFrom`);
  }
}
