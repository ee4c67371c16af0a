import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import {
  coveringResolutionsOf,
  findIncident,
  incidentHistory,
  type IncidentView,
  type RegistryModel,
  milestonesOf,
  resolveIncidentId,
  SCOPE_LEVELS,
  type ScopeLevel,
  statementLagsOf,
  statusChangesOf,
} from '@app/projections';
import { ReferenceData } from '../reference/reference-data';
import { IncidentObject } from '../incidents/objects/incident.object';
import { type FileReferring, REFERRING } from '../incidents/live-incident.mapper';
import { toResolutionObject } from '../statements/resolutions.resolver';
import { toStatementObject } from '../statements/statement.mapper';
import { modelOf } from './model-context';
import {
  AuditEntryObject,
  IncidentStatusChangeObject,
  ReferringResolutionObject,
  ReferringStatementObject,
} from './objects/incident-read.objects';
import { ScopeLevelEnum } from './objects/speak-out.objects';

const SCOPES_ARG = {
  type: () => [ScopeLevelEnum],
  defaultValue: [...SCOPE_LEVELS],
  description: 'The scopes to list (default all; [INCIDENT]: only those naming it)',
};

/**
 * Read-side fields of Incident the projection file keeps no rows for, taken from the replay of the incident's
 * streams, now or to the cut it was read at (`modelOf`); its referring statements and resolutions now from the file.
 * Each computes only its own part (an incident's statements are many; most queries select none).
 */
@Resolver(() => IncidentObject)
export class IncidentFieldsResolver {
  constructor(private readonly reference: ReferenceData) {}

  private async view(parent: IncidentObject): Promise<{ view: IncidentView | undefined; model: RegistryModel }> {
    const model = await modelOf(parent);
    return { view: findIncident(model, parent.id), model };
  }

  /** From the projection file for an incident it read now (null: read as of a date, or the file cannot answer). */
  private fromFile(parent: IncidentObject, scopes: readonly ScopeLevel[]): FileReferring | null {
    const read = (
      parent as { [REFERRING]?: (scopes: readonly ScopeLevel[], from: string | null) => FileReferring | null }
    )[REFERRING];
    return read === undefined ? null : read.call(parent, scopes, milestonesOf(parent).confirmedOn);
  }

  @ResolveField(() => [ReferringStatementObject], {
    description:
      'Statements covering it as the speak-out report counts them (naming it, its situation, its alleged user, or ' +
      'any use), by delivery date, each with its scope and, for a condemnation, its lag after its first confirmation',
  })
  async referringStatements(
    @Parent() parent: IncidentObject,
    @Args('scopes', SCOPES_ARG) scopes: ScopeLevel[],
  ): Promise<ReferringStatementObject[]> {
    const filed = this.fromFile(parent, scopes);
    if (filed !== null) return filed.statements;
    const { view, model } = await this.view(parent);
    if (!view) return [];
    return statementLagsOf(model, view, milestonesOf(view), scopes).map((s) => ({
      statement: toStatementObject(s.statement, model, this.reference),
      scope: s.scope,
      lagDays: s.lagDays,
      anticipatory: s.anticipatory,
    }));
  }

  @ResolveField(() => [ReferringResolutionObject], {
    description:
      'Resolutions covering it (their YES votes count as statements), by adoption date, with scope and, for a ' +
      'condemnation, lag',
  })
  async referringResolutions(
    @Parent() parent: IncidentObject,
    @Args('scopes', SCOPES_ARG) scopes: ScopeLevel[],
  ): Promise<ReferringResolutionObject[]> {
    const filed = this.fromFile(parent, scopes);
    if (filed !== null) return filed.resolutions;
    const { view, model } = await this.view(parent);
    if (!view) return [];
    return coveringResolutionsOf(model, view, scopes).map((r) => ({
      resolution: toResolutionObject(r.resolution, (id) => resolveIncidentId(model, id)),
      scope: r.scope,
      lagDays: r.lagDays,
      anticipatory: r.anticipatory,
    }));
  }

  @ResolveField(() => [IncidentStatusChangeObject], {
    description: 'Every status change with its evidence date and the events that caused it',
  })
  async statusHistory(@Parent() parent: IncidentObject): Promise<IncidentStatusChangeObject[]> {
    const { view, model } = await this.view(parent);
    return view ? statusChangesOf(model, view) : [];
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Evidence date on which it first became CORROBORATED (or stronger)',
  })
  firstCorroboratedOn(@Parent() parent: IncidentObject): string | null {
    // The incident's own status history (the field above adds the events): no model to read.
    return milestonesOf(parent).corroboratedOn;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Evidence date on which it first became CONFIRMED (kept if it is contested later): lags count from it',
  })
  firstConfirmedOn(@Parent() parent: IncidentObject): string | null {
    return milestonesOf(parent).confirmedOn;
  }

  @ResolveField(() => [AuditEntryObject], { description: 'The audit trail (as incidentHistory)' })
  async history(@Parent() parent: IncidentObject): Promise<AuditEntryObject[]> {
    return incidentHistory(await modelOf(parent), parent.id) ?? [];
  }
}
