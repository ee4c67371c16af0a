import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { CliError } from '../cli-support';

export const IMPORT_KINDS = [
  'sources',
  'incidents',
  'corroborations',
  'statements',
  'situations',
  'resolution-votes',
] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

/** One row as read: its line in the file (the JSON array index + 1 for JSON) and its cells by column name. */
export interface ImportRow {
  line: number;
  cells: Record<string, unknown>;
}

export interface ImportFile {
  kind: ImportKindName;
  rows: ImportRow[];
}

function kindFrom(file: string, given?: string): ImportKindName {
  const named = given ?? IMPORT_KINDS.find((kind) => path.basename(file).toLowerCase().startsWith(kind));
  if (!named)
    throw new CliError(`cannot tell what ${file} holds: name it ${IMPORT_KINDS.join('|')}*.csv or give --kind`, 2);
  if (!(IMPORT_KINDS as readonly string[]).includes(named))
    throw new CliError(`--kind must be one of ${IMPORT_KINDS.join(', ')}`, 2);
  return named as ImportKindName;
}

function csvRows(text: string): ImportRow[] {
  const records = parse<{ record: Record<string, string>; info: { lines: number } }>(text, {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: false,
  });
  return records.map(({ record, info }) => ({ line: info.lines, cells: record }));
}

function jsonRows(text: string, file: string): { rows: ImportRow[]; kind?: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not JSON: ${(error as Error).message}`);
  }
  const envelope = Array.isArray(parsed) ? { rows: parsed } : (parsed as { kind?: string; rows?: unknown });
  if (!Array.isArray(envelope.rows))
    throw new CliError(`${file}: expected an array of rows, or { "kind": …, "rows": [ … ] }`);
  const rows = envelope.rows.map((cells, i) => ({
    line: i + 1,
    cells:
      cells !== null && typeof cells === 'object' && !Array.isArray(cells) ? (cells as Record<string, unknown>) : {},
  }));
  return { rows, kind: envelope.kind };
}

/**
 * The file's text, refused when it is not UTF-8: decoded leniently, a Latin-1 "é" would be imported as "�" without a
 * word. The line named is the first that is not UTF-8 (a newline byte is never part of a longer UTF-8 sequence).
 */
function utf8(bytes: Buffer, file: string): string {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return strict.decode(bytes);
  } catch {
    let line = 1;
    for (let start = 0; start <= bytes.length; line++) {
      const end = bytes.indexOf(0x0a, start);
      const last = end < 0 ? bytes.length : end;
      try {
        strict.decode(bytes.subarray(start, last));
      } catch {
        break;
      }
      start = last + 1;
    }
    throw new CliError(`${file} is not UTF-8 text (line ${line}): save it as UTF-8 and import it again`);
  }
}

/** Reads a CSV (header row; lists separated by `;`) or JSON file of one kind of rows. */
export function readImportFile(file: string, kind?: string): ImportFile {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const text = utf8(bytes, file);
  if (file.toLowerCase().endsWith('.json')) {
    const { rows, kind: inFile } = jsonRows(text, file);
    return { kind: kindFrom(file, kind ?? inFile), rows };
  }
  try {
    return { kind: kindFrom(file, kind), rows: csvRows(text) };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`${file} is not valid CSV: ${(error as Error).message}`);
  }
}

function scalarText(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    default:
      return '';
  }
}

/** Cell readers: empty cells are absent; malformed numbers stay strings so that validation names them. */
export const cell = {
  text(value: unknown): string | undefined {
    if (value === undefined || value === null) return undefined;
    // A JSON row may hold a number or a boolean where a CSV holds text; an object is written out as JSON.
    const text = typeof value === 'object' ? JSON.stringify(value) : scalarText(value);
    return text.trim() === '' ? undefined : text.trim();
  },
  number(value: unknown): number | string | undefined {
    if (typeof value === 'number') return value;
    const text = cell.text(value);
    if (text === undefined) return undefined;
    const n = Number(text);
    return Number.isFinite(n) ? n : text;
  },
  list(value: unknown): string[] {
    if (Array.isArray(value)) return value.map(String);
    const text = cell.text(value);
    return text === undefined
      ? []
      : text
          .split(';')
          .map((v) => v.trim())
          .filter((v) => v !== '');
  },
  flag(value: unknown): boolean | string | undefined {
    if (typeof value === 'boolean') return value;
    const text = cell.text(value);
    if (text === undefined) return undefined;
    if (/^(true|yes|1)$/i.test(text)) return true;
    if (/^(false|no|0)$/i.test(text)) return false;
    return text;
  },
};
