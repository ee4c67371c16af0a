import type { StoredEvent } from '@app/event-store';
import type { IncidentView } from '@app/projections';
import { type IncidentListsAt, incidentListsAt } from '@app/read-store';
import { toLiveInvestigationObject } from '../investigations/investigation.mapper';
import { READ_FROM } from '../queries/model-context';
import type { IncidentReads } from '../read-store/incident-reads';
import type { ReferenceData } from '../reference/reference-data';
import { toListedStatementObject } from '../statements/listed-statement';
import { corroborationObjects } from './live-incident.mapper';
import type { IncidentObject } from './objects/incident.object';

type IncidentLists = Pick<IncidentObject, 'corroborations' | 'investigations' | 'statements' | 'corrections'>;

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

/**
 * An incident listed from the projection file as of a cut. What a list shows comes from its row; its nested lists
 * are read from the file at that cut (`incidentListsAt`) and its revision then from its trail, once and only when
 * a query selects one of them (most select none).
 */
class ListedIncident {
  readonly [READ_FROM]: IncidentReads;
  private lists?: IncidentListsAt;

  constructor(
    facts: IncidentFacts,
    private readonly reference: ReferenceData,
    reads: IncidentReads,
    private readonly statementEvents: (id: string) => Promise<StoredEvent[]>,
  ) {
    Object.assign(this, factsOf(facts, reference));
    this[READ_FROM] = reads;
  }

  private read(): IncidentListsAt {
    if (this.lists !== undefined) return this.lists;
    const reads = this[READ_FROM];
    const id = (this as unknown as IncidentObject).id;
    const lists = incidentListsAt(reads.db().db, reads.cut, id);
    if (lists === null) throw new Error(`incident ${id} is in the projection file's list but not in its lists`);
    return (this.lists = lists);
  }

  get revision(): Promise<number> {
    return this[READ_FROM].trail().then((trail) => trail.revision);
  }
  get corroborations(): IncidentObject['corroborations'] {
    return corroborationObjects(this.read().corroborations);
  }
  get investigations(): IncidentObject['investigations'] {
    return this.read().investigations.map((i) => toLiveInvestigationObject(i, this.reference));
  }
  get statements(): IncidentObject['statements'] {
    return this.read().statements.map((s) =>
      toListedStatementObject(s, this.reference, () => this.statementEvents(s.statementId)),
    );
  }
  get corrections(): IncidentObject['corrections'] {
    return this.read().corrections;
  }
}

/** An incident read from the projection file as of a cut, with its reads at that cut for the fields below it. */
export function toListedIncidentObject(
  facts: IncidentFacts,
  reference: ReferenceData,
  reads: IncidentReads,
  statementEvents: (id: string) => Promise<StoredEvent[]>,
): IncidentObject {
  return new ListedIncident(facts, reference, reads, statementEvents) as unknown as IncidentObject;
}
