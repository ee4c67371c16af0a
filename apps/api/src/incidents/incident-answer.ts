import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { notFound } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import {
  ALL_CORROBORATION_FIELDS,
  type CorroborationFields,
  liveIncident,
  liveIncidentInvestigations,
  liveIncidentStatements,
  type ReadStore,
} from '@app/read-store';
import { toLiveInvestigationObject } from '../investigations/investigation.mapper';
import { corroborationFieldsOf } from '../queries/selected-fields';
import { type IncidentReads, IncidentTrails } from '../read-store/incident-reads';
import { StatementStreams } from '../statements/statement-streams';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { ReferenceData } from '../reference/reference-data';
import type { RequestMeta } from '../shared/request-meta';
import { toListedStatementObject } from '../statements/listed-statement';
import { type FileLists, toLiveIncidentObject } from './live-incident.mapper';
import type { IncidentObject } from './objects/incident.object';
import { unavailable } from '../graphql/error-codes';

export interface IncidentAnswerContext {
  reference: ReferenceData;
  /** The incident's reads now, from `file`: what the fields resolved below it read (as for `incident(id)`). */
  reads: (file: ReadStore, lasting: boolean, id: string) => IncidentReads;
  /** A statement's stream (its words are only there). */
  statementEvents: (id: string) => Promise<StoredEvent[]>;
}

/**
 * The incident `id` resolves to, as a mutation answers it: read from `file` by the readers and mapper `incident(id)`
 * now uses, with those `fields` of its corroborations the mutation selects. `lasting`: the projection file, read
 * again for the nested lists when a query selects them; otherwise an in-memory fold about to close, whose lists
 * are read now.
 */
export function incidentAnswer(
  file: ReadStore,
  lasting: boolean,
  id: string,
  fields: CorroborationFields | null,
  { reference, reads, statementEvents }: IncidentAnswerContext,
): IncidentObject {
  const incident = liveIncident(file.db, id, file.policy, fields);
  if (!incident) throw notFound(`No incident with id ${id}`, 'id');
  const open = () => {
    if (!file.db.open) throw unavailable();
    return file.db;
  };
  const corroborations = (incidentId: string) =>
    liveIncident(open(), incidentId, file.policy, ALL_CORROBORATION_FIELDS)?.corroborations ?? [];
  const investigations = (incidentId: string) =>
    (liveIncidentInvestigations(open(), incidentId) ?? []).map((i) => toLiveInvestigationObject(i, reference));
  const statements = (incidentId: string) =>
    (liveIncidentStatements(open(), incidentId) ?? []).map((s) =>
      toListedStatementObject(s, reference, () => statementEvents(s.statementId)),
    );
  let lists: FileLists = { corroborations, investigations, statements };
  if (!lasting) {
    const canonical = incident.incidentId;
    const [read, investigated, said] = [corroborations(canonical), investigations(canonical), statements(canonical)];
    lists = { corroborations: () => read, investigations: () => investigated, statements: () => said };
  }
  return toLiveIncidentObject(incident, reference, reads(file, lasting, incident.incidentId), lists);
}

/** How every incident mutation answers. */
@Injectable()
export class IncidentAnswers {
  constructor(
    private readonly answers: AnswersAfterWrites,
    private readonly trails: IncidentTrails,
    private readonly streams: StatementStreams,
    private readonly reference: ReferenceData,
  ) {}

  /** From the projection file once it shows the write; else from the written streams folded in memory. */
  answer(id: string, meta: RequestMeta, info: GraphQLResolveInfo): Promise<IncidentObject> {
    return this.answers.read(meta.writes, (file, lasting) =>
      incidentAnswer(file, lasting, id, corroborationFieldsOf(info), {
        reference: this.reference,
        reads: (file, lasting, incidentId) =>
          lasting ? this.trails.ofFile(incidentId, null) : this.trails.ofFold(file, incidentId),
        statementEvents: (statementId) => this.streams.events(statementId),
      }),
    );
  }
}
