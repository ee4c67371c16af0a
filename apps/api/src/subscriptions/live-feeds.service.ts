import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { type ChangeSet, findIncident } from '@app/projections';
import { ReadModelService } from '../read-model/read-model.service';
import { ReferenceData } from '../reference/reference-data';
import { toIncidentObject } from '../incidents/incident.mapper';
import { toStatementObject } from '../statements/statement.mapper';
import type { StatementObject } from '../statements/objects/statement.object';
import { LiveFeed } from './live-feed';
import type { IncidentStatusChangedObject } from './subscription.objects';

/** Turns what each live event changed in the read model into the payloads the subscriptions deliver. */
@Injectable()
export class LiveFeeds implements OnModuleInit, OnModuleDestroy {
  readonly statusChanges = new LiveFeed<IncidentStatusChangedObject>();
  readonly statements = new LiveFeed<StatementObject>();
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly readModel: ReadModelService,
    private readonly reference: ReferenceData,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.readModel.onChange((changes) => this.publish(changes));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  private publish(changes: ChangeSet): void {
    if (changes.skipped) return;
    const model = this.readModel.model;
    if (this.statusChanges.size > 0) {
      for (const change of changes.statusChanges) {
        const view = findIncident(model, change.incidentId);
        if (!view) continue;
        this.statusChanges.publish({
          incidentId: view.incidentId,
          before: change.before,
          after: change.after,
          readiness: change.assessment.readiness,
          rule: change.assessment.rule,
          on: change.assessment.statusSince,
          eventId: changes.eventId,
          incident: toIncidentObject(view, model, this.reference),
        });
      }
    }
    if (this.statements.size > 0) {
      for (const id of changes.recordedStatementIds) {
        const view = model.statements.get(id);
        if (view) this.statements.publish(toStatementObject(view, model, this.reference));
      }
    }
  }
}
