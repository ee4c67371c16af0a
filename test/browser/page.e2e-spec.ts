import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { loadDemoData } from '../../apps/demo/src/demo-loader';
import {
  axeViolations,
  buildWebPage,
  launchChromium,
  layoutProblems,
  type PageWatch,
  saveArtefact,
  screenshot,
  serious,
  watchPage,
} from '../support/browser';
import { TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';

/**
 * The web page against the real service: built with vite, served by the API at `/`, driven in Chromium.
 * The registry is private here (no PUBLIC_READ), so the reader signs in with a token first.
 */
jest.setTimeout(180_000);

describe('the web page', () => {
  let app: TestApp;
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;
  let base: string;
  let webDir: string;
  let yemenIncidentId: string;
  let yemenSituationId: string;

  beforeAll(async () => {
    webDir = buildWebPage(fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-web-')));
    app = await TestApp.start({ WEB_DIR: webDir, SQLITE_SYNCHRONOUS: 'NORMAL' });
    base = app.url.replace(/\/graphql$/, '/');
    ({ yemenIncidentId, yemenSituationId } = await loadDemoData({
      url: app.url,
      token: TEST_ADMIN_TOKEN,
      incidents: 120,
    }));
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    watch = await watchPage(page);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) fs.rmSync(webDir, { recursive: true, force: true });
  });

  const expectAccessible = async () => {
    const violations = serious(await axeViolations(page));
    expect(violations).toEqual([]);
  };

  it('is served at / with a strict Content-Security-Policy', async () => {
    const res = await fetch(base);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // The page itself is checked on every visit; its content-named files are kept for good.
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const script = /<script[^>]*\bsrc="\/([^"]+)"/.exec(html)?.[1];
    const asset = await fetch(`${base}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // The page takes `/` and its files only: the API's routes and 404s are unchanged.
    expect((await fetch(`${base}health/live`)).status).toBe(200);
    expect((await fetch(`${base}no-such-page`)).status).toBe(404);
  });

  it('asks for a token once, then shows the overview: counts, map and list', async () => {
    await page.goto(base);
    await page.getByLabel('API token').fill(TEST_ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.count-list dd a').first().waitFor();
    await page.locator('.list tbody tr').first().waitFor();
    await page.locator('.map-note', { hasText: 'incidents on the map' }).waitFor();
    const all = Number(await page.getByTestId('count-all').textContent());
    expect(all).toBe(121);
    // The points are drawn on a canvas: its label counts them, and its pixels show them.
    const note = (await page.locator('.map-note').textContent()) ?? '';
    const placed = Number(/^(\d+) incidents on the map/.exec(note)?.[1]);
    expect(placed).toBeGreaterThan(0);
    const points = page.getByRole('img', { name: `${placed} incidents with coordinates`, exact: false });
    expect(await points.count()).toBe(1);
    // A string, evaluated in the page: this file is compiled without the DOM's types.
    const inked = await page.evaluate<number>(`(() => {
      const c = document.querySelector('canvas.points');
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
      return n;
    })()`);
    // Every point is a dot of a few dozen pixels; overlapping dots share theirs.
    expect(inked).toBeGreaterThan(placed * 10);
    expect(await page.locator('.world-map .countries path.has-incidents').count()).toBe(5);
    expect(await page.locator('.list tbody tr').count()).toBe(25);
    await screenshot(page, 'overview', false);
    await expectAccessible();
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.locator('.list-summary', { hasText: '26–50 of 121' }).waitFor();
    await page.getByRole('link', { name: 'Occurred', exact: false }).click();
    await page.locator('th[aria-sort="ascending"]').waitFor();
    const days = (await page.locator('.list tbody tr td:first-child').allTextContents()).map((d) =>
      Date.parse(`${d} UTC`),
    );
    expect(days.every((d) => !Number.isNaN(d))).toBe(true);
    expect(days).toEqual([...days].sort((a, b) => a - b));
  });

  it('filters by situation, country, status and text, and follows an incident', async () => {
    const yemen = { label: 'Yemen, Saudi-led coalition, since 2015' };
    await page.getByLabel('Situation', { exact: true }).selectOption(yemen);
    await page.getByLabel('Country', { exact: true }).fill('YEM');
    await page.getByLabel('Status', { exact: true }).selectOption('CONFIRMED');
    await page.getByLabel('Search').fill('governorate');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('.list-summary', { hasText: '1–1 of 1' }).waitFor();
    const row = page.locator('.list tbody tr');
    await expect(row.locator('.badge').textContent()).resolves.toBe('Confirmed');
    await row.getByRole('link', { name: 'Hajjah governorate, Yemen' }).click();
    await page.getByRole('heading', { level: 1, name: 'BL-755 in Hajjah governorate, Yemen' }).waitFor();
    expect(page.url()).toContain(`#/incident/${yemenIncidentId}`);
    expect(page.url()).not.toContain('situation=');
  });

  it('filters by situation alone: only the Yemen incidents', async () => {
    await page.goto(`${base}#/?situation=${yemenSituationId}`);
    await page.locator('.list tbody tr').first().waitFor();
    // The situations are asked apart from the list: the list may come first.
    await page
      .getByLabel('Situation', { exact: true })
      .locator('option:checked', { hasText: 'Yemen, Saudi-led coalition, since 2015' })
      .waitFor({ state: 'attached' });
    const yemen = Number(await page.getByTestId('count-all').textContent());
    // 120 generated incidents over five theatres (a fifth in Yemen), and the seed's case.
    expect(yemen).toBe(25);
    const places = await page.locator('.list tbody tr td:nth-child(2) a').allTextContents();
    expect(places.every((p) => p.endsWith(', Yemen'))).toBe(true);
    await page.goto(`${base}#/incident/${yemenIncidentId}`);
    await page.getByTestId('verdict').waitFor();
  });

  it('shows the verdict in words, the evidence and the statements; the as-of date changes the verdict', async () => {
    const verdict = page.getByTestId('verdict');
    await expect(verdict.textContent()).resolves.toBe('Confirmed since 25 May 2016. States can condemn.');
    const text = await page.locator('main').textContent();
    expect(await page.getByTestId('sources').textContent()).toBe(
      'Amnesty International (grade B, supports); Human Rights Watch (grade A, supports)',
    );
    // The policy's reasons name their sources; the evidence behind the rule is listed in words.
    const why = await page.locator('.verdict ul').first().allTextContents();
    expect(why[0]).toContain('The alleged user acknowledged the use on 2016-12-19: a statement by SAU on 2016-12-19.');
    expect(text).toContain('acknowledgement by Saudi Arabia (19 December 2016)');
    await expect(page.getByTestId('first-confirmed').textContent()).resolves.toBe(
      'First confirmed on 25 May 2016: lags count from it. ',
    );
    // Only condemnations have a lag: Portugal's condemnation of the situation came before the confirmation.
    expect(text).toContain('419 days before it was confirmed (anticipatory)');
    expect(text).toContain('104 days after it was confirmed');
    // The United Kingdom's announcement of its investigation (the day before) and the acknowledgement have none.
    const lagOf = (kind: string) => page.locator('tr', { hasText: kind }).locator('td').nth(5).textContent();
    await expect(lagOf('Investigation announced')).resolves.toBe('—');
    await expect(lagOf('Acknowledgement')).resolves.toBe('—');
    expect(await page.locator('.timeline li').count()).toBe(2);
    await screenshot(page, 'incident');
    await expectAccessible();

    await page.getByLabel('As of', { exact: true }).fill('2016-05-24');
    await page.getByLabel('Clock', { exact: true }).selectOption('KNOWN');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.locator('.verdict h2', { hasText: 'as of 24 May 2016' }).waitFor();
    await expect(verdict.textContent()).resolves.toBe(
      'Alleged since 23 May 2016. Concern and a call for investigation are warranted.',
    );
    await expect(page.locator('.missing').textContent()).resolves.toContain('one more independent source');
    await expect(page.locator('.clock-explained').textContent()).resolves.toContain('Publicly known on');
  });

  it('shows the overview as of a date: the counts and map of the incidents listed then', async () => {
    const asOf = '2019-06-30';
    const { incidents } = await app.ok(
      `{ incidents(first: 0, filter: { asOf: "${asOf}T23:59:59Z", clock: KNOWN }) {
        totalCount map { groups { coordinates } withoutCoordinates } } }`,
    );
    // A day that leaves some of the 121 incidents out: the overview then differs from today's.
    expect(incidents.totalCount).toBeGreaterThan(0);
    expect(incidents.totalCount).toBeLessThan(121);
    const placed = incidents.map.groups.reduce((n: number, g: any) => n + g.coordinates.length / 2, 0);
    await page.goto(`${base}#/?asOf=${asOf}&clock=KNOWN`);
    await page.locator('.map-note', { hasText: `${placed} incidents on the map` }).waitFor();
    expect(Number(await page.getByTestId('count-all').textContent())).toBe(incidents.totalCount);
    await page.locator('.list tbody tr').first().waitFor();
    await page.goto(`${base}#/incident/${yemenIncidentId}`);
    await page.getByTestId('verdict').waitFor();
  });

  it('prints as a one-page briefing', async () => {
    await page.getByRole('button', { name: 'Today' }).click();
    await page.locator('.verdict h2', { hasText: /^Verdict$/ }).waitFor();
    const pdf = await page.pdf({ format: 'A4' });
    saveArtefact('briefing.pdf', pdf);
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)).toHaveLength(1);
  });

  it("opens the speak-out view for the incident's situation, with the lag chart", async () => {
    await page.getByRole('link', { name: 'who spoke out', exact: true }).click();
    await page
      .getByRole('heading', { level: 1, name: 'Who spoke out about Yemen, Saudi-led coalition, since 2015' })
      .waitFor();
    await page.locator('#condemned-h').waitFor();
    const condemned = Number(/\((\d+)\)/.exec((await page.locator('#condemned-h').textContent()) ?? '')?.[1]);
    const silent = Number(/\((\d+)\)/.exec((await page.locator('#silent-h').textContent()) ?? '')?.[1]);
    expect(condemned).toBeGreaterThan(0);
    expect(silent).toBeGreaterThan(0);
    expect(await page.locator('svg.lag-chart rect.bar').count()).toBe(7);
    await screenshot(page, 'speak-out');
    await expectAccessible();
  });

  it('shows each State Party once: situation-scope and generic condemnations, anticipatory lags, votes', async () => {
    const row = (code: string) => page.locator(`tr[data-state="${code}"]`);
    // Portugal condemned the use in Yemen (the situation) in April 2015, before any Yemen incident was confirmed.
    const portugal = row('PRT');
    await expect(portugal.locator('td.scope').textContent()).resolves.toBe('situation');
    await expect(portugal.locator('td').nth(0).textContent()).resolves.toBe('Condemnation');
    await expect(portugal.locator('time').textContent()).resolves.toBe('2 Apr 2015');
    await expect(portugal.locator('td.lag').textContent()).resolves.toMatch(/^−\d+ days? \(anticipatory\)$/);
    await expect(portugal.locator('td.generic').textContent()).resolves.toBe('20 Sep 2021');
    // States Parties that only signed the Lausanne Political Declaration: condemned any use by any actor.
    const generic = page.locator('section[aria-labelledby="generic-h"] li[data-state]');
    expect(await generic.count()).toBeGreaterThan(10);
    for (const line of await generic.allTextContents()) expect(line).toContain(' 20 Sep 2021');
    // Each State's votes on resolutions about the situation, whatever they were (Saudi Arabia, not party, voted NO).
    const text = await page.locator('main').textContent();
    expect(text).toContain('A/RES/DEMO/71/1: yes');
    expect(text).toContain('A/RES/DEMO/71/1: abstained');
    await expect(row('SAU').textContent()).resolves.toContain('A/RES/DEMO/71/1: no');
  });

  it("opens a State page from the speak-out view: statements with the incidents' status then", async () => {
    await page.locator('section[aria-labelledby="condemned-h"] tr:has(td.scope-INCIDENT) th a').first().click();
    await page.locator('ol.timeline.statements > li').first().waitFor();
    expect(await page.locator('.lead').textContent()).toMatch(/CCM status: State Party/);
    expect(await page.locator('ol.timeline .then .badge').count()).toBeGreaterThan(0);
    // A State Party since before 2021 also signed the Lausanne Political Declaration: a statement about no incident.
    expect(await page.locator('ol.timeline .about').allTextContents()).toContain(
      'About any use of cluster munitions by any actor.',
    );
    await screenshot(page, 'state');
    await expectAccessible();
  });

  it('loads the demo data again without appending anything (idempotency keys)', async () => {
    const before = await app.eventCount();
    const again = await loadDemoData({ url: app.url, token: TEST_ADMIN_TOKEN, incidents: 120 });
    expect(again.yemenIncidentId).toBe(yemenIncidentId);
    expect(await app.eventCount()).toBe(before);
  });

  it('works with the keyboard alone: Tab reaches the filters and a list row, Enter opens its incident', async () => {
    await page.goto(base);
    await page.locator('main[data-rendered="overview"]').waitFor();
    const focused = () =>
      page.evaluate<string>(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return '';
      if (el.closest('.list tbody')) return 'row';
      return el.getAttribute('name') || el.id || el.textContent.trim();
    })()`);
    const tabUntil = async (wanted: string, most: number) => {
      const seen: string[] = [];
      while (seen.length < most) {
        await page.keyboard.press('Tab');
        seen.push(await focused());
        if (seen[seen.length - 1] === wanted) return seen;
      }
      throw new Error(`Tab never reached ${wanted}: ${seen.join(' → ')}`);
    };
    expect((await tabUntil('skip', 1))[0]).toBe('skip');
    const toFilters = await tabUntil('situation', 20);
    await tabUntil('row', 60);
    expect(toFilters).toContain('situation');
    const place = await page.evaluate<string>('document.activeElement.textContent');
    await page.keyboard.press('Enter');
    await page.getByTestId('verdict').waitFor();
    await expect(page.locator('h1').textContent()).resolves.toContain(place.split(',')[0]);
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
  });

  describe.each([
    ['a tablet, portrait', { width: 820, height: 1180 }, true],
    ['a tablet, landscape', { width: 1180, height: 820 }, true],
    ['a laptop', { width: 1280, height: 720 }, false],
  ])('on %s', (_, viewport, touch) => {
    it('fits the overview, its filters, an incident and a speak-out view, every control within reach', async () => {
      const context = await browser.newContext({ viewport, hasTouch: touch, isMobile: touch });
      await context.addInitScript(`sessionStorage.setItem('cmur.token', ${JSON.stringify(TEST_ADMIN_TOKEN)})`);
      const tab = await context.newPage();
      const tabWatch = await watchPage(tab);
      const views: [string, string, string][] = [
        ['overview', '#/', 'main[data-rendered="overview"]'],
        ['incident', `#/incident/${yemenIncidentId}`, '[data-testid="verdict"]'],
        ['speak-out', `#/speak-out?situation=${yemenSituationId}`, '#condemned-h'],
      ];
      const problems: Record<string, string[]> = {};
      for (const [name, hash, ready] of views) {
        await tab.goto(base + hash);
        await tab.locator(ready).waitFor();
        problems[name] = await layoutProblems(tab);
        await screenshot(tab, `${name}-${viewport.width}x${viewport.height}`, false);
      }
      expect(problems).toEqual({ overview: [], incident: [], 'speak-out': [] });

      // The filters work by touch (or click) too.
      await tab.goto(base);
      await tab.locator('main[data-rendered="overview"]').waitFor();
      await tab.getByLabel('Status', { exact: true }).selectOption('CONFIRMED');
      await tab.evaluate(`document.getElementById('main').removeAttribute('data-rendered')`);
      const filter = tab.getByRole('button', { name: 'Filter' });
      await (touch ? filter.tap() : filter.click());
      await tab.locator('main[data-rendered="overview"]').waitFor();
      expect(tab.url()).toContain('status=CONFIRMED');
      const badges = await tab.locator('.list tbody .badge').allTextContents();
      expect(badges.length).toBeGreaterThan(0);
      expect(new Set(badges)).toEqual(new Set(['Confirmed']));
      expect(serious(await axeViolations(tab))).toEqual([]);
      expect(tabWatch.problems).toEqual([]);
      expect(tabWatch.offHost).toEqual([]);
      await context.close();
    });
  });

  it('made no request off this machine and logged no error', () => {
    expect(watch.offHost).toEqual([]);
    expect(watch.problems).toEqual([]);
    expect(watch.requests.length).toBeGreaterThan(5);
  });
});

describe('the web page on a public registry (PUBLIC_READ=true)', () => {
  let app: TestApp;
  let browser: Browser;
  let webDir: string;

  beforeAll(async () => {
    webDir = buildWebPage(fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-web-')));
    app = await TestApp.start({ WEB_DIR: webDir, PUBLIC_READ: 'true' });
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    if (webDir) fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('asks for no token and shows an empty registry as empty', async () => {
    const page = await browser.newPage();
    const watch = await watchPage(page);
    await page.goto(app.url.replace(/\/graphql$/, '/'));
    await page.locator('.list-summary', { hasText: 'No incident matches these filters.' }).waitFor();
    await expect(page.getByTestId('count-all').textContent()).resolves.toBe('0');
    expect(await page.getByLabel('API token').count()).toBe(0);
    expect(await page.locator('#sign-out').count()).toBe(0);
    await page.getByRole('link', { name: 'Who spoke out' }).click();
    await page.locator('#silent-h').waitFor();
    expect(watch.problems).toEqual([]);
    expect(watch.offHost).toEqual([]);
  });
});
