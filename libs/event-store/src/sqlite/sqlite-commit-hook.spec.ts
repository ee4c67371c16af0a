import { NO_STREAM } from '../event-store.port';
import { collect, newEvent } from '../testing/contract-helpers';
import { type SqliteCommit, SqliteEventStore } from './sqlite-event-store';

describe('SqliteEventStore onCommit (the metrics hook)', () => {
  it('reports each group commit: appends that joined it, appends and events written', async () => {
    const commits: SqliteCommit[] = [];
    const store = new SqliteEventStore({ path: ':memory:', onCommit: (commit) => commits.push(commit) });
    try {
      await Promise.allSettled([
        store.append('a', [newEvent('A1'), newEvent('A2')], { expectedRevision: NO_STREAM }),
        store.append('b', [newEvent('B1')], { expectedRevision: NO_STREAM }),
        store.append('a', [newEvent('A3')], { expectedRevision: NO_STREAM }), // conflicts: joins, writes nothing
      ]);
      await store.append('c', [newEvent('C1')]);
      expect(commits).toEqual([
        { batchSize: 3, appends: 2, events: 3 },
        { batchSize: 1, appends: 1, events: 1 },
      ]);
    } finally {
      await store.close();
    }
  });

  it('never fails a committed append when the hook throws', async () => {
    const store = new SqliteEventStore({
      path: ':memory:',
      onCommit: () => {
        throw new Error('metrics down');
      },
    });
    try {
      await expect(store.append('a', [newEvent('A1')])).resolves.toMatchObject({ nextExpectedRevision: 0 });
      expect(await collect(store.readAll())).toHaveLength(1);
    } finally {
      await store.close();
    }
  });
});
