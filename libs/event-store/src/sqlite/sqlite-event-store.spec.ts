import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStoreContract } from '../testing/event-store.contract';
import { openSqliteEventStore } from './open-sqlite-event-store';
import { SqliteEventStore } from './sqlite-event-store';

const directory = mkdtempSync(join(tmpdir(), 'registry-contract-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describeEventStoreContract('SQLite file', async () => openSqliteEventStore(join(directory, 'nested', 'registry.db')));
describeEventStoreContract('SQLite :memory:', async () => new SqliteEventStore({ path: ':memory:' }));
