import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Citation, type EvidenceFileRef, investigationStream } from '@app/domain';
import { EventStore, type StoredEvent } from '@app/event-store';
import { incidentListsAt } from '@app/read-store';
import { CitationObject, IncidentObject } from '../incidents/objects/incident.object';
import { InvestigationObject } from '../investigations/objects/investigation.object';
import { incidentReadsOf } from '../queries/model-context';
import { ReferenceData } from '../reference/reference-data';
import { ListedStatement } from '../statements/listed-statement';
import { StatementStreams } from '../statements/statement-streams';
import { CitedFiles, investigationCitationsOf } from './evidence-files';
import { EvidenceFileObject, IncidentEvidenceFileObject } from './objects/evidence-file.object';

/**
 * Investigation citations stay in the store, like statement texts: no query selects on them, so the
 * projection file does not carry them; they are read from the investigation's stream when asked for.
 */
async function investigationCitations(store: EventStore, id: string, concluded: boolean): Promise<Citation[]> {
  const events: StoredEvent[] = [];
  for await (const stored of store.readStream(investigationStream(id))) events.push(stored);
  return investigationCitationsOf(events, concluded);
}

@Resolver(() => CitationObject)
export class CitationFilesResolver {
  @ResolveField(() => [EvidenceFileObject], { description: 'Stored files backing this citation' })
  files(@Parent() citation: Citation): EvidenceFileRef[] {
    return citation.files ?? [];
  }
}

@Resolver(() => InvestigationObject)
export class InvestigationCitationsResolver {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  @ResolveField(() => [CitationObject], {
    description: 'Where the mandate and (once concluded) the findings were published',
  })
  citations(@Parent() investigation: InvestigationObject): Promise<Citation[]> {
    return investigationCitations(this.store, investigation.id, investigation.concludedOn !== null);
  }
}

@Resolver(() => IncidentObject)
export class IncidentFilesResolver {
  constructor(
    private readonly streams: StatementStreams,
    private readonly reference: ReferenceData,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  @ResolveField(() => [IncidentEvidenceFileObject], {
    description:
      'Stored files cited by its corroborations, by the investigations covering it and by the statements ' +
      'referring to it',
  })
  async files(@Parent() parent: IncidentObject): Promise<IncidentEvidenceFileObject[]> {
    const reads = incidentReadsOf(parent);
    // Its lists at the cut it was read at, each citation as it stood then.
    const lists = incidentListsAt(reads.db().db, reads.cut, parent.id);
    if (lists === null) return [];
    const files = new CitedFiles();
    for (const c of lists.corroborations) files.add([c.citation ?? undefined], c.corroborationId);
    // Asked together: the statements' streams are then read in one request (StatementStreams).
    const [investigated, said] = await Promise.all([
      Promise.all(
        lists.investigations.map((i) => investigationCitations(this.store, i.investigationId, i.concludedOn !== null)),
      ),
      Promise.all(
        lists.statements.map(
          (s) => new ListedStatement(s, this.reference, () => this.streams.events(s.statementId)).citation,
        ),
      ),
    ]);
    lists.investigations.forEach((i, n) => files.add(investigated[n], i.investigationId));
    lists.statements.forEach((s, n) => files.add([said[n]], s.statementId));
    return files.list();
  }
}
