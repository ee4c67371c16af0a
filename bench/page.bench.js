'use strict';
/**
 * 7. The page: the built service (with the built page, dist/web) on a copy of the generated store, public
 * reads, and Debian's Chromium through playwright-core. Times the overview until the page marks it rendered
 * (`main[data-rendered=overview]`: counts, list and every map point drawn), from the navigation's start:
 * on a first visit (fresh service, fresh browser context: nothing cached) and warm (the same context again).
 * `npm run bench -- --only=page` runs this section alone.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { DIST, TMP, now, progress, rmStore } = require('./lib/common');
const { startServer } = require('./lib/server');
const { projectionFileFor } = require('./lib/projection-file');
const { storeFor } = require('./rebuild.bench');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WARM_VISITS = 5;
const TARGET_MS = 1000;

/** One visit to `/`: the time to the page's mark, and what it fetched (from the page's Resource Timing). */
async function visit(context, base) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const t0 = now();
  await page.goto(base);
  await page.locator('main[data-rendered="overview"]').waitFor({ timeout: 120_000 });
  const wall = now() - t0;
  const timing = await page.evaluate(`(() => {
    const mark = performance.getEntriesByName('overview-rendered')[0];
    const res = performance.getEntriesByType('resource');
    const api = res.filter((r) => r.name.endsWith('/graphql'));
    return {
      rendered: mark ? mark.startTime : null,
      requests: api.length,
      slowest: Math.max(0, ...api.map((r) => r.responseEnd - r.requestStart)),
      sent: Math.min(...api.map((r) => r.startTime)),
      answered: Math.max(0, ...api.map((r) => r.responseEnd)),
      bytes: api.reduce((n, r) => n + r.encodedBodySize, 0),
      scripts: res.filter((r) => /\\.(js|css)$/.test(r.name)).reduce((n, r) => n + r.encodedBodySize, 0),
      points: document.querySelector('.map-note')?.textContent ?? '',
      failed: document.querySelector('main .error')?.textContent ?? null,
    };
  })()`);
  await page.close();
  if (timing.failed || errors.length) throw new Error(`the overview failed: ${timing.failed ?? errors[0]}`);
  return { ...timing, wall };
}

const describe = (v) =>
  `${v.requests} GraphQL requests (slowest ${v.slowest.toFixed(0)} ms, ${(v.bytes / 1024).toFixed(0)} KiB), ` +
  `${(v.scripts / 1024).toFixed(0)} KiB of script and style; ${v.points.replace(/\s*(\(.*\))?\.?$/, '')}; ` +
  // Where the time went: before the first request (script), waiting for the service, and drawing after.
  `first request sent at ${v.sent.toFixed(0)} ms, last answer at ${v.answered.toFixed(0)} ms`;

async function run({ quick }) {
  const { file, meta } = storeFor(quick);
  const section = `7. The page: the overview in Chromium (${meta.incidents.toLocaleString('en-US')}-incident store)`;
  if (!fs.existsSync(CHROMIUM))
    return [
      { section, name: 'overview', value: null, skipped: `no Chromium at ${CHROMIUM} (apt-get install chromium)` },
    ];
  const webDir = path.join(DIST, 'web');
  if (!fs.existsSync(path.join(webDir, 'index.html')))
    return [{ section, name: 'overview', value: null, skipped: 'no built page in dist/web (npm run build)' }];
  const work = path.join(TMP, 'page-store.db');
  rmStore(work);
  fs.copyFileSync(file, work);
  const tokens = path.join(TMP, 'page-tokens.db');
  rmStore(tokens);
  const projections = projectionFileFor(file, path.join(TMP, 'page-projections.db'));
  // The copies (2 GB) are written out before the service starts: the first visit measured meets the service, not
  // the kernel flushing a fixture beside it (as section 4 does before its start-up).
  execFileSync('sync');
  const { chromium } = require('playwright-core');
  let server;
  let browser;
  const rows = [];
  try {
    progress('page: starting the service');
    server = await startServer(
      path.join(DIST, 'apps/api/src/main.js'),
      {
        EVENT_STORE: 'sqlite',
        SQLITE_PATH: work,
        PROJECTIONS_DB: projections,
        TOKENS_PATH: tokens,
        ADMIN_TOKEN_FILE: path.join(TMP, 'page-admin-token'),
        PUBLIC_READ: 'true',
        WEB_DIR: webDir,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
      },
      { deadlineMs: quick ? 60_000 : 300_000, readyPath: '/health/ready' },
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    const base = server.url.replace(/\/graphql$/, '/');
    const viewport = { width: 1400, height: 1000 };
    progress('page: first visit');
    const context = await browser.newContext({ viewport });
    const first = await visit(context, base);
    rows.push({
      section,
      name: 'overview rendered, first visit (fresh service and browser)',
      value: first.rendered,
      unit: 'ms',
      target: TARGET_MS,
      targetKind: 'max-value',
      note: describe(first),
    });
    progress('page: warm visits');
    const warm = [];
    for (let i = 0; i < WARM_VISITS; i++) warm.push(await visit(context, base));
    warm.sort((a, b) => a.rendered - b.rendered);
    const median = warm[Math.floor(warm.length / 2)];
    rows.push({
      section,
      name: `overview rendered, warm (median of ${WARM_VISITS} visits)`,
      value: median.rendered,
      unit: 'ms',
      target: TARGET_MS,
      targetKind: 'max-value',
      note:
        `fastest ${warm[0].rendered.toFixed(0)} ms, slowest ${warm[warm.length - 1].rendered.toFixed(0)} ms; ` +
        describe(median),
    });
    await context.close();
    // A new visitor of a running registry, the usual case: nothing in the browser's cache, the service warm.
    progress('page: new visitors');
    const fresh = [];
    for (let i = 0; i < WARM_VISITS; i++) {
      const visitor = await browser.newContext({ viewport });
      fresh.push(await visit(visitor, base));
      await visitor.close();
    }
    fresh.sort((a, b) => a.rendered - b.rendered);
    const freshMedian = fresh[Math.floor(fresh.length / 2)];
    rows.push({
      section,
      name: `overview rendered, a new visitor on a running service (median of ${WARM_VISITS}, empty cache each)`,
      value: freshMedian.rendered,
      unit: 'ms',
      target: TARGET_MS,
      targetKind: 'max-value',
      note:
        `fastest ${fresh[0].rendered.toFixed(0)} ms, slowest ${fresh[fresh.length - 1].rendered.toFixed(0)} ms; ` +
        describe(freshMedian),
    });
  } catch (error) {
    rows.push({ section, name: 'overview', value: null, skipped: String(error.message ?? error).slice(0, 300) });
  } finally {
    await browser?.close();
    await server?.stop();
    rmStore(work);
    rmStore(path.join(TMP, 'page-projections.db'));
    fs.rmSync(path.join(TMP, 'page-projections.db.lock'), { force: true });
    rmStore(tokens);
  }
  return rows;
}

module.exports = { run };
