import * as fs from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { REGISTER_SOURCE, sourceInput } from './support/fixtures';
import { TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

/**
 * The GraphiQL explorer in a real Chromium (installed by the system: `.ci/run` installs it when missing):
 * it renders offline from the project's own dependencies, loads the schema with the token entered on the
 * page, runs a query, and no request leaves this server. In production there is no explorer.
 */
jest.setTimeout(120_000);

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The little of the DOM these page functions use (they run in the browser; the project compiles for Node). */
interface CodeMirrorHost {
  textContent: string | null;
  CodeMirror?: { getValue(): string; setValue(value: string): void };
}
declare const document: { querySelector<T = CodeMirrorHost>(selector: string): T | null };

/** The text of the result pane, once it shows something. */
async function resultText(page: Page): Promise<string> {
  await page.locator('.graphiql-response .CodeMirror').waitFor();
  const text = () => document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.getValue() ?? '';
  await page.waitForFunction(`(${text.toString()})().trim().length > 0`);
  return page.evaluate(text);
}

async function runQuery(page: Page, query: string): Promise<string> {
  await page.evaluate((value) => {
    document.querySelector('.graphiql-query-editor .CodeMirror')?.CodeMirror?.setValue(value);
    document.querySelector('.graphiql-response .CodeMirror')?.CodeMirror?.setValue('');
  }, query);
  await page.locator('.graphiql-execute-button').click();
  return resultText(page);
}

describe('GraphiQL, offline, in Chromium', () => {
  let app: TestApp;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (see .ci/run)`);
    app = await TestApp.start();
    origin = new URL(app.url).origin;
    await app.ok(REGISTER_SOURCE, { input: sourceInput({ name: 'Landmine Monitor' }) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
    });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('renders, loads the schema with the token entered, runs a query; every request stays on this server', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const introspections: { authorization?: string; status: number }[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('response', async (response) => {
      const body = response.request().postData() ?? '';
      if (response.url().endsWith('/graphql') && body.includes('IntrospectionQuery')) {
        introspections.push({
          authorization: (await response.request().headerValue('authorization')) ?? undefined,
          status: response.status(),
        });
      }
    });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    const response = await page.goto(`${origin}/graphiql`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("connect-src 'self'");
    await page.locator('.graphiql-container').waitFor();

    // Without a token the service refuses the query.
    expect(await runQuery(page, '{ sources { name } }')).toContain('UNAUTHENTICATED');

    await page.locator('#token').fill(TEST_ADMIN_TOKEN);
    await page.locator('#use-token').click();
    await page.locator('.graphiql-container').waitFor();
    await page.waitForFunction(() => document.querySelector('#token-state')?.textContent === 'token set');

    // The schema, loaded again with the token: the documentation explorer lists the root types.
    await page.locator('[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor();
    expect(introspections.some((i) => i.authorization === `Bearer ${TEST_ADMIN_TOKEN}` && i.status === 200)).toBe(true);

    const answer = JSON.parse(await runQuery(page, '{ sources { name grade } }')) as {
      data: { sources: { name: string }[] };
    };
    expect(answer.data.sources.map((s) => s.name)).toContain('Landmine Monitor');

    expect(errors).toEqual([]);
    const elsewhere = requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'));
    expect(elsewhere).toEqual([]);
    expect(requests).toEqual(
      expect.arrayContaining([`${origin}/graphiql/vendor/graphiql.js`, `${origin}/graphiql/vendor/react.js`]),
    );
    await context.close();
  });

  it('serves only the files it names', async () => {
    expect((await fetch(`${origin}/graphiql/vendor/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${origin}/graphiql/vendor/graphiql.css`)).headers.get('content-type')).toMatch(/^text\/css/);
  });
});

describe('GraphiQL in production', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ NODE_ENV: 'production' });
  }, 180_000);
  afterAll(async () => {
    await app.stop();
  });

  it('is not served', async () => {
    expect((await fetch(app.url.replace(/\/graphql$/, '/graphiql'))).status).toBe(404);
  });
});
