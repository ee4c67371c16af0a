import { Inject, Injectable } from '@nestjs/common';
import { EventStore, type StoredEvent } from '@app/event-store';
import { statementStream } from '@app/domain';
import { type StatementTexts, statementTextsOf } from '@app/projections';

/**
 * A statement's stream, read from the store: its words (quote, citation) and which fields each correction changed
 * are kept only there, not in the projection file, and read when a query selects them.
 */
@Injectable()
export class StatementStreams {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async events(id: string): Promise<StoredEvent[]> {
    const events: StoredEvent[] = [];
    for await (const stored of this.store.readStream(statementStream(id))) events.push(stored);
    return events;
  }

  /** The streams of the statements `ids` (a page of them), read together: by id, an unknown one's empty. */
  async eventsOf(ids: readonly string[]): Promise<Map<string, StoredEvent[]>> {
    const read = await this.store.readStreams(ids.map(statementStream));
    return new Map(ids.map((id) => [id, read.get(statementStream(id)) ?? []]));
  }

  /** Its quote and citation as last corrected; null when there is no such statement. */
  async texts(id: string): Promise<StatementTexts | null> {
    return statementTextsOf(await this.events(id));
  }
}
