import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`; .ci/run installs it) through
 * playwright-core, which downloads nothing. Artefacts (screenshots) go to a gitignored folder.
 */
const ROOT = path.resolve(__dirname, '../..');
export const ARTEFACTS = path.join(ROOT, 'artefacts', 'browser');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Builds the page into a private folder (a concurrent `npm run build` empties dist/web). */
export function buildWebPage(outDir: string): string {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.ts',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  return outDir;
}

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`No Chromium at ${CHROMIUM}: apt-get install -y chromium (never npx playwright install)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  });
}

/** What a page did wrong: console errors (CSP violations among them), uncaught errors, requests off this machine. */
export interface PageWatch {
  problems: string[];
  offHost: string[];
  requests: string[];
}

export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = { problems: [], offHost: [], requests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') watch.problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => watch.problems.push(`page error: ${error.message}`));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    watch.requests.push(url.href);
    if (url.protocol === 'data:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost')
      return route.continue();
    watch.offHost.push(url.href);
    return route.abort();
  });
  return watch;
}

/** axe-core from node_modules, evaluated in the page (through the debugger protocol, so the page's CSP stays on). */
export async function axeViolations(
  page: Page,
): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  // A string, evaluated in the page: this file is compiled without the DOM's types.
  return page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })))`);
}

export const serious = (violations: { impact: string }[]) =>
  violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** Keeps a file the test produced (a printed briefing) beside the screenshots, for a person to look at. */
export function saveArtefact(name: string, content: Buffer): string {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, name);
  fs.writeFileSync(file, content);
  return file;
}

/**
 * What keeps a view from fitting its viewport: the page or a box in it scrolling sideways, and controls (links,
 * buttons, form fields) that lie outside the viewport's width or under something else, so that a finger cannot
 * reach them.
 * Evaluated in the page as a string (this file is compiled without the DOM's types).
 */
export function layoutProblems(page: Page, scope = 'body'): Promise<string[]> {
  return page.evaluate(`(() => {
    const problems = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width)
      problems.push('the page scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide in ' + width);
    for (const box of document.querySelectorAll(${JSON.stringify(scope)} + ' *')) {
      const overflow = getComputedStyle(box).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && box.scrollWidth > box.clientWidth + 1)
      {
        const edge = box.getBoundingClientRect().left + box.clientWidth;
        const past = [...box.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > edge + 1).pop();
        const example = past
          ? ', e.g. ' + past.tagName.toLowerCase() + '.' + past.className + ' "' + past.textContent.slice(0, 40) + '"'
          : '';
        problems.push(box.tagName.toLowerCase() + '.' + box.className + ' scrolls sideways: ' + box.scrollWidth +
          ' px in ' + box.clientWidth + example);
      }
    }
    const label = (el) => (el.textContent || el.getAttribute('name') || el.id || '').trim().slice(0, 40);
    const name = (el) => el.tagName.toLowerCase() + ' "' + label(el) + '"';
    const controls = document.querySelectorAll(
      ${JSON.stringify(scope)} + ' :is(a[href], button, input, select, textarea)',
    );
    for (const el of controls) {
      if (!el.checkVisibility({ visibilityProperty: true })) continue; // not shown (e.g. inside a closed details)
      let box = el.getBoundingClientRect();
      // Shown only when focused (the skip link): judge it focused.
      if (box.right <= 0) {
        el.focus();
        box = el.getBoundingClientRect();
        el.blur();
      }
      if (box.left < 0 || box.right > width + 0.5) {
        const span = Math.round(box.left) + '–' + Math.round(box.right) + ' of ' + width;
        problems.push(name(el) + ' lies outside the viewport (' + span + ')');
        continue;
      }
      el.scrollIntoView({ block: 'center', inline: 'nearest' });
      const r = el.getClientRects()[0]; // a link over two lines: its first line
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (hit && hit !== el && !el.contains(hit) && !(el.labels && [...el.labels].some((l) => l.contains(hit))))
        problems.push(name(el) + ' is covered by ' + name(hit));
    }
    window.scrollTo(0, 0);
    return problems;
  })()`);
}
