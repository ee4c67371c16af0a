import * as fs from 'node:fs';
import * as path from 'node:path';
import { EventStore, type StoredEvent } from '@app/event-store';
import type { Client } from 'graphql-ws';
import { LiveFeeds } from '../apps/api/src/subscriptions/live-feeds.service';
import { REGISTER_SOURCE, sourceInput } from './support/fixtures';
import { type GraphQLClient, TEST_ADMIN_TOKEN, TestApp } from './support/test-app';

const ISSUE = /* GraphQL */ `
  mutation ($input: IssueTokenInput!) {
    issueToken(input: $input) {
      token
      apiToken {
        id
        holder
        role
        createdBy
        revokedAt
      }
    }
  }
`;
const REVOKE = /* GraphQL */ `
  mutation ($id: ID!) {
    revokeToken(input: { id: $id }) {
      id
      revokedAt
    }
  }
`;
const TOKENS = /* GraphQL */ `
  {
    tokens {
      id
      holder
      role
      createdAt
      createdBy
      revokedAt
    }
  }
`;
const SOURCES = /* GraphQL */ `
  {
    sources {
      id
      name
    }
  }
`;
const STATUS_CHANGED = /* GraphQL */ `
  subscription {
    incidentStatusChanged {
      incidentId
    }
  }
`;

async function events(app: TestApp): Promise<StoredEvent[]> {
  const all: StoredEvent[] = [];
  for await (const event of app.app.get(EventStore).readAll()) all.push(event);
  return all;
}

const codeOf = (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.[0]?.extensions?.code;

/** Subscribes and reports the first error, or 'registered' once the server holds the subscription. */
async function trySubscribe(app: TestApp, client: Client): Promise<string> {
  const feeds = app.app.get(LiveFeeds);
  const before = feeds.statusChanges.size;
  let outcome: string | undefined;
  client.subscribe(
    { query: STATUS_CHANGED },
    {
      next: (msg) => {
        outcome ??= msg.errors ? String(msg.errors[0]?.extensions?.code ?? msg.errors[0]?.message) : 'data';
      },
      // graphql-ws reports an operation's GraphQL errors as an array.
      error: (e) => {
        outcome ??= Array.isArray(e) ? String(e[0]?.extensions?.code) : `error: ${String(e)}`;
      },
      complete: () => undefined,
    },
  );
  // Polls until the server answers either way (jest's timeout bounds a silent server).
  while (outcome === undefined && feeds.statusChanges.size === before) await new Promise((r) => setTimeout(r, 5));
  return outcome ?? 'registered';
}

// Boots the app: sized for a loaded 2-core machine, not Jest's 5 s default (also for the hooks).
jest.setTimeout(120_000);

describe('access: roles and tokens', () => {
  let app: TestApp;
  let viewer: GraphQLClient;
  let researcher: GraphQLClient;
  let researcherToken: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    app = await TestApp.start();
    const v = await app.ok(ISSUE, { input: { holder: 'Vera Viewer', role: 'VIEWER' } });
    const r = await app.ok(ISSUE, { input: { holder: 'Rita Researcher', role: 'RESEARCHER' } });
    viewer = app.as(v.issueToken.token);
    researcher = app.as(r.issueToken.token);
    researcherToken = r.issueToken.token;
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await app.stop();
  });

  it('issues a token once, names its holder and issuer, and never lists a secret', async () => {
    const { issueToken } = await app.ok(ISSUE, { input: { holder: 'ci-import', role: 'RESEARCHER' } });
    expect(issueToken.token).toMatch(/^cmur_[A-Za-z0-9_-]{43}$/);
    expect(issueToken.apiToken).toMatchObject({
      holder: 'ci-import',
      role: 'RESEARCHER',
      createdBy: 'admin',
      revokedAt: null,
    });
    const listed = await app.ok(TOKENS);
    expect(listed.tokens.map((t: { holder: string }) => t.holder)).toEqual([
      'admin',
      'Vera Viewer',
      'Rita Researcher',
      'ci-import',
    ]);
    expect(JSON.stringify(listed)).not.toContain(issueToken.token);
  });

  it('stores tokens only as hashes, in a file of their own next to the event store', () => {
    const files = fs.readdirSync(app.dir).filter((f) => f.startsWith('tokens.db'));
    expect(files).toContain('tokens.db');
    const bytes = Buffer.concat(files.map((f) => fs.readFileSync(path.join(app.dir, f))));
    expect(bytes.includes(Buffer.from(researcherToken))).toBe(false);
    expect(bytes.includes(Buffer.from(TEST_ADMIN_TOKEN))).toBe(false);
    expect(fs.statSync(path.join(app.dir, 'tokens.db')).mode & 0o077).toBe(0);
  });

  it('refuses requests without a token (UNAUTHENTICATED) and appends nothing', async () => {
    const anonymous = app.as(null);
    const before = (await events(app)).length;
    expect(codeOf(await anonymous.gql(SOURCES))).toBe('UNAUTHENTICATED');
    expect(codeOf(await anonymous.gql(REGISTER_SOURCE, { input: sourceInput() }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.as('not-a-token-we-know').gql(REGISTER_SOURCE, { input: sourceInput() }))).toBe(
      'UNAUTHENTICATED',
    );
    expect(
      codeOf(
        await anonymous.gql(REGISTER_SOURCE, { input: sourceInput() }, { authorization: 'Basic YWRtaW46YWRtaW4=' }),
      ),
    ).toBe('UNAUTHENTICATED');
    expect((await events(app)).length).toBe(before);
  });

  it('lets a VIEWER read but not write (FORBIDDEN), appending nothing', async () => {
    const before = (await events(app)).length;
    expect((await viewer.ok(SOURCES)).sources).toEqual(expect.any(Array));
    const refused = await viewer.gql(REGISTER_SOURCE, { input: sourceInput() });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(refused.errors?.[0].extensions).toMatchObject({ requiredRole: 'RESEARCHER', role: 'VIEWER' });
    expect((await events(app)).length).toBe(before);
  });

  it("lets a RESEARCHER write, with the holder as every event's actor, but not manage tokens", async () => {
    const { registerSource } = await researcher.ok(REGISTER_SOURCE, { input: sourceInput({ name: "Rita's source" }) });
    const mine = (await events(app)).filter((e) => e.stream.includes(registerSource.id));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.map((e) => e.metadata.actor)).toEqual(mine.map(() => 'Rita Researcher'));
    expect(codeOf(await researcher.gql(TOKENS))).toBe('FORBIDDEN');
    expect(codeOf(await researcher.gql(ISSUE, { input: { holder: 'x', role: 'ADMIN' } }))).toBe('FORBIDDEN');
  });

  it('fails a revoked token on its very next request', async () => {
    const { issueToken } = await app.ok(ISSUE, { input: { holder: 'short-lived', role: 'RESEARCHER' } });
    const client = app.as(issueToken.token);
    await client.ok(SOURCES);
    const { revokeToken } = await app.ok(REVOKE, { id: issueToken.apiToken.id });
    expect(revokeToken.revokedAt).toEqual(expect.any(String));
    expect(codeOf(await client.gql(SOURCES))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.gql(REVOKE, { id: '0190a0a0-0000-7000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  it('checks graphql-ws subscriptions too: token in connectionParams as authorization or token', async () => {
    const none = app.as(null).wsClient();
    const withHeader = viewer.wsClient();
    const withToken = app.as(null).wsClient({ token: viewer.token });
    const revoked = app.as(null).wsClient({ authorization: 'Bearer cmur_revoked-or-unknown' });
    clients.push(none, withHeader, withToken, revoked);
    expect(await trySubscribe(app, none)).toBe('UNAUTHENTICATED');
    expect(await trySubscribe(app, revoked)).toBe('UNAUTHENTICATED');
    expect(await trySubscribe(app, withHeader)).toBe('registered');
    expect(await trySubscribe(app, withToken)).toBe('registered');
  });

  it('keeps tokens out of the event log', async () => {
    const types = new Set((await events(app)).map((e) => e.type));
    expect([...types].filter((t) => /token/i.test(t))).toEqual([]);
  });
});

describe('access: PUBLIC_READ=true', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await TestApp.start({ PUBLIC_READ: 'true' });
  });
  afterAll(async () => {
    await app.stop();
  });

  it('opens queries without a token, but not mutations or admin queries', async () => {
    const anonymous = app.as(null);
    expect((await anonymous.ok(SOURCES)).sources).toEqual([]);
    expect(codeOf(await anonymous.gql(REGISTER_SOURCE, { input: sourceInput() }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await anonymous.gql(TOKENS))).toBe('UNAUTHENTICATED');
    expect(codeOf(await app.as('wrong-token').gql(SOURCES))).toBe('UNAUTHENTICATED');
    expect((await events(app)).length).toBe(0);
  });
});

describe('access: the first admin token', () => {
  it('is created on first start without any token, written 0600 to a file; the log names only the file', async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    let app: TestApp | undefined;
    try {
      app = await TestApp.start({ ADMIN_TOKEN: '', LOG_LEVEL: 'log' });
    } finally {
      spy.mockRestore();
    }
    try {
      const file = path.join(app.dir, 'admin-token');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const token = fs.readFileSync(file, 'utf8').trim();
      expect(token).toMatch(/^cmur_/);
      const log = written.join('');
      expect(log).toContain(file);
      expect(log).not.toContain(token);

      expect(codeOf(await app.gql(TOKENS))).toBe('UNAUTHENTICATED');
      const { tokens } = await app.as(token).ok(TOKENS);
      expect(tokens).toEqual([expect.objectContaining({ holder: 'admin', role: 'ADMIN', createdBy: 'first start' })]);
    } finally {
      await app.stop();
    }
  });

  it('is not created when ADMIN_TOKEN registers one', async () => {
    const app = await TestApp.start();
    try {
      expect(fs.existsSync(path.join(app.dir, 'admin-token'))).toBe(false);
      const { tokens } = await app.ok(TOKENS);
      expect(tokens).toEqual([expect.objectContaining({ holder: 'admin', role: 'ADMIN', createdBy: 'ADMIN_TOKEN' })]);
    } finally {
      await app.stop();
    }
  });
});
