import type { Command, CommandBus } from '@nestjs/cqrs';
import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { DomainError } from '@app/domain';
import { ApiError } from '../../graphql/error-codes';
import { keyedId } from '../../shared/keyed-id';
import type { RequestMeta } from '../../shared/request-meta';
import { CliError } from '../cli-support';
import { cell, type ImportFile, type ImportKindName } from './import-file';
import {
  creationKey,
  EXTERNAL_ID,
  type FieldProblem,
  type ImportKind,
  type KindContext,
  type KindTable,
} from './import-kinds';
import { INCIDENT_ROWS, SOURCE_ROWS } from './incident-rows';
import { CORROBORATION_ROWS, STATEMENT_ROWS } from './evidence-rows';
import { RESOLUTION_VOTE_ROWS } from './resolution-rows';
import { SITUATION_ROWS } from './situation-rows';

/** Each importable kind of row (null: reserved, not importable yet). */
export const KINDS: KindTable = {
  sources: SOURCE_ROWS,
  incidents: INCIDENT_ROWS,
  corroborations: CORROBORATION_ROWS,
  statements: STATEMENT_ROWS,
  situations: SITUATION_ROWS,
  'resolution-votes': RESOLUTION_VOTE_ROWS,
};

export interface Rejection extends FieldProblem {
  line: number;
  externalId?: string;
}

/** One write the import will make, in order. */
export interface PlannedWrite {
  line: number;
  externalId: string;
  verb: 'add' | 'correct' | 'withdraw';
  command: Command<string>;
}

export interface ImportPlan {
  writes: PlannedWrite[];
  rejections: Rejection[];
  unchanged: number;
  /** Rows gone from the file whose kind has no withdrawal (sources, statements): kept, and listed. */
  kept: string[];
  /** Why withdrawals were not looked for (a row without a usable externalId), if so. */
  withdrawalsSkipped?: string;
}

export interface ImportSummary {
  added: number;
  corrected: number;
  withdrawn: number;
  unchanged: number;
  rejected: number;
  kept: number;
  /** Set when the run was stopped (SIGINT, SIGTERM) before its last write: the writes done by then. */
  interruptedAfter?: number;
}

export function kindOf(name: ImportKindName): ImportKind {
  const kind = KINDS[name];
  if (!kind) throw new CliError(`${name}: cannot be imported yet`, 2);
  return kind;
}

function flatten(errors: ValidationError[], prefix: string, out: { path: string; message: string }[]) {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) out.push({ path, message: Object.values(error.constraints).join('; ') });
    if (error.children?.length) flatten(error.children, path, out);
  }
  return out;
}

/** Validates a row with the mutation's own class-validator DTO; problems named by the file's columns. */
async function validateRow(kind: ImportKind, input: object): Promise<{ instance: object; problems: FieldProblem[] }> {
  const instance: object = plainToInstance(kind.dto, input, { exposeDefaultValues: true });
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  const problems = flatten(errors, '', []).map(({ path, message }) => ({
    field: kind.fieldColumns[path] ?? kind.fieldColumns[path.replace(/\.\d+$/, '')] ?? path.replace(/\.\d+$/, ''),
    message,
  }));
  return { instance, problems };
}

/** Reads every row, validates it and compares it with the registry; nothing is written here. */
export async function planImport(file: ImportFile, ctx: KindContext): Promise<ImportPlan> {
  const kind = kindOf(file.kind);
  const plan: ImportPlan = { writes: [], rejections: [], unchanged: 0, kept: [] };
  const seen = new Set<string>();
  const known = new Set(kind.columns);
  const grouped = kind.group ? kind.group(file.rows) : { rows: file.rows, problems: [] };
  for (const { row, ...problem } of grouped.problems)
    plan.rejections.push({ ...problem, line: row.line, externalId: cell.text(row.cells.externalId) });
  for (const row of grouped.rows) {
    const externalId =
      typeof row.cells.externalId === 'string' || typeof row.cells.externalId === 'number'
        ? String(row.cells.externalId).trim()
        : '';
    const reject = (problems: FieldProblem[]) =>
      plan.rejections.push(...problems.map((p) => ({ ...p, line: row.line, externalId })));
    const unknown = Object.keys(row.cells).filter((column) => !known.has(column));
    if (unknown.length > 0) {
      reject(
        unknown.map((column) => ({ field: column, message: `unknown column (expected: ${kind.columns.join(', ')})` })),
      );
      continue;
    }
    if (!EXTERNAL_ID.test(externalId)) {
      plan.withdrawalsSkipped = `line ${row.line} has no usable externalId`;
      reject([{ field: 'externalId', message: 'externalId must be 1-48 letters, digits, _ or -' }]);
      continue;
    }
    if (seen.has(externalId)) {
      reject([{ field: 'externalId', message: `externalId ${externalId} appears twice in the file` }]);
      continue;
    }
    seen.add(externalId);
    const key = creationKey(ctx.dataset, kind.short, externalId);
    const { instance, problems } = await validateRow(kind, { ...kind.toInput(row.cells, ctx), idempotencyKey: key });
    const found = problems.length > 0 ? problems : kind.check(instance, ctx);
    if (found.length > 0) {
      reject(found);
      continue;
    }
    const id = keyedId(key, kind.purpose);
    const revision = kind.revision(id, ctx);
    if (revision === undefined) {
      plan.writes.push({ line: row.line, externalId, verb: 'add', command: kind.create(instance, ctx.meta) });
      continue;
    }
    const changeKey = `${key}:fix:${ctx.asOf}:r${revision}`;
    const change = await kind.change(id, instance, changeKey, ctx);
    if (change === null) plan.unchanged++;
    else if ('command' in change)
      plan.writes.push({ line: row.line, externalId, verb: change.verb, command: change.command });
    else reject([change]);
  }
  if (!plan.withdrawalsSkipped) planWithdrawals(kind, seen, ctx, plan);
  return plan;
}

/** Rows imported into this dataset before and absent now are withdrawn (retracted, for corroborations). */
function planWithdrawals(kind: ImportKind, seen: Set<string>, ctx: KindContext, plan: ImportPlan): void {
  const prefix = creationKey(ctx.dataset, kind.short, '');
  for (const key of ctx.registry.keysStartingWith(prefix)) {
    const externalId = key.slice(prefix.length);
    if (!EXTERNAL_ID.test(externalId) || seen.has(externalId)) continue;
    const withdrawal = kind.withdraw(keyedId(key, kind.purpose), `${key}:out:${ctx.asOf}`, ctx);
    if (withdrawal === 'unsupported') plan.kept.push(externalId);
    else if (withdrawal) plan.writes.push({ line: 0, externalId, verb: 'withdraw', command: withdrawal });
  }
}

/** The same command, decided but not appended (see CommandMeta.dryRun). */
function dryRunOf(command: Command<string>): Command<string> {
  const { meta } = command as unknown as { meta: RequestMeta };
  return Object.assign(Object.create(Object.getPrototypeOf(command) as object) as Command<string>, command, {
    meta: { ...meta, dryRun: true },
  });
}

/** Runs one write; a refusal by the handler or the decider becomes a rejection of its row. */
async function attempt(
  write: PlannedWrite,
  command: Command<string>,
  commands: CommandBus,
  plan: ImportPlan,
): Promise<boolean> {
  try {
    await commands.execute(command);
    return true;
  } catch (error) {
    if (!(error instanceof DomainError) && !(error instanceof ApiError)) throw error;
    const field = error instanceof DomainError ? error.field : (error.details.field as string | undefined);
    plan.rejections.push({
      line: write.line,
      externalId: write.externalId,
      field: field ?? 'row',
      message: error.message,
    });
    return false;
  }
}

/**
 * Decides every planned write without appending, so that a row the domain refuses (a date in the future, a
 * coalition of one State) is rejected before anything is written; those writes leave the plan.
 */
export async function checkImport(plan: ImportPlan, commands: CommandBus): Promise<void> {
  const passed: PlannedWrite[] = [];
  for (const write of plan.writes)
    if (await attempt(write, dryRunOf(write.command), commands, plan)) passed.push(write);
  plan.writes = passed;
}

export const rejectedRows = (plan: ImportPlan) => new Set(plan.rejections.map((r) => `${r.line}|${r.externalId}`)).size;

/**
 * Runs the planned writes in order through the command bus (the service's handlers and executor); `stopped` is asked
 * before each write: each is a whole command, so a run stopped between two leaves no row half-written.
 */
export async function runImport(
  plan: ImportPlan,
  commands: CommandBus,
  progress: (done: number) => void,
  stopped: () => boolean = () => false,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    added: 0,
    corrected: 0,
    withdrawn: 0,
    unchanged: plan.unchanged,
    rejected: 0,
    kept: plan.kept.length,
  };
  for (const [i, write] of plan.writes.entries()) {
    if (stopped()) {
      summary.interruptedAfter = i;
      break;
    }
    if (await attempt(write, write.command, commands, plan)) {
      summary[write.verb === 'add' ? 'added' : write.verb === 'correct' ? 'corrected' : 'withdrawn']++;
    }
    progress(i + 1);
  }
  summary.rejected = rejectedRows(plan);
  return summary;
}
