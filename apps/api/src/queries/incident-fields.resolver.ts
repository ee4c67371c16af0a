import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { findIncident, type IncidentView, milestonesOf, statementLagsOf, statusChangesOf } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';
import { IncidentObject } from '../incidents/objects/incident.object';
import { toStatementObject } from '../statements/statement.mapper';
import { modelOf } from './model-context';
import {
  AuditEntryObject,
  IncidentStatusChangeObject,
  ReferringStatementObject,
} from './objects/incident-read.objects';

/**
 * Read-side fields of Incident, taken from the model the incident was read from (live or as of a date).
 * Each computes only its own part (an incident's statements are many; most queries select none).
 */
@Resolver(() => IncidentObject)
export class IncidentFieldsResolver {
  constructor(
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
  ) {}

  private view(parent: IncidentObject): { view: IncidentView | undefined; model: ReturnType<typeof modelOf> } {
    const model = modelOf(parent, this.readModel.model);
    return { view: findIncident(model, parent.id), model };
  }

  @ResolveField(() => [ReferringStatementObject], {
    description: 'Statements referring to it, by delivery date, each with its lag in days after its first confirmation',
  })
  referringStatements(@Parent() parent: IncidentObject): ReferringStatementObject[] {
    const { view, model } = this.view(parent);
    if (!view) return [];
    return statementLagsOf(model, view).map((s) => ({
      statement: toStatementObject(s.statement, model, this.reference),
      lagDays: s.lagDays,
      anticipatory: s.anticipatory,
    }));
  }

  @ResolveField(() => [IncidentStatusChangeObject], {
    description: 'Every status change with its evidence date and the events that caused it',
  })
  statusHistory(@Parent() parent: IncidentObject): IncidentStatusChangeObject[] {
    const { view, model } = this.view(parent);
    return view ? statusChangesOf(model, view) : [];
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Evidence date on which it first became CORROBORATED (or stronger)',
  })
  firstCorroboratedOn(@Parent() parent: IncidentObject): string | null {
    const { view } = this.view(parent);
    return view ? milestonesOf(view).corroboratedOn : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Evidence date on which it first became CONFIRMED (kept if it is contested later): lags count from it',
  })
  firstConfirmedOn(@Parent() parent: IncidentObject): string | null {
    const { view } = this.view(parent);
    return view ? milestonesOf(view).confirmedOn : null;
  }

  @ResolveField(() => [AuditEntryObject], { description: 'The audit trail (as incidentHistory)' })
  async history(@Parent() parent: IncidentObject): Promise<AuditEntryObject[]> {
    return (await this.readModel.history(parent.id, modelOf(parent, this.readModel.model))) ?? [];
  }
}
