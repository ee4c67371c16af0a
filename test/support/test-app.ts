import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { bootstrap } from '../../apps/api/src/main';
import { type AppConfig, loadConfig } from '../../apps/api/src/config/config';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** The real service on a random port, on its own temporary SQLite file. */
export class TestApp {
  private constructor(readonly app: NestFastifyApplication, readonly url: string, readonly dir: string) {}

  static async start(env: Record<string, string> = {}): Promise<TestApp> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cmur-e2e-'));
    const config: AppConfig = loadConfig({ SQLITE_PATH: path.join(dir, 'registry.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env });
    const app = await bootstrap(config);
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : 0;
    return new TestApp(app, `http://127.0.0.1:${port}/graphql`, dir);
  }

  async gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as object) };
  }

  /** Like gql, but fails the test on any GraphQL error. */
  async ok<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
    const res = await this.gql<T>(query, variables, headers);
    if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
    return res.data as T;
  }

  wsClient(connectionParams: Record<string, unknown> = {}): Client {
    return createClient({ url: this.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams, lazy: false, retryAttempts: 0 });
  }

  async stop(): Promise<void> {
    await this.app.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
