import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { milestonesOf, SCOPE_LEVELS, type ScopeLevel } from '@app/projections';
import { referringAt } from '@app/read-store';
import { ReferenceData } from '../reference/reference-data';
import { IncidentObject } from '../incidents/objects/incident.object';
import { type FileReferring, REFERRING } from '../incidents/live-incident.mapper';
import { StatementStreams } from '../statements/statement-streams';
import { referringObjects } from './file-lists';
import { incidentReadsOf } from './model-context';
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
 * Read-side fields of Incident beyond its row: its referring statements and resolutions (from the file, at the cut it
 * was read at), its status changes with the events that caused them and its audit trail (its trail: `IncidentReads`).
 * Each computes only its own part (an incident's statements are many; most queries select none).
 */
@Resolver(() => IncidentObject)
export class IncidentFieldsResolver {
  constructor(
    private readonly reference: ReferenceData,
    private readonly streams: StatementStreams,
  ) {}

  /** Kept per checkpoint for an incident read now; else read from its file at its cut. */
  private referring(parent: IncidentObject, scopes: readonly ScopeLevel[]): FileReferring {
    const from = milestonesOf(parent).confirmedOn;
    const kept = (
      parent as { [REFERRING]?: (scopes: readonly ScopeLevel[], from: string | null) => FileReferring | null }
    )[REFERRING];
    const filed = kept === undefined ? null : kept.call(parent, scopes, from);
    if (filed !== null) return filed;
    const reads = incidentReadsOf(parent);
    const read = referringAt(reads.db().db, reads.cut, parent.id, scopes, from);
    return read === null ? { statements: [], resolutions: [] } : referringObjects(read, this.reference, this.streams);
  }

  @ResolveField(() => [ReferringStatementObject], {
    description:
      'Statements covering it as the speak-out report counts them (naming it, its situation, its alleged user, or ' +
      'any use), by delivery date, each with its scope and, for a condemnation, its lag after its first confirmation',
  })
  referringStatements(
    @Parent() parent: IncidentObject,
    @Args('scopes', SCOPES_ARG) scopes: ScopeLevel[],
  ): ReferringStatementObject[] {
    return this.referring(parent, scopes).statements;
  }

  @ResolveField(() => [ReferringResolutionObject], {
    description:
      'Resolutions covering it (their YES votes count as statements), by adoption date, with scope and, for a ' +
      'condemnation, lag',
  })
  referringResolutions(
    @Parent() parent: IncidentObject,
    @Args('scopes', SCOPES_ARG) scopes: ScopeLevel[],
  ): ReferringResolutionObject[] {
    return this.referring(parent, scopes).resolutions;
  }

  @ResolveField(() => [IncidentStatusChangeObject], {
    description: 'Every status change with its evidence date and the events that caused it',
  })
  async statusHistory(@Parent() parent: IncidentObject): Promise<IncidentStatusChangeObject[]> {
    return (await incidentReadsOf(parent).trail()).causes(parent.statusHistory);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'Evidence date on which it first became CORROBORATED (or stronger)',
  })
  firstCorroboratedOn(@Parent() parent: IncidentObject): string | null {
    // The incident's own status history (the field above adds the events): no trail to read.
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
    return (await incidentReadsOf(parent).trail()).history;
  }
}
