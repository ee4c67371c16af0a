import { mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileStatementRows, liveMatching, ReadStore } from '@app/read-store';
import { randomHistory } from '../../../../libs/projections/src/testing/random-history';
import { cutsOf, whereOf } from '../../../../libs/read-store/src/testing/cuts';
import { dumpRows } from '../../../../libs/read-store/src/testing/statement-rows-dump';
import { loadReportRows, reportRowsLoaded, reportRowsOf } from './report-rows';
import { preloadReportRows, takePreloadedOverview } from './report-rows-worker';

jest.setTimeout(60_000);

/** The worker from the TypeScript sources, as the rebuild's runs in tests (the service takes the compiled one). */
const script = {
  file: resolve(__dirname, '../../../../libs/read-store/src/testing/run-ts.js'),
  argv: [join(__dirname, 'report-rows.worker.ts')],
};

describe('the report rows read in a worker thread', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'report-rows-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const fileWith = (name: string, seed: number, events = 200) => {
    const file = ReadStore.openFile(join(dir, name));
    file.applyPage(randomHistory(seed, events).events, { assess: true });
    return file;
  };

  it('equal the rows read here, with what was folded after the worker read them (if any)', async () => {
    const { events } = randomHistory(611, 200);
    const file = ReadStore.openFile(join(dir, 'projections.db'));
    const half = Math.floor(events.length / 2);
    file.applyPage(events.slice(0, half), { assess: true });
    const loading = loadReportRows(file, script);
    file.applyPage(events.slice(half), { assess: true });
    const { rows, how } = await loading;
    expect(how).toBe('by a worker thread');
    expect(rows.seq).toBe(file.checkpoint().seq);
    expect(rows.length).toBeGreaterThan(50);
    const here = FileStatementRows.load(file.db);
    expect(dumpRows(rows)).toEqual(dumpRows(here));
    // The corrected statements come apart from the rows (serialized slices): as of each cut, they lay the same rows.
    expect(here.parts().parts.corrected.size).toBeGreaterThan(0);
    for (const cut of cutsOf(events.map((e) => e.recordedAt)))
      expect([whereOf(cut), dumpRows(rows.at(cut))]).toEqual([whereOf(cut), dumpRows(here.at(cut))]);
    file.close();
  });

  it('read at start-up, before the file is opened here: taken when it is the file the worker read', async () => {
    fileWith('projections.db', 613).close();
    preloadReportRows(join(dir, 'projections.db'), script);
    const file = ReadStore.openFile(join(dir, 'projections.db'));
    const { rows, how } = await loadReportRows(file, null);
    expect(how).toBe('by a worker thread from start-up');
    expect(dumpRows(rows)).toEqual(dumpRows(FileStatementRows.load(file.db)));
    file.close();
  });

  it("another file's rows, moved over the one read at start-up (a rebuild), are not taken", async () => {
    fileWith('projections.db', 614).close();
    preloadReportRows(join(dir, 'projections.db'), script);
    // The worker reads the first file (or the second); the file opened here is the second either way.
    fileWith('rebuilt.db', 615, 240).close();
    await new Promise((r) => setTimeout(r, 50));
    renameSync(join(dir, 'rebuilt.db'), join(dir, 'projections.db'));
    const file = ReadStore.openFile(join(dir, 'projections.db'));
    const { rows } = await loadReportRows(file, null);
    expect(dumpRows(rows)).toEqual(dumpRows(FileStatementRows.load(file.db)));
    file.close();
  });

  it('a worker that cannot read the file: read here instead', async () => {
    const file = fileWith('projections.db', 612, 80);
    const { rows, how } = await loadReportRows(file, { file: join(dir, 'no-such-worker.js'), argv: [] });
    expect(how).toBe('here, in steps');
    expect(dumpRows(rows)).toEqual(dumpRows(FileStatementRows.load(file.db)));
    file.close();
  });

  it('a file closed while its rows load (shut down, swapped): nothing fails unheard; the next reads them', async () => {
    const unheard: unknown[] = [];
    const listen = (reason: unknown) => unheard.push(reason);
    process.on('unhandledRejection', listen);
    try {
      const closed = fileWith('projections.db', 616);
      expect(reportRowsOf(closed)).toBeNull();
      closed.close();
      await new Promise((r) => setTimeout(r, 100));
      expect(unheard).toEqual([]);
      const file = ReadStore.openFile(join(dir, 'projections.db'));
      const rows = await reportRowsLoaded(file);
      expect(reportRowsOf(file)).toBe(rows);
      expect(dumpRows(rows)).toEqual(dumpRows(FileStatementRows.load(file.db)));
      file.close();
    } finally {
      process.off('unhandledRejection', listen);
    }
  });

  it('one waiting for the rows of a file closed meanwhile hears UNAVAILABLE (retry), not a closed db', async () => {
    const closed = fileWith('projections.db', 617);
    const asked = reportRowsLoaded(closed);
    closed.close();
    await expect(asked).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const gone = fileWith('other.db', 618);
    gone.close();
    await expect(reportRowsLoaded(gone)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('the overview read at start-up: what liveMatching reads here, taken once, at that checkpoint only', async () => {
    const { events } = randomHistory(618, 240);
    const half = Math.floor(events.length / 2);
    const path = join(dir, 'projections.db');
    const write = (from: number, to: number) => {
      const file = ReadStore.openFile(path);
      file.applyPage(events.slice(from, to), { assess: true });
      file.close();
    };
    write(0, half);
    preloadReportRows(path, script);
    let file = ReadStore.openFile(path);
    await loadReportRows(file, null); // the worker reads the overview before the rows
    const matched = await takePreloadedOverview(file, 0);
    expect(matched?.length).toBeGreaterThan(5);
    expect(matched).toEqual(liveMatching(file.db, {}, file.policy));
    expect(await takePreloadedOverview(file, 0)).toBeNull();
    file.close();

    // Asked before the worker has read it (a service that caught up first): waited for, then taken.
    preloadReportRows(path, script);
    file = ReadStore.openFile(path);
    expect(await takePreloadedOverview(file, 60_000)).toEqual(matched);
    await loadReportRows(file, null);
    file.close();

    // Read at start-up, then the file folded more before the service took it: not taken.
    write(half, half + 1);
    preloadReportRows(path, script);
    file = ReadStore.openFile(path);
    await loadReportRows(file, null);
    file.applyPage(events.slice(half + 1), { assess: true });
    expect(await takePreloadedOverview(file, 0)).toBeNull();
    file.close();
  });
});
