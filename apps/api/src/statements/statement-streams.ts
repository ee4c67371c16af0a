import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type StoredEvent } from '@app/event-store';
import { statementStream } from '@app/domain';
import { type StatementTexts, statementTextsOf } from '@app/projections';

/** Statement streams read in one request at most. */
const BATCH = 500;

/**
 * A statement's stream, read from the store: its words (quote, citation) and which fields each correction changed
 * are kept only there, not in the projection file, and read when a query selects them.
 */
@Injectable()
export class StatementStreams {
  private batch: { streams: string[]; read: Promise<Map<string, StoredEvent[]>> } | null = null;

  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  /**
   * Its stream's events. The streams asked for while the current work runs (GraphQL resolves the words of a list's
   * statements together: a State's timeline asks thousands) are read in one request (`readStreams`), up to `BATCH`.
   */
  events(id: string): Promise<StoredEvent[]> {
    const stream = statementStream(id);
    let batch = this.batch;
    if (batch === null || batch.streams.length >= BATCH) {
      const streams: string[] = [];
      // After the promise jobs already queued, as DataLoader does: those resolving siblings may ask too.
      const asked = Promise.resolve().then(() => new Promise<void>((resolve) => process.nextTick(resolve)));
      batch = this.batch = {
        streams,
        read: asked.then(() => {
          if (this.batch?.streams === streams) this.batch = null;
          return this.store.readStreams(streams);
        }),
      };
    }
    batch.streams.push(stream);
    return batch.read.then((read) => [...(read.get(stream) ?? [])]);
  }

  /** Its quote and citation as last corrected; null when there is no such statement. */
  async texts(id: string): Promise<StatementTexts | null> {
    return statementTextsOf(await this.events(id));
  }
}
