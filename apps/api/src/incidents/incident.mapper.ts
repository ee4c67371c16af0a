import { findIncident, investigationsOf, type IncidentView, type RegistryModel, statementsOf } from '@app/projections';
import { READ_FROM } from '../queries/model-context';
import type { ReferenceData } from '../reference/reference-data';
import { toInvestigationObject } from '../investigations/investigation.mapper';
import { toStatementObject } from '../statements/statement.mapper';
import { toCorrectionObject } from './objects/correction.object';
import type { CorroborationObject, IncidentObject } from './objects/incident.object';

type IncidentLists = Pick<IncidentObject, 'corroborations' | 'investigations' | 'statements' | 'corrections'>;

/**
 * An incident of a replayed model (one incident's streams, now or to a cut) as a GraphQL object: its nested lists
 * built only when a query reads them (an incident has ~100 statements, and most queries select none).
 */
function toIncidentObject(view: IncidentView, model: RegistryModel, reference: ReferenceData): IncidentObject {
  return new QueriedIncident(view, model, reference);
}

/** What a list shows of an incident: all an incident read from the projection file as of a cut carries. */
export type IncidentFacts = Pick<
  IncidentView,
  'incidentId' | 'details' | 'reportedOn' | 'mergedDuplicates' | 'withdrawal' | 'assessment' | 'statusHistory'
> & { recordedAt: Date };

export function factsOf(
  view: IncidentFacts,
  reference: ReferenceData,
): Omit<IncidentObject, keyof IncidentLists | 'revision'> {
  const d = view.details;
  return {
    id: view.incidentId,
    occurredFrom: d.occurredFrom,
    occurredTo: d.occurredTo,
    location: { ...d.location, countryName: reference.countries.get(d.location.countryCode) },
    munition: d.munition,
    allegedUser: d.allegedUser,
    casualties: d.casualties,
    summary: d.summary,
    situationId: d.situationId,
    reportedOn: view.reportedOn,
    mergedDuplicates: view.mergedDuplicates,
    withdrawal: view.withdrawal,
    assessment: view.assessment,
    statusHistory: view.statusHistory,
    recordedAt: view.recordedAt,
  };
}

function corroborationsOf(view: IncidentView, model: RegistryModel): CorroborationObject[] {
  const out: CorroborationObject[] = [];
  for (const id of view.corroborationIds) {
    const c = model.corroborations.get(id);
    if (c) out.push(toCorroborationObject(c, model));
  }
  return out;
}

/**
 * An incident for a query: the lists are prototype getters, built on first read and kept. A class rather
 * than properties defined per object: every incident shares one shape and no closures are made per request
 * (this is on the path of every incident(id)). It also carries the model it was read from (model-context).
 */
class QueriedIncident implements IncidentObject {
  id: string;
  revision: number;
  occurredFrom: string;
  occurredTo: string;
  location: IncidentObject['location'];
  munition: IncidentObject['munition'];
  allegedUser: IncidentObject['allegedUser'];
  casualties?: IncidentObject['casualties'];
  summary: string;
  situationId?: string;
  reportedOn: string;
  mergedDuplicates: string[];
  withdrawal: IncidentObject['withdrawal'];
  assessment: IncidentObject['assessment'];
  statusHistory: IncidentObject['statusHistory'];
  recordedAt: Date;
  readonly [READ_FROM]: RegistryModel;
  private built: Partial<IncidentLists> = {};

  constructor(
    private readonly view: IncidentView,
    model: RegistryModel,
    private readonly reference: ReferenceData,
  ) {
    Object.assign(this, factsOf(view, reference));
    this.revision = view.revision;
    this[READ_FROM] = model;
  }

  get corroborations(): CorroborationObject[] {
    return (this.built.corroborations ??= corroborationsOf(this.view, this[READ_FROM]));
  }

  get investigations(): IncidentObject['investigations'] {
    return (this.built.investigations ??= investigationsOf(this[READ_FROM], this.view).map((i) =>
      toInvestigationObject(i, this[READ_FROM], this.reference),
    ));
  }

  get statements(): IncidentObject['statements'] {
    return (this.built.statements ??= statementsOf(this[READ_FROM], this.view).map((st) =>
      toStatementObject(st, this[READ_FROM], this.reference),
    ));
  }

  get corrections(): IncidentObject['corrections'] {
    return (this.built.corrections ??= this.view.corrections.map(toCorrectionObject));
  }
}

/**
 * An incident listed from the projection file as of a cut. What a list shows comes from the file; its
 * revision, its nested lists and the fields resolved below it need the incident's model as of the cut, a
 * replay of its own streams (as `incident(id, asOf)` reads), made once and only when a query selects one
 * of them: these fields are promises, which GraphQL awaits.
 */
class ListedIncident {
  private model?: Promise<RegistryModel>;
  private replayed?: Promise<IncidentObject>;

  constructor(
    facts: IncidentFacts,
    private readonly reference: ReferenceData,
    private readonly load: () => Promise<RegistryModel>,
  ) {
    Object.assign(this, factsOf(facts, reference));
  }

  get [READ_FROM](): Promise<RegistryModel> {
    return (this.model ??= this.load());
  }

  private full(): Promise<IncidentObject> {
    const id = (this as unknown as IncidentObject).id;
    return (this.replayed ??= this[READ_FROM].then((model) => {
      const view = findIncident(model, id);
      if (!view) throw new Error(`incident ${id} is in the projection file's list but not in its replay`);
      return toIncidentObject(view, model, this.reference);
    }));
  }

  get revision(): Promise<number> {
    return this.full().then((o) => o.revision);
  }
  get corroborations(): Promise<IncidentObject['corroborations']> {
    return this.full().then((o) => o.corroborations);
  }
  get investigations(): Promise<IncidentObject['investigations']> {
    return this.full().then((o) => o.investigations);
  }
  get statements(): Promise<IncidentObject['statements']> {
    return this.full().then((o) => o.statements);
  }
  get corrections(): Promise<IncidentObject['corrections']> {
    return this.full().then((o) => o.corrections);
  }
}

/** An incident read from the projection file as of a cut; `load` replays its model to that cut when needed. */
export function toListedIncidentObject(
  facts: IncidentFacts,
  reference: ReferenceData,
  load: () => Promise<RegistryModel>,
): IncidentObject {
  return new ListedIncident(facts, reference, load) as unknown as IncidentObject;
}

function toCorroborationObject(
  c: NonNullable<ReturnType<RegistryModel['corroborations']['get']>>,
  model: RegistryModel,
): CorroborationObject {
  const source = model.sources.get(c.sourceId);
  return {
    id: c.corroborationId,
    source: { id: c.sourceId, name: source?.name ?? c.sourceId, grade: source?.grade ?? 'F' },
    stance: c.stance,
    evidenceKinds: c.evidenceKinds,
    publishedOn: c.publishedOn,
    citation: c.citation,
    derivedFrom: c.derivedFrom,
    summary: c.summary,
    credibility: c.credibility,
    geolocationPrecisionMeters: c.geolocationPrecisionMeters,
    retractedOn: c.retraction?.retractedOn ?? null,
    retractionReason: c.retraction?.reason ?? null,
    recordedAt: c.recordedAt,
  };
}
