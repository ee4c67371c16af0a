import * as fs from 'node:fs';
import * as path from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import type { EventStore } from '@app/event-store';
import { type Clock, type Cut, isoDateOf, type RegistryModel } from '@app/projections';
import { CliConfig, CliError, configuredStore, note, withStore } from './cli-support';
import { writeEventLog, writeText } from './export/event-lines';
import { EvidenceManifest } from '../evidence/evidence-custody';
import { incidentsCsv, incidentsGeoJson, statementsCsv } from './export/export-formats';
import { foldStore, parseAsOfInstant, parseClock } from './export/export-model';
import { MATRIX_SUBJECTS, type MatrixSubjects, matrixCsv } from './export/matrix-csv';
import { ReferenceData } from '../reference/reference-data';

const WHAT = ['incidents', 'statements', 'matrix', 'events', 'evidence', 'all'] as const;
type What = (typeof WHAT)[number];

interface ExportOptions {
  format?: 'csv' | 'geojson';
  asOf?: Date;
  clock: Clock;
  out?: string;
  dir?: string;
  subjects?: MatrixSubjects;
}

@Command({
  name: 'export',
  arguments: '<what>',
  description:
    'export incidents with their assessment (CSV or GeoJSON), statements (CSV), the response matrix (CSV: ' +
    'States Parties x situations/incidents), the event log (NDJSON: a complete, ordered backup), the evidence ' +
    'manifest (JSON), or all of them into --dir',
})
export class ExportCommand extends CommandRunner {
  constructor(private readonly config: CliConfig) {
    super();
  }

  async run([what]: string[], options: ExportOptions): Promise<void> {
    if (!(WHAT as readonly string[]).includes(what)) throw new CliError(`export what? one of ${WHAT.join(', ')}`, 2);
    const config = this.config.get();
    const cut: Cut | undefined = options.asOf ? { clock: options.clock, at: options.asOf } : undefined;
    await withStore(configuredStore(config), (store) => this.export(what as What, store, cut, options), config);
  }

  /** The report date is the --as-of day; without it, the latest evidence date (as the query does). */
  private matrix(model: RegistryModel, cut: Cut | undefined, subjects: MatrixSubjects = 'all'): string {
    const reference = new ReferenceData(this.config.get().referenceDataDir);
    return matrixCsv(model, reference.ccmStates, subjects, cut ? isoDateOf(cut.at) : undefined);
  }

  private async export(what: What, store: EventStore, cut: Cut | undefined, options: ExportOptions): Promise<void> {
    switch (what) {
      case 'incidents': {
        const model = await foldStore(store, cut);
        return writeText(options.out, options.format === 'geojson' ? incidentsGeoJson(model) : incidentsCsv(model));
      }
      case 'statements':
        return writeText(options.out, statementsCsv(await foldStore(store, cut)));
      case 'matrix':
        return writeText(options.out, this.matrix(await foldStore(store, cut), cut, options.subjects));
      case 'events': {
        const count = await writeEventLog(store, options.out, new EvidenceManifest());
        return note(`${count} events`);
      }
      case 'evidence': {
        const manifest = new EvidenceManifest();
        for await (const batch of store.readAllBatches()) for (const stored of batch) manifest.add(stored);
        return writeText(options.out, `${JSON.stringify({ files: manifest.entries() }, null, 1)}\n`);
      }
      case 'all':
        return this.exportAll(store, cut, options.dir);
      default: {
        const _exhaustive: never = what;
        return _exhaustive;
      }
    }
  }

  private async exportAll(store: EventStore, cut: Cut | undefined, dir: string | undefined): Promise<void> {
    if (!dir) throw new CliError('export all needs --dir <directory>', 2);
    fs.mkdirSync(dir, { recursive: true });
    const manifest = new EvidenceManifest();
    const count = await writeEventLog(store, path.join(dir, 'events.ndjson'), manifest);
    const model = await foldStore(store, cut);
    fs.writeFileSync(path.join(dir, 'incidents.csv'), incidentsCsv(model));
    fs.writeFileSync(path.join(dir, 'incidents.geojson'), incidentsGeoJson(model));
    fs.writeFileSync(path.join(dir, 'statements.csv'), statementsCsv(model));
    fs.writeFileSync(path.join(dir, 'matrix.csv'), this.matrix(model, cut));
    // Only when some event cites files (evidence files, issue 16).
    if (manifest.entries().length > 0)
      fs.writeFileSync(
        path.join(dir, 'evidence-manifest.json'),
        `${JSON.stringify({ files: manifest.entries() }, null, 1)}\n`,
      );
    note(
      `${count} events; ${model.incidents.size} incidents; ${model.statements.size} statements; ` +
        `${manifest.entries().length} evidence files -> ${dir}`,
    );
  }

  @Option({ flags: '--format <format>', description: 'incidents: csv (default) or geojson' })
  parseFormat(value: string): string {
    if (value !== 'csv' && value !== 'geojson') throw new CliError('--format must be csv or geojson', 2);
    return value;
  }

  @Option({ flags: '--as-of <date>', description: 'the registry as of a day (YYYY-MM-DD) or an ISO instant' })
  parseAsOf(value: string): Date {
    return parseAsOfInstant(value);
  }

  @Option({
    flags: '--clock <clock>',
    description: 'with --as-of: RECORDED (what the registry held; default) or KNOWN (evidence dates)',
    defaultValue: 'RECORDED',
  })
  parseClock(value: string): Clock {
    return parseClock(value);
  }

  @Option({
    flags: '--subjects <subjects>',
    description: 'matrix: all (default: every situation, then every incident), situations or incidents',
  })
  parseSubjects(value: string): MatrixSubjects {
    if (!(MATRIX_SUBJECTS as readonly string[]).includes(value))
      throw new CliError(`--subjects must be one of ${MATRIX_SUBJECTS.join(', ')}`, 2);
    return value as MatrixSubjects;
  }

  @Option({ flags: '--out <file>', description: 'write to this file instead of stdout' })
  parseOut(value: string): string {
    return value;
  }

  @Option({ flags: '--dir <directory>', description: 'for `all`: the directory to write every export into' })
  parseDir(value: string): string {
    return value;
  }
}
