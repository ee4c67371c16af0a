'use strict';
/**
 * The read store (libs/read-store) on the generated store (~1,000,000 events; --quick: ~28,000): rebuild of
 * the projection file against the read+parse ceiling (bench/rebuild.child.js ceiling, the same as in
 * rebuild.bench.js), the file's size, peak RSS, one incident's assessment as of a cut read from the file, and
 * every incident as of a cut in one pass (incidentsAt).
 * Each measure runs in its own child process (with its CPU time, start-up included, where GNU time exists). Prints
 * a table; writes nothing to BENCHMARKS.md.
 * Run after `npm run build`: node bench/read-store.bench.js [--quick]
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const fs = require('node:fs');
const { options, progress } = require('./lib/common');
const { ensureStore } = require('./lib/generate-store');

// The CPU time of each child too (GNU time, where there is one): on a shared machine whose load comes and goes
// between the ceiling and the rebuild, the ratio of CPU times moves less than the ratio of wall times.
const TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

function child(script, args) {
  const node = [process.execPath, require.resolve(script), ...args];
  const [command, ...rest] = TIME ? [TIME, '-f', 'cpu %U %S', ...node] : node;
  const run = spawnSync(command, rest, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 24 });
  const cpu = /^cpu ([\d.]+) ([\d.]+)$/m.exec(run.stderr ?? '');
  process.stderr.write((run.stderr ?? '').replace(/^cpu .*\n?/m, ''));
  if (run.status !== 0) throw new Error(`${script} ${args.join(' ')} failed (${run.status ?? run.signal})`);
  const result = JSON.parse(run.stdout.trim().split('\n').pop());
  if (cpu) result.cpuMs = (Number(cpu[1]) + Number(cpu[2])) * 1000;
  return result;
}

function main() {
  const { quick } = options();
  const { file, meta } = ensureStore(quick ? 300 : 10000);
  progress(`store: ${meta.events} events, ${file}`);
  const projections = path.join(path.dirname(file), `read-store-${path.basename(file)}`);
  const ceiling = child('./rebuild.child.js', ['ceiling', file]);
  const rebuild = child('./read-store.child.js', ['rebuild', file, projections]);
  const again = child('./rebuild.child.js', ['ceiling', file]);
  const best = again.ms < ceiling.ms ? again : ceiling;
  const asof = child('./read-store.child.js', ['asof', projections, `${file}.json`]);
  const trail = child('./read-store.child.js', ['trail', file, projections, `${file}.json`]);
  const rate = (x) => x.events / (x.ms / 1000);
  const cpuRatio = (x) =>
    x.cpuMs && best.cpuMs ? `, CPU time ${(best.cpuMs / x.cpuMs).toFixed(2)}x the ceiling's` : '';
  const rows = [
    [
      'ceiling: read + JSON.parse',
      `${rate(best).toFixed(0)} events/s`,
      `${(best.ms / 1000).toFixed(1)} s${best.cpuMs ? ` (CPU ${(best.cpuMs / 1000).toFixed(1)} s)` : ''}, ` +
        `RSS ${best.maxRssMiB.toFixed(0)} MiB`,
    ],
    [
      'rebuild into the projection file',
      `${rate(rebuild).toFixed(0)} events/s`,
      `${(rate(rebuild) / rate(best)).toFixed(2)}x ceiling${cpuRatio(rebuild)}, ${(rebuild.ms / 1000).toFixed(1)} s, ` +
        `peak RSS ${rebuild.maxRssMiB.toFixed(0)} MiB, file ${(rebuild.bytes / 1048576).toFixed(0)} MiB ` +
        `(fold ${(rebuild.phases.fold / 1000).toFixed(1)} s, index ${(rebuild.phases.index / 1000).toFixed(1)} s, ` +
        `assess ${(rebuild.phases.settle / 1000).toFixed(1)} s)`,
    ],
    ...['KNOWN', 'RECORDED', 'LIVE'].map((clock) => [
      `one incident as of a cut (${clock})`,
      `median ${asof[clock].medianMs.toFixed(2)} ms`,
      `p95 ${asof[clock].p95Ms.toFixed(2)} ms, first ${asof[clock].firstMs.toFixed(1)} ms, ` +
        `${asof[clock].found}/${asof[clock].incidents} found`,
    ]),
    [
      'every incident as of a cut (KNOWN mid-history / RECORDED mid-history / LIVE)',
      ['KNOWN', 'RECORDED', 'LIVE'].map((clock) => `${asof[clock].all.firstMs.toFixed(0)}`).join(' / ') + ' ms',
      `again ${['KNOWN', 'RECORDED', 'LIVE'].map((clock) => asof[clock].all.againMs.toFixed(0)).join(' / ')} ms; ` +
        `${['KNOWN', 'RECORDED', 'LIVE'].map((clock) => asof[clock].all.incidents).join(' / ')} incidents`,
    ],
    ...['KNOWN', 'RECORDED', 'LIVE'].map((clock) => [
      `one incident's audit trail, status change events and nested lists (${clock}): file / replay`,
      `median ${trail[clock].file.medianMs.toFixed(1)} / ${trail[clock].replay.medianMs.toFixed(1)} ms`,
      `p95 ${trail[clock].file.p95Ms.toFixed(1)} / ${trail[clock].replay.p95Ms.toFixed(1)} ms; ` +
        `${trail[clock].incidents} incidents, alternately`,
    ]),
  ];
  for (const row of rows) process.stdout.write(`| ${row.join(' | ')} |\n`);
  process.stdout.write(`${JSON.stringify({ ceiling: best, rebuild, asof, trail })}\n`);
  fs.rmSync(projections, { force: true });
}

main();
