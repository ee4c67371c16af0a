import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Connection, IncidentPageArgs } from '@app/projections';
import {
  type CorroborationFields,
  type IncidentAtCut,
  liveIncident,
  type LiveIncident,
  type LiveIncidentFilter,
  liveIncidentPage,
  liveMatching,
  type MatchedIncident,
  type ReadStore,
} from '@app/read-store';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ReadModelService } from '../read-model/read-model.service';
import { ReadStoreService } from './read-store.service';

/** Answers kept while the file stands still (an incident with its corroborations: a few KiB); beyond, half go. */
const KEPT = 1024;

/**
 * Answers read from one file at one checkpoint, kept until it moves: the rows they come from cannot change before,
 * so a repeated question (the same incident, the same page) is not read again. Every fold clears them.
 */
class AtCheckpoint {
  private file: ReadStore | null = null;
  private seq = -1;
  private readonly kept = new Map<string, unknown>();

  get<T>(file: ReadStore, key: string, read: () => T): T {
    const { seq } = file.checkpoint();
    if (file !== this.file || seq !== this.seq) {
      this.kept.clear();
      this.file = file;
      this.seq = seq;
    }
    if (this.kept.has(key)) return this.kept.get(key) as T;
    const answer = read();
    if (this.kept.size >= KEPT) {
      let n = 0;
      for (const k of this.kept.keys()) if (n++ < KEPT / 2) this.kept.delete(k);
    }
    this.kept.set(key, answer);
    return answer;
  }
}

/**
 * The questions about now, answered from the projection file's live rows: the assessment and history the fold
 * stored, never the policy run on a read. A read waits until the file shows every event the live model shows
 * (read-your-writes), and answers null when the file is not serving or has not caught up within the
 * read-your-writes timeout: the caller asks the in-memory model then.
 */
@Injectable()
export class LiveReads {
  private readonly kept = new AtCheckpoint();

  constructor(
    private readonly readModel: ReadModelService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    /** The projection file, when this context keeps one (the service does; the CLI does not). */
    @Optional() @Inject(ReadStoreService) private readonly file: ReadStoreService | null = null,
  ) {}

  /**
   * The incident `id` resolves to now (`incident` null: none), with those `fields` of its corroborations;
   * null when the file cannot answer.
   */
  incident(id: string, fields: CorroborationFields | null): Promise<{ incident: LiveIncident | null } | null> {
    return this.fromFile((file) =>
      this.kept.get(file, `incident|${JSON.stringify(fields)}|${id}`, () => ({
        incident: liveIncident(file.db, id, file.policy, fields),
      })),
    );
  }

  /**
   * A page of the canonical incidents now, as `listIncidents` pages the live model, and with `overview` every
   * incident the filter keeps (what a tally and a map count), read together; null when the file cannot answer (or
   * an incident is due to be assessed: see liveIncidentPage).
   */
  incidentPage(
    filter: LiveIncidentFilter,
    args: IncidentPageArgs,
    overview: boolean,
  ): Promise<{ page: Connection<IncidentAtCut>; matched: MatchedIncident[] | null } | null> {
    return this.fromFile((file) =>
      this.kept.get(file, `page|${overview}|${JSON.stringify([filter, args])}`, () =>
        file.db.transaction(() => {
          const page = liveIncidentPage(file.db, filter, args, file.policy);
          const matched = overview ? liveMatching(file.db, filter, file.policy) : null;
          return page === null || (overview && matched === null) ? null : { page, matched };
        })(),
      ),
    );
  }

  private async fromFile<T>(read: (file: ReadStore) => T | null): Promise<T | null> {
    if (this.file === null) return null;
    const { checkpoint } = this.readModel.model;
    return this.file.readCaughtUp(checkpoint, this.config.readYourWritesTimeoutMs, read);
  }
}
