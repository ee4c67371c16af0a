'use strict';
/**
 * Prints the results table and writes BENCHMARKS.md.
 * A row: {section, name, value, unit, ratio?, ratioTo?, target?, targetKind?, note?, failure?}.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execSync } = require('node:child_process');
const { ROOT } = require('./common');

function fmt(value, unit) {
  if (value === null || value === undefined) return '';
  if (unit === 'ms') return value < 10 ? value.toFixed(2) : value.toFixed(0);
  if (unit === 'MiB') return value.toFixed(0);
  return Math.round(value).toLocaleString('en-US');
}

/** Ratio targets are "at least" (targetKind 'min', default) or, for latencies, "at most" an absolute value. */
function verdict(row) {
  if (row.failure) return 'FAILED';
  if (row.value === null || row.value === undefined) return row.skipped ? 'not measured' : '';
  if (row.target === undefined) return '';
  const kind = row.targetKind ?? 'min';
  const subject = kind === 'max-value' ? row.value : row.ratio;
  const ok = kind === 'max-value' ? subject <= row.target : subject >= row.target;
  return ok ? 'met' : 'MISSED';
}

function targetText(row) {
  if (row.target === undefined) return '';
  const kind = row.targetKind ?? 'min';
  if (kind === 'max-value') return `≤ ${row.target} ${row.unit}`;
  return `≥ ${row.target}×`;
}

function cells(row) {
  const value = row.failure
    ? `FAILED: ${row.failure}`
    : row.skipped
      ? `not measured: ${row.skipped}`
      : `${fmt(row.value, row.unit)} ${row.unit ?? ''}`.trim();
  const ratio =
    row.ratio === undefined || row.ratio === null ? '' : `${row.ratio.toFixed(2)}× ${row.ratioTo ?? ''}`.trim();
  return [row.name, value, ratio, targetText(row), verdict(row), row.note ?? ''];
}

function printTable(rows) {
  let section = null;
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      process.stdout.write(`\n== ${section}\n`);
    }
    const [name, value, ratio, target, result, note] = cells(row);
    process.stdout.write(
      `  ${name.padEnd(58)} ${value.padStart(18)}  ${ratio.padEnd(34)} ` +
        `${target.padEnd(10)} ${result.padEnd(8)} ${note}\n`,
    );
  }
}

function machine() {
  const cpus = os.cpus();
  let disk = '';
  try {
    disk = execSync(`df -hT ${ROOT} | tail -1`, { encoding: 'utf8' }).trim().split(/\s+/).slice(0, 2).join(' ');
  } catch {
    /* no df */
  }
  let distro = os.type();
  try {
    distro = /PRETTY_NAME="([^"]+)"/.exec(fs.readFileSync('/etc/os-release', 'utf8'))[1];
  } catch {
    /* not Linux */
  }
  const sqlite = (() => {
    try {
      const D = require('better-sqlite3');
      const db = new D(':memory:');
      const v = db.prepare('select sqlite_version()').pluck().get();
      db.close();
      return v;
    } catch {
      return '?';
    }
  })();
  return (
    `${distro}, ${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, ` +
    `disk ${disk}; Node ${process.version}, SQLite ${sqlite} (better-sqlite3)`
  );
}

function markdown(rows, { command, quick, seconds, date, extra }) {
  const out = [];
  out.push('# Benchmarks', '');
  out.push(
    'Written by `npm run bench` (bench/run.js); do not edit the figures by hand. Every ratio is taken side by side',
  );
  out.push(
    'in the same run on the same machine (the absolute numbers vary up to 2× between runs here; the ratios much less).',
    '',
  );
  out.push(`- Machine: ${machine()}`);
  out.push(`- Command: \`${command}\`${quick ? ' (quick mode: smaller sizes, figures are indicative only)' : ''}`);
  out.push(`- Date: ${date ?? new Date().toISOString()}; total run time ${seconds.toFixed(0)} s`, '');
  let section = null;
  for (const row of rows) {
    if (row.section !== section) {
      section = row.section;
      out.push(
        '',
        `## ${section}`,
        '',
        '| measurement | figure | ratio | target | result | note |',
        '|---|---|---|---|---|---|',
      );
    }
    out.push(
      `| ${cells(row)
        .map((c) => String(c).replace(/\|/g, '\\|'))
        .join(' | ')} |`,
    );
  }
  if (extra) out.push('', extra.trim());
  return out.join('\n') + '\n';
}

function writeMarkdown(rows, meta) {
  fs.writeFileSync(path.join(ROOT, meta.file ?? 'BENCHMARKS.md'), markdown(rows, meta));
}

module.exports = { printTable, writeMarkdown, verdict };
