import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EventStore } from '@app/event-store';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { bootstrap } from '../../apps/api/src/server';
import { type AppConfig, loadConfig } from '../../apps/api/src/config/config';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** The admin token every TestApp registers (as ADMIN_TOKEN) unless told otherwise. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef0123456789abcdef';

/** Sends operations with one token (or none): `app.as(token)`; the TestApp itself uses its admin token. */
export class GraphQLClient {
  constructor(
    readonly url: string,
    readonly token: string | null,
  ) {}

  private authorization(): Record<string, string> {
    return this.token === null ? {} : { authorization: `Bearer ${this.token}` };
  }

  /** The same service, as another token holder; `null` sends no token at all. */
  as(token: string | null): GraphQLClient {
    return new GraphQLClient(this.url, token);
  }

  async gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.authorization(), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }

  /** Like gql, but fails the test on any GraphQL error. */
  async ok<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<T> {
    const res = await this.gql<T>(query, variables, headers);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  /** A graphql-ws client; sends the token as connectionParams.authorization unless the params name one. */
  wsClient(connectionParams: Record<string, unknown> = {}): Client {
    const params =
      'authorization' in connectionParams || 'token' in connectionParams
        ? connectionParams
        : { ...this.authorization(), ...connectionParams };
    return createClient({
      url: this.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: params,
      lazy: false,
      retryAttempts: 0,
    });
  }
}

/**
 * The real service on a random port, on its own temporary SQLite file (tokens next to it). It registers
 * TEST_ADMIN_TOKEN as ADMIN_TOKEN and sends it with every operation; pass `ADMIN_TOKEN: ''` to start
 * without one (the first-start admin token file is then written into the temporary directory).
 */
export class TestApp extends GraphQLClient {
  private constructor(
    readonly app: NestFastifyApplication,
    url: string,
    readonly dir: string,
    token: string | null,
  ) {
    super(url, token);
  }

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-e2e-'));
    const config: AppConfig = loadConfig({
      SQLITE_PATH: path.join(dir, 'registry.db'),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ADMIN_TOKEN: TEST_ADMIN_TOKEN,
      ...env,
    });
    const app = await bootstrap(config);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TestApp(app, `http://127.0.0.1:${port}/graphql`, dir, config.adminToken ?? null);
  }

  /** How many events the store holds: what a refused command must leave unchanged. */
  async eventCount(): Promise<number> {
    let n = 0;
    for await (const batch of this.app.get(EventStore).readAllBatches()) n += batch.length;
    return n;
  }

  async stop(): Promise<void> {
    await this.app.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
