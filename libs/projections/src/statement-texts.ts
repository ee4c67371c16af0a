import { upcast } from '@app/domain';
import type { Citation } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import type { StatementView } from './model';

export interface StatementTexts {
  quote: string;
  citation: Citation;
}

/**
 * What a lean model (the live projection's) holds in place of a statement's quote and citation: the
 * texts are most of a statement's weight and no query selects on them, so they stay in the store and
 * are read from the statement's stream when asked for (see statementTextsOf).
 */
export const TEXTS_IN_STORE: StatementTexts = Object.freeze({ quote: '', citation: Object.freeze({ url: '' }) });

/** Whether the view holds its texts (false in a lean model: read them with statementTextsOf). */
export const holdsStatementTexts = (view: Pick<StatementView, 'citation'>): boolean =>
  view.citation !== TEXTS_IN_STORE.citation;

/** The quote and citation as last corrected, from the statement's stream; null when it was never recorded. */
export function statementTextsOf(events: Iterable<StoredEvent>): StatementTexts | null {
  let texts: StatementTexts | null = null;
  for (const stored of events) {
    const event = upcast(stored.type, stored.data, stored.metadata?.schemaVersion ?? 1);
    if (event?.type === 'StatementRecorded') texts ??= { quote: event.data.quote, citation: event.data.citation };
    else if (event?.type === 'StatementCorrected' && texts !== null) {
      texts = {
        quote: event.data.changes.quote ?? texts.quote,
        citation: event.data.changes.citation ?? texts.citation,
      };
    }
  }
  return texts;
}
