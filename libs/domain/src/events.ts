/**
 * Every fact the registry keeps, as typed plain data. Events are immutable; their data shape is
 * versioned by `schemaVersion` in the metadata (see SCHEMA_VERSION) and upcast on read, never rewritten.
 * Dates named `...On` are evidence dates (ISO `YYYY-MM-DD`, given by the researcher); the store adds
 * `recordedAt`.
 */

export type Event<Type extends string, Data extends object> = Readonly<{ type: Type; data: Readonly<Data> }>;

/** ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;
/** ISO 3166-1 alpha-3 code, upper case. */
export type CountryCode = string;

export const SCHEMA_VERSION = 1;

// ---------- Source ----------
export const SOURCE_KINDS = ['NGO', 'UN_BODY', 'STATE', 'MEDIA', 'ACADEMIC', 'INDIVIDUAL', 'OTHER'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
/** NATO Admiralty scale, source reliability: A (completely reliable) .. F (cannot be judged). */
export const GRADES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
export type Grade = (typeof GRADES)[number];

export type SourceRegistered = Event<
  'SourceRegistered',
  {
    sourceId: string;
    name: string;
    kind: SourceKind;
    grade: Grade;
    homepage?: string;
    /** Required for a STATE source (older events may lack it: read models infer it from the name or flag it). */
    stateCode?: CountryCode;
    /** The source id of the organisation this one belongs to (Amnesty UK -> Amnesty International). */
    parentOrganisation?: string;
    /** Other names the organisation goes by (acronyms, translations). */
    aliases?: string[];
  }
>;
export type SourceRegraded = Event<
  'SourceRegraded',
  {
    sourceId: string;
    grade: Grade;
    previousGrade: Grade;
    reason: string;
    regradedOn: IsoDate;
  }
>;
/**
 * On the duplicate's stream: a source registered twice is folded into the canonical one. The duplicate
 * keeps its id and history; its corroborations count as the canonical organisation's from then on.
 */
export type SourcesMerged = Event<
  'SourcesMerged',
  {
    sourceId: string;
    canonicalSourceId: string;
    reason: string;
    mergedOn: IsoDate;
  }
>;
export type SourceEvent = SourceRegistered | SourceRegraded | SourcesMerged;

// ---------- Incident ----------
export const DELIVERIES = ['AIR_DROPPED', 'GROUND_LAUNCHED_ROCKET', 'ARTILLERY', 'MISSILE', 'UNKNOWN'] as const;
export type Delivery = (typeof DELIVERIES)[number];
export const ALLEGED_USER_KINDS = ['STATE', 'COALITION', 'NON_STATE_ARMED_GROUP', 'UNKNOWN'] as const;
export type AllegedUserKind = (typeof ALLEGED_USER_KINDS)[number];
export const STANCES = ['SUPPORTS', 'DISPUTES'] as const;
export type Stance = (typeof STANCES)[number];
export const EVIDENCE_KINDS = [
  'REMNANT_PHOTO',
  'FIELD_VISIT',
  'WITNESS_TESTIMONY',
  'SATELLITE_IMAGERY',
  'VIDEO',
  'MEDICAL_RECORD',
  'EXPERT_IDENTIFICATION',
  'OFFICIAL_ADMISSION',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface Location {
  countryCode: CountryCode;
  placeName: string;
  latitude?: number;
  longitude?: number;
  /** Radius in metres within which the point is known to lie. */
  precisionMeters?: number;
}
export interface Munition {
  type: string;
  delivery: Delivery;
  /** States that produced or supplied the munition: interested parties, like the alleged user. */
  producerStateCodes?: CountryCode[];
  supplierStateCodes?: CountryCode[];
}
export interface AllegedUser {
  kind: AllegedUserKind;
  stateCodes: CountryCode[];
  name?: string;
}
export interface Casualties {
  killed?: number;
  injured?: number;
}

export interface IncidentDetails {
  occurredFrom: IsoDate;
  occurredTo: IsoDate;
  location: Location;
  munition: Munition;
  allegedUser: AllegedUser;
  casualties?: Casualties;
  summary: string;
  /** The situation (conflict or theatre of use) it belongs to, if any: at most one. */
  situationId?: string;
}

export interface Citation {
  /** Where it was published; absent only when stored files back the citation (a researcher's own photo). */
  url?: string;
  archivedUrl?: string;
  archivedSha256?: string;
  /** Stored evidence files (by content hash) that back this citation: references, never bytes. */
  files?: EvidenceFileRef[];
}

/**
 * A file held by the evidence store, as cited: the server fills everything but the caption from its
 * upload record, so the event alone says what was cited, who brought it in and when.
 */
export interface EvidenceFileRef {
  /** Lower-case hex SHA-256 of the bytes: also the file's name in the store. */
  sha256: string;
  size: number;
  /** Detected from the bytes on upload, never from the name. */
  mediaType: string;
  originalName: string;
  caption?: string;
  /** The token holder who uploaded it first. */
  uploadedBy: string;
  /** ISO instant of that first upload. */
  uploadedAt: string;
}

export interface CorroborationFacts {
  corroborationId: string;
  sourceId: string;
  stance: Stance;
  evidenceKinds: EvidenceKind[];
  publishedOn: IsoDate;
  citation: Citation;
  /** The corroboration this one merely repeats: derived reporting is not independent. */
  derivedFrom?: string;
  summary: string;
  /** Admiralty information credibility: 1 confirmed .. 5 improbable, 6 cannot be judged (the default). */
  credibility?: Credibility;
  /** For geolocated video or satellite imagery: the radius in metres within which the place is fixed. */
  geolocationPrecisionMeters?: number;
}
export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITIES)[number];

export type UseAlleged = Event<
  'UseAlleged',
  IncidentDetails & {
    incidentId: string;
    reportedOn: IsoDate;
    /** The allegation's first source, recorded as the incident's first corroboration. */
    firstCorroboration: CorroborationFacts;
  }
>;
export type IncidentCorrected = Event<
  'IncidentCorrected',
  {
    incidentId: string;
    changes: Partial<IncidentDetails>;
    reason: string;
    correctedOn: IsoDate;
  }
>;
/**
 * On the duplicate's stream only (one atomic append): from now on the duplicate's id resolves to the
 * canonical incident, and read models fold the duplicate's evidence into the canonical one.
 */
export type IncidentMergedInto = Event<
  'IncidentMergedInto',
  {
    incidentId: string;
    canonicalIncidentId: string;
    reason: string;
    mergedOn: IsoDate;
  }
>;
export type IncidentWithdrawn = Event<
  'IncidentWithdrawn',
  {
    incidentId: string;
    reason: string;
    withdrawnOn: IsoDate;
  }
>;
export type CorroborationAdded = Event<'CorroborationAdded', CorroborationFacts & { incidentId: string }>;
export type CorroborationRetracted = Event<
  'CorroborationRetracted',
  {
    incidentId: string;
    corroborationId: string;
    reason: string;
    retractedOn: IsoDate;
  }
>;
export type IncidentEvent =
  UseAlleged | IncidentCorrected | IncidentMergedInto | IncidentWithdrawn | CorroborationAdded | CorroborationRetracted;

// ---------- Investigation ----------
export const INVESTIGATOR_KINDS = ['STATE', 'UN', 'NGO', 'COURT'] as const;
export type InvestigatorKind = (typeof INVESTIGATOR_KINDS)[number];
export const OUTCOMES = ['USE_CONFIRMED', 'USE_NOT_CONFIRMED', 'INCONCLUSIVE'] as const;
export type InvestigationOutcome = (typeof OUTCOMES)[number];
/** A State (by its code) or a registered source (by its id); `name` is kept from older events. */
export interface Investigator {
  kind: InvestigatorKind;
  stateCode?: CountryCode;
  name?: string;
  sourceId?: string;
}

export type InvestigationOpened = Event<
  'InvestigationOpened',
  {
    investigationId: string;
    investigator: Investigator;
    incidentIds: string[];
    mandate: string;
    openedOn: IsoDate;
    /** Where the mandate was published, with any stored files. */
    citations?: Citation[];
  }
>;
export type InvestigationConcluded = Event<
  'InvestigationConcluded',
  {
    investigationId: string;
    outcome: InvestigationOutcome;
    findings: string;
    concludedOn: IsoDate;
    /** Where the findings were published, with any stored files. */
    citations?: Citation[];
  }
>;
export type InvestigationEvent = InvestigationOpened | InvestigationConcluded;

// ---------- Statement ----------
export const STATEMENT_KINDS = [
  'CONDEMNATION',
  'CONCERN',
  'CALL_FOR_INVESTIGATION',
  'DENIAL',
  'ACKNOWLEDGEMENT',
  'INVESTIGATION_ANNOUNCED',
] as const;
export type StatementKind = (typeof STATEMENT_KINDS)[number];
export const VENUES = [
  'MSP',
  'UNGA',
  'UNGA_FIRST_COMMITTEE',
  'HUMAN_RIGHTS_COUNCIL',
  'SECURITY_COUNCIL',
  'NATIONAL',
  'OTHER',
] as const;
export type Venue = (typeof VENUES)[number];

export interface StatementDetails {
  speakers: CountryCode[];
  onBehalfOf?: string;
  kind: StatementKind;
  venue: Venue;
  deliveredOn: IsoDate;
  incidentIds: string[];
  namesUser: boolean;
  quote: string;
  citation: Citation;
  /** What else it speaks about besides `incidentIds`; absent on statements recorded before scopes existed. */
  scope?: StatementScope;
}
export type StatementRecorded = Event<'StatementRecorded', StatementDetails & { statementId: string }>;
export type StatementCorrected = Event<
  'StatementCorrected',
  {
    statementId: string;
    changes: Partial<StatementDetails>;
    reason: string;
    correctedOn: IsoDate;
  }
>;
export type StatementEvent = StatementRecorded | StatementCorrected;

export type RegistryEvent =
  SourceEvent | IncidentEvent | InvestigationEvent | StatementEvent | SituationEvent | ResolutionEvent;
export type RegistryEventType = RegistryEvent['type'];

// ---------- Statement scope ----------
/** An alleged user as a statement names it: State codes, or a named group (a coalition, an armed group), or both. */
export interface UserScope {
  stateCodes: CountryCode[];
  name?: string;
}
/**
 * What a statement (or resolution) speaks about besides the incidents it lists: situations, an alleged
 * user, or any use by any actor (`generic`, as the Lausanne Political Declaration).
 */
export interface StatementScope {
  situationIds?: string[];
  allegedUser?: UserScope;
  generic?: boolean;
}

// ---------- Situation ----------
/** A conflict or theatre of use: Yemen and the Saudi-led coalition since 2015; Syria; Ukraine since 2022. */
export interface SituationDetails {
  name: string;
  countryCodes: CountryCode[];
  allegedUsers: UserScope[];
  period: { from: IsoDate; to?: IsoDate };
  note?: string;
}
export type SituationRegistered = Event<'SituationRegistered', SituationDetails & { situationId: string }>;
export type SituationCorrected = Event<
  'SituationCorrected',
  {
    situationId: string;
    changes: Partial<SituationDetails>;
    reason: string;
    correctedOn: IsoDate;
  }
>;
export type SituationEvent = SituationRegistered | SituationCorrected;

// ---------- Resolution vote ----------
/** What a resolution says about use: a YES vote counts as the voter's statement of this kind. */
export const RESOLUTION_KINDS = ['CONDEMNATION', 'CONCERN'] as const;
export type ResolutionKind = (typeof RESOLUTION_KINDS)[number];
export const VOTES = ['YES', 'NO', 'ABSTAIN', 'ABSENT'] as const;
export type Vote = (typeof VOTES)[number];
export interface ResolutionVote {
  stateCode: CountryCode;
  vote: Vote;
}
export interface ResolutionDetails {
  /** e.g. A/RES/71/203 */
  symbol: string;
  title: string;
  venue: Venue;
  adoptedOn: IsoDate;
  kind: ResolutionKind;
  incidentIds: string[];
  scope?: StatementScope;
  votes: ResolutionVote[];
  citation?: Citation;
}
export type ResolutionVoteRecorded = Event<'ResolutionVoteRecorded', ResolutionDetails & { resolutionId: string }>;
export type ResolutionEvent = ResolutionVoteRecorded;
