import { type Citation, upcast } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { ccmStatusOf, type StatementTexts, statementTextsOf } from '@app/projections';
import type { StatementAtCut } from '@app/read-store';
import type { ReferenceData } from '../reference/reference-data';
import type { CorrectionObject } from '../incidents/objects/correction.object';
import type { StatementObject } from './objects/statement.object';
import { toScopeObject } from './objects/scope.object';

/**
 * A statement listed from the projection file as of a cut. Its details come from the file; its words (quote,
 * citation) and the fields each correction changed stay in the event store (the file does not carry them): the
 * statement's stream is read once, and only when a query selects one of them, keeping the events within the
 * cut (the node's event ids), so the words are those of the cut. These fields are promises, which GraphQL awaits.
 */
export class ListedStatement {
  id: string;
  revision: number;
  speakers: StatementObject['speakers'];
  onBehalfOf?: string;
  kind: StatementObject['kind'];
  venue: StatementObject['venue'];
  deliveredOn: string;
  incidentIds: string[];
  namesUser: boolean;
  scope: StatementObject['scope'];
  recordedAt: Date;
  private within?: Promise<StoredEvent[]>;

  constructor(
    private readonly node: StatementAtCut,
    reference: ReferenceData,
    private readonly load: () => Promise<StoredEvent[]>,
  ) {
    this.id = node.statementId;
    this.revision = node.revision;
    this.speakers = node.speakers.map((stateCode) => ({
      stateCode,
      name: reference.countries.get(stateCode),
      ccmStatus: ccmStatusOf(reference.ccmStates, stateCode, node.deliveredOn),
    }));
    this.onBehalfOf = node.onBehalfOf;
    this.kind = node.kind;
    this.venue = node.venue;
    this.deliveredOn = node.deliveredOn;
    this.incidentIds = node.canonicalIncidentIds;
    this.namesUser = node.namesUser;
    this.scope = toScopeObject(node.canonicalIncidentIds, node.scope);
    this.recordedAt = node.recordedAt;
  }

  /** Its events within the cut, in stream order. */
  private events(): Promise<StoredEvent[]> {
    const ids = new Set(this.node.eventIds);
    return (this.within ??= this.load().then((events) => events.filter((e) => ids.has(e.id))));
  }

  /** Its quote and citation as corrected within the cut. */
  async texts(): Promise<StatementTexts> {
    const texts = statementTextsOf(await this.events());
    if (texts === null) throw new Error(`statement ${this.id} is in the projection file but not in its stream`);
    return texts;
  }

  get quote(): Promise<string> {
    return this.texts().then((t) => t.quote);
  }

  get citation(): Promise<Citation> {
    return this.texts().then((t) => t.citation);
  }

  /** The corrections within the cut, each with the fields its event changed (its words included). */
  get corrections(): Promise<CorrectionObject[]> {
    if (this.node.corrections.length === 0) return Promise.resolve([]);
    return this.events().then((events) =>
      this.node.corrections.map((c) => {
        const stored = events.find((e) => e.id === c.eventId);
        const event = stored && upcast(stored.type, stored.data, stored.metadata?.schemaVersion ?? 1);
        const changes = event?.type === 'StatementCorrected' ? event.data.changes : c.changes;
        return { fields: Object.keys(changes), reason: c.reason, correctedOn: c.correctedOn };
      }),
    );
  }
}

export const toListedStatementObject = (
  node: StatementAtCut,
  reference: ReferenceData,
  load: () => Promise<StoredEvent[]>,
): StatementObject => new ListedStatement(node, reference, load) as unknown as StatementObject;
