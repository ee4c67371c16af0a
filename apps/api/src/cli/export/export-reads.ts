import { ABSENT_DAY, type Clock, statementTextsOf } from '@app/projections';
import {
  FileStatementRows,
  type IncidentAtCut,
  incidentResolver,
  incidentsAt,
  type ReadCut,
  type ReadStore,
  reportIncidentsOf,
  responseMatrixAt,
  situationIdsAt,
  statementsByIdAt,
} from '@app/read-store';
import type { CcmState, IsoDate } from '@app/domain';
import type { StatementStreams } from '../../statements/statement-streams';
import { CliError } from '../cli-support';
import { incidentsOf, statementLines } from './export-formats';

/** `--as-of`: a day (its end, UTC) or an instant. */
export function parseAsOfInstant(value: string): Date {
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T23:59:59.999Z`) : new Date(value);
  if (Number.isNaN(instant.getTime()))
    throw new CliError(`--as-of must be YYYY-MM-DD or an ISO instant (got "${value}")`, 2);
  return instant;
}

export function parseClock(value: string): Clock {
  if (value !== 'KNOWN' && value !== 'RECORDED') throw new CliError('--clock must be KNOWN or RECORDED', 2);
  return value;
}

/** Statements whose details are read together, then their words from the store. */
const STATEMENT_CHUNK = 500;

/**
 * What an export reads, as of one cut: the projection file (held at one checkpoint by the caller, so that every
 * file of one export says the same registry) through the readers the service's questions use, and the statements'
 * words from their streams in the store. Bounded reads: the incidents of the cut, the statements as compact rows
 * and a chunk of them at a time; never the whole store in memory.
 */
export class ExportReads {
  private incidentList?: IncidentAtCut[];
  private sortedIncidents?: IncidentAtCut[];
  private rows?: FileStatementRows;

  constructor(
    private readonly file: ReadStore,
    private readonly streams: StatementStreams,
    private readonly cut: ReadCut,
  ) {}

  /** Every canonical incident at the cut (withdrawn ones kept), by occurrence date then id. */
  incidents(): IncidentAtCut[] {
    this.sortedIncidents ??= incidentsOf(this.incidentsAt());
    return this.sortedIncidents;
  }

  private incidentsAt(): IncidentAtCut[] {
    this.incidentList ??= incidentsAt(this.file.db, this.cut, this.file.policy);
    return this.incidentList;
  }

  private statementRows(): FileStatementRows {
    this.rows ??= FileStatementRows.load(this.file.db);
    return this.rows;
  }

  /**
   * The statements of the cut as CSV, header first, by delivery date then recording order, each with its details
   * and words as of the cut (a correction after it left out), a chunk of statements at a time. `count` is told
   * how many there are before the first line.
   */
  async *statementsCsv(count?: (statements: number) => void): AsyncGenerator<string> {
    const rows = this.statementRows().at(this.cut);
    const order: number[] = [];
    for (let row = 0; row < rows.length; row++) if (rows.dayOf(row) !== ABSENT_DAY) order.push(row);
    order.sort((a, b) => rows.dayOf(a) - rows.dayOf(b) || a - b);
    count?.(order.length);
    yield statementLines([], true);
    const resolve = incidentResolver(this.file.db, this.cut);
    for (let start = 0; start < order.length; start += STATEMENT_CHUNK) {
      const ids = rows.statementIdsOf(order.slice(start, start + STATEMENT_CHUNK));
      const byId = new Map(statementsByIdAt(this.file.db, this.cut, ids, resolve).map((s) => [s.statementId, s]));
      const statements = await Promise.all(
        ids.map(async (id) => {
          const node = byId.get(id)!;
          const within = new Set(node.eventIds);
          const texts = statementTextsOf((await this.streams.events(id)).filter((e) => within.has(e.id)));
          if (texts === null) throw new Error(`statement ${id} is in the projection file but not in its stream`);
          return { ...node, ...texts };
        }),
      );
      yield statementLines(statements, false);
    }
  }

  /**
   * The response matrix as the `responseMatrix` query gives it, over every situation registered within the cut and/or
   * every canonical incident of it: one row per (State Party, subject).
   */
  matrix(
    states: readonly CcmState[],
    subjects: { situations: boolean; incidents: boolean },
    asOfDate: IsoDate | undefined,
  ): ReturnType<typeof responseMatrixAt> {
    return responseMatrixAt(this.file.db, this.cut, this.file.policy, this.statementRows(), {
      states,
      subjects: {
        situationIds: subjects.situations ? situationIdsAt(this.file.db, this.cut) : [],
        incidentIds: subjects.incidents ? this.incidents().map((i) => i.incidentId) : [],
      },
      asOfDate,
      incidents: reportIncidentsOf(this.incidentsAt()),
    });
  }
}
