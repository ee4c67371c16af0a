import * as path from 'node:path';
import { SingleBar } from 'cli-progress';
import { Command, CommandRunner, Option } from 'nest-commander';
import { uuidv7 } from '@app/event-store';
import { CliConfig, CliError, note, parseIsoDate, print } from './cli-support';
import { IMPORT_KINDS, readImportFile } from './import/import-file';
import { checkImport, type ImportSummary, planImport, type Rejection, rejectedRows, runImport } from './import/importer';
import { openRegistry } from './registry-context';

interface ImportOptions { kind?: string; strict?: boolean; asOf?: string; dataset: string; actor: string; json?: boolean }

const DATASET = /^[A-Za-z0-9_-]{1,32}$/;
const today = () => new Date().toISOString().slice(0, 10);

@Command({
  name: 'import',
  arguments: '<file>',
  description: `import a CSV or JSON file of ${IMPORT_KINDS.join(', ')} (columns: see the README); every row is validated `
    + 'before anything is written; a re-import appends only what changed (new rows, corrections, withdrawals of rows that disappeared)',
})
export class ImportCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  async run([file]: string[], options: ImportOptions): Promise<void> {
    if (!DATASET.test(options.dataset)) throw new CliError('--dataset must be 1-32 letters, digits, _ or -', 2);
    const asOf = options.asOf ?? today();
    if (asOf > today()) throw new CliError('--as-of cannot be in the future', 2);
    const read = readImportFile(file, options.kind);
    const registry = await openRegistry(this.config.get());
    try {
      const ctx = {
        dataset: options.dataset, asOf, reason: `Import of ${path.basename(file)} (dataset ${options.dataset}, as of ${asOf})`,
        meta: { actor: options.actor, correlationId: uuidv7() }, model: registry.readModel.model,
        readModel: registry.readModel, reference: registry.reference,
      };
      const plan = await planImport(read, ctx);
      await checkImport(plan, registry.commands);
      let summary: ImportSummary;
      if (options.strict && plan.rejections.length > 0) {
        summary = { added: 0, corrected: 0, withdrawn: 0, unchanged: plan.unchanged, rejected: rejectedRows(plan), kept: plan.kept.length };
        note(`--strict: ${summary.rejected} row(s) rejected, nothing written`);
      } else {
        const bar = process.stderr.isTTY && plan.writes.length > 20 ? new SingleBar({ stream: process.stderr }) : undefined;
        bar?.start(plan.writes.length, 0);
        summary = await runImport(plan, registry.commands, (done) => bar?.update(done));
        bar?.stop();
      }
      this.report(file, plan.rejections, plan.kept, plan.withdrawalsSkipped, summary, options.json);
      if (summary.rejected > 0) process.exitCode = 1;
    } finally {
      await registry.close();
    }
  }

  private report(file: string, rejections: Rejection[], kept: string[], skipped: string | undefined, summary: ImportSummary, json?: boolean) {
    for (const r of rejections) note(`${file}:${r.line}${r.externalId ? ` (${r.externalId})` : ''}: ${r.field}: ${r.message}`);
    if (kept.length > 0) note(`kept (this kind cannot be withdrawn): ${kept.join(', ')}`);
    if (skipped) note(`withdrawals not looked for: ${skipped}`);
    if (json) print(JSON.stringify({ ...summary, rejections, kept }));
    else print(`added ${summary.added}, corrected ${summary.corrected}, withdrawn ${summary.withdrawn}, unchanged ${summary.unchanged}, rejected ${summary.rejected}`);
  }

  @Option({ flags: '--kind <kind>', description: `what the file holds (${IMPORT_KINDS.join('|')}); default: from the file name` })
  parseKind(value: string): string {
    return value;
  }

  @Option({ flags: '--strict', description: 'write nothing if any row is bad' })
  parseStrict(): boolean {
    return true;
  }

  @Option({ flags: '--as-of <date>', description: 'the evidence date of this snapshot (YYYY-MM-DD, default today): '
    + 'corrections and withdrawals are dated with it, so that clock KNOWN reproduces each snapshot' })
  parseAsOf(value: string): string {
    return parseIsoDate(value, '--as-of');
  }

  @Option({ flags: '--dataset <name>', description: 'the dataset the rows belong to (external ids are unique within it)', defaultValue: 'default' })
  parseDataset(value: string): string {
    return value;
  }

  @Option({ flags: '--actor <name>', description: 'who the events name as their actor', defaultValue: 'cli-import' })
  parseActor(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the summary as one JSON line' })
  parseJson(): boolean {
    return true;
  }
}
