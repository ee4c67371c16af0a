'use strict';
/**
 * The command line on the benchmark's store: a researcher's `import` of a small file into a big registry, and
 * `export`s of what the registry says. Each runs as its own process, as a researcher runs it, on a working copy of
 * the store with its projection file present (as beside a service); its wall time and its peak RSS are reported.
 */
const { spawn, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DIST, ROOT, TMP, now, progress, rmStore } = require('./lib/common');
const { projectionFileFor } = require('./lib/projection-file');
const { storeFor } = require('./rebuild.bench');

const SAMPLES = path.join(ROOT, 'data', 'samples');
const SECTION = 'Command line on the store';

/** Runs the built CLI; resolves with its wall time, peak RSS (VmHWM, from /proc while it runs) and output. */
function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const started = now();
    const child = spawn(process.execPath, [path.join(DIST, 'apps/api/src/cli/main.js'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let peakKiB = 0;
    const sample = () => {
      try {
        const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kib = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        if (kib > peakKiB) peakKiB = kib;
      } catch {
        // Gone: the last sample stands.
      }
    };
    const timer = setInterval(sample, 20);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c) => (stderr += c));
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      const ms = now() - started;
      if (code !== 0) reject(new Error(`cli ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      else resolve({ ms, peakMiB: peakKiB / 1024, stdout, stderr });
    });
  });
}

async function run({ quick }) {
  const { file, meta } = storeFor(quick);
  const work = path.join(TMP, 'cli-store.db');
  const projections = path.join(TMP, 'cli-projections.db');
  const out = path.join(TMP, 'cli-out');
  rmStore(work);
  fs.copyFileSync(file, work);
  projectionFileFor(file, projections);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  execFileSync('sync');
  const env = { SQLITE_PATH: work, PROJECTIONS_DB: projections };
  const events = `${meta.events.toLocaleString('en-US')} events`;
  const rows = [];
  const measure = async (name, args, note) => {
    progress(`cli: ${args.join(' ')}`);
    const r = await runCli(args, env);
    rows.push({ section: SECTION, name: `${name}: wall time`, value: r.ms, unit: 'ms', note: `${events}; ${note}` });
    rows.push({ section: SECTION, name: `${name}: peak RSS`, value: r.peakMiB, unit: 'MiB', note });
    return r;
  };
  try {
    await measure('import 3 sources', ['import', path.join(SAMPLES, 'sources.csv')], 'a new dataset: every row added');
    await measure(
      'import the same 3 sources again',
      ['import', path.join(SAMPLES, 'sources.csv')],
      'nothing changed: planned, nothing written',
    );
    await measure(
      'export incidents (CSV)',
      ['export', 'incidents', '--out', path.join(out, 'incidents.csv')],
      'every incident with its assessment',
    );
    await measure(
      'export incidents as of a past day (KNOWN)',
      ['export', 'incidents', '--as-of', meta.midDate, '--clock', 'KNOWN', '--out', path.join(out, 'past.csv')],
      'the incidents and their assessment as publicly known then',
    );
    await measure(
      'export the response matrix, situations',
      ['export', 'matrix', '--subjects', 'situations', '--out', path.join(out, 'matrix.csv')],
      'every State Party against each situation',
    );
    await measure(
      'export statements (CSV)',
      ['export', 'statements', '--out', path.join(out, 'statements.csv')],
      'every statement with its words (read from the store, 500 streams a request)',
    );
  } finally {
    rmStore(work);
    rmStore(projections);
    fs.rmSync(`${projections}.lock`, { force: true });
    fs.rmSync(out, { recursive: true, force: true });
  }
  return rows;
}

module.exports = { run };
