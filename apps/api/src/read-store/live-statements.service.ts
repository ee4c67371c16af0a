import { Inject, Injectable, Optional } from '@nestjs/common';
import { EventStore } from '@app/event-store';
import type { Connection, PageArgs, StatementFilter } from '@app/projections';
import { type ReadStore, type StatementAtCut, statementPageAt } from '@app/read-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ReadModelService } from '../read-model/read-model.service';
import { AtCheckpoint } from './at-checkpoint';
import { ReadStoreService } from './read-store.service';

/** Pages kept while the file stands still (a page of 50 statements is tens of kB). */
const KEPT_PAGES = 256;

/**
 * Statements asked about now, read from the projection file's live rows (the `LIVE` cut of the readers that
 * answer as of a date): a page of every statement, filtered by delivery dates, kinds and venues or not (one walk of
 * the delivery-date index and a count, where the model scans every statement), kept until the file's checkpoint
 * moves. A list by State or by incident stays with the in-memory model, which keeps each State's and incident's
 * statements at hand: the file reads all of them to page them (the United Kingdom's 8,597: 0.2 to 0.5 s; an
 * incident's hundred: a third of the model's throughput). Each read waits until the file shows what the model shows
 * (read-your-writes) and answers only when it shows exactly that, so that the fields the model still gives (a
 * statement's words) match; null otherwise, or when the file is not serving: the model answers.
 */
@Injectable()
export class LiveStatements {
  private readonly kept = new AtCheckpoint(KEPT_PAGES);

  constructor(
    private readonly readModel: ReadModelService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EventStore) private readonly events: EventStore,
    /** The projection file, when this context keeps one (the service does; the CLI does not). */
    @Optional() @Inject(ReadStoreService) private readonly file: ReadStoreService | null = null,
  ) {}

  /** A page of the statements `selection` keeps now, as `listStatements` pages them; null: ask the model. */
  page(
    selection: StatementFilter,
    args: PageArgs & { descending?: boolean },
  ): Promise<Connection<StatementAtCut> | null> {
    if (selection.stateCode !== undefined || selection.incidentId !== undefined) return Promise.resolve(null);
    const { from, to, kind, venue } = selection;
    const filter = { from, to, kind, venue };
    return this.fromFile((file) =>
      this.kept.get(file, JSON.stringify([filter, args]), () => statementPageAt(file.db, 'LIVE', filter, args)),
    );
  }

  private async fromFile<T>(read: (file: ReadStore) => T | null): Promise<T | null> {
    if (this.file === null) return null;
    const live = this.readModel.model.checkpoint;
    const answer = await this.file.readServing(live, this.config.readYourWritesTimeoutMs, (file) => {
      const at = file.db.open ? file.checkpoint().position : null;
      const inStep = at === null || live === null ? at === live : this.events.comparePositions(at, live) === 0;
      return inStep ? read(file) : null;
    });
    return answer ?? null;
  }
}
