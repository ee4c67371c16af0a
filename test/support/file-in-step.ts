import { ReadModelService } from '../../apps/api/src/read-model/read-model.service';
import { ReadStoreService } from '../../apps/api/src/read-store/read-store.service';
import type { TestApp } from './test-app';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until the projection file has caught up and follows the store. */
export async function fileReady(file: ReadStoreService): Promise<void> {
  while (!(await file.readiness()).ready) await sleep(20);
}

/**
 * Until the file shows what the in-memory model shows (asked of the unspied method, so that a spy on `readInStep`
 * counts the queries' reads only).
 */
export async function fileInStep(app: TestApp, file: ReadStoreService): Promise<void> {
  const { model } = app.app.get(ReadModelService);
  while (ReadStoreService.prototype.readInStep.call(file, model.checkpoint, () => true) === null) await sleep(10);
}
