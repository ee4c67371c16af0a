import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import {
  ALL_CORROBORATION_FIELDS,
  liveIncident,
  type PageChanges,
  type ReadStore,
  statementsByIdAt,
} from '@app/read-store';
import { IncidentTrails } from '../read-store/incident-reads';
import { StatementStreams } from '../statements/statement-streams';
import { fileListsOf } from '../queries/file-lists';
import { LiveReads } from '../read-store/live-reads.service';
import { ReadStoreService } from '../read-store/read-store.service';
import { ReferenceData } from '../reference/reference-data';
import { type FileLists, toLiveIncidentObject } from '../incidents/live-incident.mapper';
import { toListedStatementObject } from '../statements/listed-statement';
import type { StatementObject } from '../statements/objects/statement.object';
import { LiveFeed } from './live-feed';
import type { IncidentStatusChangedObject } from './subscription.objects';

/**
 * Turns what each page the projection file folds live changed into the payloads the subscriptions deliver, read
 * from the file as that page left it: the incident as incident(id) reads it now, the statement as statement(id).
 */
@Injectable()
export class LiveFeeds implements OnModuleInit, OnModuleDestroy {
  readonly statusChanges = new LiveFeed<IncidentStatusChangedObject>();
  readonly statements = new LiveFeed<StatementObject>();
  /** Pages published so far: what a subscription resolved through the file holds until it moves. */
  pages = 0;
  private unsubscribe: (() => void) | null = null;
  private readonly fileLists: FileLists;

  constructor(
    private readonly file: ReadStoreService,
    private readonly reference: ReferenceData,
    private readonly trails: IncidentTrails,
    private readonly streams: StatementStreams,
    live: LiveReads,
  ) {
    this.fileLists = fileListsOf(live, reference, streams);
  }

  onModuleInit(): void {
    this.unsubscribe = this.file.onPage((changes, file) => this.publish(changes, file));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /**
   * The incident an id resolves to in the file now (merges followed); the id itself when the file does not follow
   * the store (nothing is published then) or knows no such incident.
   */
  canonicalIncidentId(id: string): string {
    return this.file.lookups?.canonicalIncidentId(id) ?? id;
  }

  private publish(changes: PageChanges, file: ReadStore): void {
    this.pages++;
    file.db.transaction(() => {
      if (this.statusChanges.size > 0) this.publishStatusChanges(changes, file);
      if (this.statements.size > 0) this.publishStatements(changes, file);
    })();
  }

  private publishStatusChanges({ statusChanges }: PageChanges, file: ReadStore): void {
    for (const { incidentId, before, after, assessment, eventId } of statusChanges) {
      const incident = liveIncident(file.db, incidentId, file.policy, ALL_CORROBORATION_FIELDS);
      if (incident === null) continue;
      this.statusChanges.publish({
        incidentId: incident.incidentId,
        before,
        after,
        readiness: assessment.readiness,
        rule: assessment.rule,
        on: assessment.statusSince,
        eventId,
        // Its nested lists are read when selected, as incident(id) reads them.
        incident: toLiveIncidentObject(
          incident,
          this.reference,
          this.trails.ofFile(incident.incidentId, null),
          this.fileLists,
        ),
      });
    }
  }

  private publishStatements({ recordedStatementIds }: PageChanges, file: ReadStore): void {
    for (const statement of statementsByIdAt(file.db, 'LIVE', recordedStatementIds)) {
      // Its words stay in the store, read when a subscription selects them.
      const events = () => this.streams.events(statement.statementId);
      this.statements.publish(toListedStatementObject(statement, this.reference, events));
    }
  }
}
