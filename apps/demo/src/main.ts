/**
 * `npm run demo -- --url http://localhost:3000/graphql [--incidents 300]`: loads the demo data into a running
 * registry with an admin (or researcher) token from ADMIN_TOKEN or data/admin-token. Safe to run again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDemoData } from './demo-loader';

function argument(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function findToken(): string | undefined {
  if (process.env.ADMIN_TOKEN) return process.env.ADMIN_TOKEN.trim();
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const file = process.env.ADMIN_TOKEN_FILE ?? path.join(dir, 'data', 'admin-token');
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

async function main(): Promise<void> {
  const url = argument('url') ?? 'http://localhost:3000/graphql';
  const incidents = Number(argument('incidents') ?? 300);
  const token = findToken();
  if (!token) {
    process.stderr.write('No token: set ADMIN_TOKEN, or start the service once so that it writes data/admin-token.\n');
    process.exit(2);
  }
  if (!Number.isInteger(incidents) || incidents < 0 || incidents > 20000) {
    process.stderr.write('--incidents must be an integer from 0 to 20000.\n');
    process.exit(2);
  }
  const started = Date.now();
  const summary = await loadDemoData({ url, token, incidents, log: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(
    `Demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}\n`,
  );
  process.stdout.write(`Open ${url.replace(/\/graphql$/, '/')}#/incident/${summary.yemenIncidentId}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`Demo data failed: ${error.message}\n`);
  process.exit(1);
});
