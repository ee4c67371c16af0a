'use strict';
/**
 * `npm run bench` (full, < 10 min on 2 cores) or `npm run bench -- --quick` (< 1 min).
 * `--only=append,peer,rebuild,graphql,page,cli` runs some sections (e.g. `--only=page`).
 * Prints a table and writes BENCHMARKS.md
 * (quick runs write .tmp/bench/BENCHMARKS.quick.md instead, so that they never replace the full figures).
 */
const fs = require('node:fs');
const path = require('node:path');
const { options, now, TMP } = require('./lib/common');
const { printTable, writeMarkdown } = require('./lib/report');

const SECTIONS = [
  ['append', () => require('./append.bench')],
  ['peer', () => require('./peer.bench')],
  ['rebuild', () => require('./rebuild.bench')],
  ['graphql', () => require('./graphql.bench')],
  ['page', () => require('./page.bench')],
  ['cli', () => require('./cli.bench')],
];

/** `--render`: rewrite BENCHMARKS.md from the last full run's saved rows (after editing bench/NOTES.md). */
function render() {
  const saved = JSON.parse(fs.readFileSync(path.join(TMP, 'last-full-run.json'), 'utf8'));
  writeMarkdown(saved.rows, { ...saved.meta, extra: notes() });
  process.stdout.write('rewrote BENCHMARKS.md from the last full run\n');
}

function notes() {
  const extraFile = path.join(__dirname, 'NOTES.md');
  return fs.existsSync(extraFile) ? fs.readFileSync(extraFile, 'utf8') : '';
}

async function main() {
  if (process.argv.includes('--render')) return render();
  const opts = options();
  const started = now();
  const rows = [];
  for (const [name, load] of SECTIONS) {
    if (opts.only && !opts.only.includes(name)) continue;
    process.stderr.write(`[bench] ${name}...\n`);
    const t0 = now();
    try {
      rows.push(...(await load().run(opts)));
    } catch (error) {
      process.stderr.write(`[bench] ${name} failed: ${error.stack ?? error}\n`);
      rows.push({
        section: name,
        name: `${name} section`,
        value: null,
        skipped: `crashed: ${String(error.message ?? error).split('\n')[0]}`,
      });
    }
    process.stderr.write(`[bench] ${name} took ${((now() - t0) / 1000).toFixed(1)} s\n`);
  }
  printTable(rows);
  const seconds = (now() - started) / 1000;
  const meta = {
    command: `npm run bench${opts.quick ? ' -- --quick' : ''}${opts.only ? ` -- --only=${opts.only.join(',')}` : ''}`,
    quick: opts.quick,
    seconds,
    // When the run ended: `--render` rewrites the file later and must not date the figures by itself.
    date: new Date().toISOString(),
    extra: notes(),
  };
  if (opts.quick || opts.only) {
    fs.mkdirSync(TMP, { recursive: true });
    meta.file = path.relative(
      path.resolve(__dirname, '..'),
      path.join(TMP, opts.quick ? 'BENCHMARKS.quick.md' : 'BENCHMARKS.partial.md'),
    );
  }
  writeMarkdown(rows, meta);
  if (!opts.quick && !opts.only) {
    fs.mkdirSync(TMP, { recursive: true });
    fs.writeFileSync(
      path.join(TMP, 'last-full-run.json'),
      JSON.stringify({ rows, meta: { ...meta, extra: undefined } }),
    );
  }
  process.stdout.write(`\nTotal ${seconds.toFixed(0)} s; wrote ${meta.file ?? 'BENCHMARKS.md'}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
