import { STATEMENT_KINDS, type StatementKind } from '@app/domain';
import { dayNumber } from './day-numbers';
import type { StatementView } from './model';
import type { StatementRows } from './report-source';

const KIND_CODES = new Map<StatementKind, number>(STATEMENT_KINDS.map((kind, code) => [kind, code]));

/** The number of `name`, given when first met (the scan reads the whole numbering before the rows). */
function numberOf(numbers: Map<string, number>, names: string[], name: string): number {
  let n = numbers.get(name);
  if (n === undefined) {
    n = names.length;
    names.push(name);
    numbers.set(name, n);
  }
  return n;
}

/**
 * A model's statements as a report scans them: a row per statement of the statement map, in its order (recording
 * order: a correction changes a statement in place), every row present (a model holds only what is within its
 * cut). Numbered when built, from the statements as they are then: built per report, not kept.
 */
export class ModelStatementRows implements StatementRows {
  readonly incidentIds: string[] = [];
  readonly stateCodes: string[] = [];
  readonly scoped = new Set<number>();
  private readonly views: StatementView[];
  private readonly incidents: number[][];
  private readonly speakers: number[][];

  constructor(statements: ReadonlyMap<string, StatementView>) {
    this.views = [...statements.values()];
    const incidentNumbers = new Map<string, number>();
    const stateNumbers = new Map<string, number>();
    this.incidents = this.views.map((s) => s.incidentIds.map((id) => numberOf(incidentNumbers, this.incidentIds, id)));
    // Each State once, in order: a report hears a speaker once per statement.
    this.speakers = this.views.map((s) =>
      [...new Set(s.speakers)].map((code) => numberOf(stateNumbers, this.stateCodes, code)),
    );
    this.views.forEach((s, row) => {
      if (s.scope !== undefined) this.scoped.add(row);
    });
  }

  get length(): number {
    return this.views.length;
  }

  dayOf(row: number): number {
    return dayNumber(this.views[row].deliveredOn);
  }

  kindOf(row: number): number {
    return KIND_CODES.get(this.views[row].kind) ?? 0;
  }

  statementIdOf(row: number): string {
    return this.views[row].statementId;
  }

  view(row: number): StatementView {
    return this.views[row];
  }

  incidentNumbersInto(row: number, out: number[]): number {
    const numbers = this.incidents[row];
    numbers.forEach((n, i) => (out[i] = n));
    return numbers.length;
  }

  speakersInto(row: number, out: number[]): number {
    const states = this.speakers[row];
    states.forEach((n, i) => (out[i] = n));
    return states.length;
  }

  soleSpeaker(row: number): number {
    const states = this.speakers[row];
    return states.length === 1 ? states[0] : -1;
  }
}
