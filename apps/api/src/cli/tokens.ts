import type { AppConfig } from '../config/config';
import { isRole, ROLES } from '../auth/roles';
import { TokenStore } from '../auth/token-store';

const USAGE = `Usage: npm run cli -- tokens <command>
  create <holder> <${ROLES.join('|')}>  issue a token (its secret is printed once)
  list                                  list tokens (never their secrets)
  revoke <token id>                     revoke a token; it fails from its next request on
Uses the same environment as the service (TOKENS_PATH, or SQLITE_PATH's directory).`;

export interface CliOutput {
  out(line: string): void;
  err(line: string): void;
}

/** Runs one token command against the service's token file; returns the process exit code. */
export function runTokensCli(args: string[], config: Pick<AppConfig, 'tokensPath'>, io: CliOutput): number {
  const [given, ...rest] = args;
  const command = given === 'create' ? 'issue' : given;
  if (command !== 'issue' && command !== 'list' && command !== 'revoke') {
    io.err(USAGE);
    return 2;
  }
  const store = TokenStore.open(config.tokensPath);
  try {
    switch (command) {
      case 'issue': {
        const [holder, role] = rest;
        if (!holder || !isRole(role) || rest.length !== 2) {
          io.err(USAGE);
          return 2;
        }
        const { token, record } = store.issue(holder, role, 'cli');
        io.err(`Issued token ${record.id} to ${record.holder} (${record.role}). The secret below is shown only now:`);
        io.out(token);
        return 0;
      }
      case 'list':
        for (const t of store.list()) {
          io.out(
            [t.id, t.role.padEnd(10), t.revokedAt ? `revoked ${t.revokedAt.toISOString()}` : 'active', t.holder].join(
              '  ',
            ),
          );
        }
        return 0;
      case 'revoke': {
        const record = rest.length === 1 ? store.revoke(rest[0]) : null;
        if (!record) {
          io.err(rest.length === 1 ? `No token with id ${rest[0]}` : USAGE);
          return rest.length === 1 ? 1 : 2;
        }
        io.out(`Revoked token ${record.id} (${record.holder})`);
        return 0;
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  } finally {
    store.close();
  }
}
