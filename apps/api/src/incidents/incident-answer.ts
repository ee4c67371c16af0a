import { Injectable } from '@nestjs/common';
import type { GraphQLResolveInfo } from 'graphql';
import { notFound } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { RegistryModel } from '@app/projections';
import {
  type CorroborationFields,
  liveIncident,
  liveIncidentInvestigations,
  liveIncidentStatements,
  type ReadStore,
} from '@app/read-store';
import { toLiveInvestigationObject } from '../investigations/investigation.mapper';
import { corroborationFieldsOf } from '../queries/selected-fields';
import { ReadModelService } from '../read-model/read-model.service';
import { AnswersAfterWrites } from '../read-store/answers-after-writes';
import { ReferenceData } from '../reference/reference-data';
import type { RequestMeta } from '../shared/request-meta';
import { toListedStatementObject } from '../statements/listed-statement';
import { type FileLists, toLiveIncidentObject } from './live-incident.mapper';
import type { IncidentObject } from './objects/incident.object';

export interface IncidentAnswerContext {
  reference: ReferenceData;
  /** The live model: what the fields resolved below an incident read (as for `incident(id)` now). */
  model: RegistryModel;
  /** A statement's stream (its words are only there). */
  statementEvents: (id: string) => Promise<StoredEvent[]>;
}

/**
 * The incident `id` resolves to, as a mutation answers it: read from `file` by the readers and mapper `incident(id)`
 * now uses, with those `fields` of its corroborations the mutation selects. `lasting`: the projection file, read
 * again for the nested lists when a query selects them (the model answers them if the file was swapped out
 * meanwhile); otherwise an in-memory fold about to close, whose lists are read now.
 */
export function incidentAnswer(
  file: ReadStore,
  lasting: boolean,
  id: string,
  fields: CorroborationFields | null,
  { reference, model, statementEvents }: IncidentAnswerContext,
): IncidentObject {
  const incident = liveIncident(file.db, id, file.policy, fields);
  if (!incident) throw notFound(`No incident with id ${id}`, 'id');
  const investigations = (incidentId: string) =>
    file.db.open
      ? (liveIncidentInvestigations(file.db, incidentId) ?? []).map((i) => toLiveInvestigationObject(i, reference))
      : null;
  const statements = (incidentId: string) =>
    file.db.open
      ? (liveIncidentStatements(file.db, incidentId) ?? []).map((s) =>
          toListedStatementObject(s, reference, () => statementEvents(s.statementId)),
        )
      : null;
  let lists: FileLists = { investigations, statements };
  if (!lasting) {
    const [investigated, said] = [investigations(incident.incidentId), statements(incident.incidentId)];
    lists = { investigations: () => investigated, statements: () => said };
  }
  return toLiveIncidentObject(incident, reference, model, lists);
}

/** How every incident mutation answers. */
@Injectable()
export class IncidentAnswers {
  constructor(
    private readonly answers: AnswersAfterWrites,
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
  ) {}

  /** From the projection file once it shows the write; else from the written streams folded in memory. */
  answer(id: string, meta: RequestMeta, info: GraphQLResolveInfo): Promise<IncidentObject> {
    return this.answers.read(meta.writes, (file, lasting) =>
      incidentAnswer(file, lasting, id, corroborationFieldsOf(info), {
        reference: this.reference,
        model: this.readModel.model,
        statementEvents: (statementId) => this.readModel.statementEvents(statementId),
      }),
    );
  }
}
