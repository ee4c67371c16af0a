import * as path from 'node:path';
import { SingleBar } from 'cli-progress';
import { uuidv7 } from '@app/event-store';
import type { AppConfig } from '../../config/config';
import { CliError, note, print } from '../cli-support';
import { openRegistry } from '../registry-context';
import { readImportFile } from './import-file';
import { RegistryNow } from './registry-now';
import { checkImport, type ImportPlan, type ImportSummary, planImport, rejectedRows, runImport } from './importer';

export interface ImportOptions {
  kind?: string;
  strict?: boolean;
  asOf: string;
  dataset: string;
  actor: string;
  json?: boolean;
}

/** Rows the file no longer holds that stay in the registry, named on stderr (all of them with --json). */
const KEPT_LISTED = 20;

function report(file: string, plan: ImportPlan, summary: ImportSummary, json?: boolean): void {
  for (const r of plan.rejections)
    note(`${file}:${r.line}${r.externalId ? ` (${r.externalId})` : ''}: ${r.field}: ${r.message}`);
  if (plan.kept.length > 0) {
    const more = plan.kept.length - KEPT_LISTED;
    const listed = plan.kept.slice(0, KEPT_LISTED).join(', ');
    note(`kept (this kind cannot be withdrawn): ${listed}${more > 0 ? ` and ${more} more (--json lists all)` : ''}`);
  }
  if (summary.interruptedAfter !== undefined) {
    note(
      `interrupted after ${summary.interruptedAfter} of ${plan.writes.length} writes: ` +
        'run the same import again to finish (it writes only what is missing)',
    );
  }
  if (plan.withdrawalsSkipped) note(`withdrawals not looked for: ${plan.withdrawalsSkipped}`);
  if (json) print(JSON.stringify({ ...summary, rejections: plan.rejections, kept: plan.kept }));
  else
    print(
      `added ${summary.added}, corrected ${summary.corrected}, withdrawn ${summary.withdrawn}, ` +
        `unchanged ${summary.unchanged}, rejected ${summary.rejected}`,
    );
}

/**
 * Plans the import (every row validated and compared with the registry), decides every write without appending,
 * then (unless --strict found a bad row) writes in file order through the service's command path. Returns the
 * exit code: 1 when a row was rejected.
 */
export async function importFile(file: string, options: ImportOptions, config: AppConfig): Promise<number> {
  const { asOf, dataset } = options;
  if (asOf > new Date().toISOString().slice(0, 10)) throw new CliError('--as-of cannot be in the future', 2);
  const read = readImportFile(file, options.kind);
  const registry = await openRegistry(config);
  try {
    const ctx = {
      dataset,
      asOf,
      reason: `Import of ${path.basename(file)} (dataset ${dataset}, as of ${asOf})`,
      meta: { actor: options.actor, correlationId: uuidv7() },
      registry: new RegistryNow(registry.file),
      statements: registry.statements,
      reference: registry.reference,
    };
    const plan = await planImport(read, ctx);
    await checkImport(plan, registry.commands);
    let summary: ImportSummary;
    if (options.strict && plan.rejections.length > 0) {
      summary = {
        added: 0,
        corrected: 0,
        withdrawn: 0,
        unchanged: plan.unchanged,
        rejected: rejectedRows(plan),
        kept: plan.kept.length,
      };
      note(`--strict: ${summary.rejected} row(s) rejected, nothing written`);
    } else {
      const bar =
        process.stderr.isTTY && plan.writes.length > 20 ? new SingleBar({ stream: process.stderr }) : undefined;
      bar?.start(plan.writes.length, 0);
      // Ctrl-C stops between two writes and says how far it got; a second one ends the process at once.
      let stop = false;
      const interrupt = () => (stop = true);
      process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
      try {
        summary = await runImport(
          plan,
          registry.commands,
          (done) => bar?.update(done),
          () => stop,
        );
      } finally {
        process.off('SIGINT', interrupt).off('SIGTERM', interrupt);
        bar?.stop();
      }
    }
    report(file, plan, summary, options.json);
    if (summary.interruptedAfter !== undefined) return 130;
    return summary.rejected > 0 ? 1 : 0;
  } finally {
    await registry.close();
  }
}
