import { ReadStoreService } from '../../apps/api/src/read-store/read-store.service';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Until the projection file has caught up and follows the store. */
export async function fileReady(file: ReadStoreService): Promise<void> {
  while (!(await file.readiness()).ready) await sleep(20);
}

/** Until the file serves and shows every event in the store (no lag). */
export async function fileInStep(file: ReadStoreService): Promise<void> {
  for (;;) {
    const { ready, lag } = await file.readiness();
    if (ready && lag?.events === 0) return;
    await sleep(10);
  }
}

/**
 * `ask` answered by a projection file rebuilt from the store: the reference for answers of the file the service
 * folded live, page by page (a from-scratch rebuild folds in bulk, then assesses every incident once).
 */
export async function afterRebuild<T>(file: ReadStoreService, ask: () => Promise<T>): Promise<T> {
  await file.rebuild();
  await fileInStep(file);
  return ask();
}
