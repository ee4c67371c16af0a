/**
 * Long synchronous folds (a catch-up, a replay) read the SQLite store synchronously, so their awaits
 * settle as microtasks and never let the event loop reach I/O: health probes and queries would wait for
 * the whole fold. A yielder returns a macrotask turn (setImmediate) once `everyMs` of work has passed, and
 * an already-settled promise otherwise, so the fold pays one timer check per page.
 */
export function loopYielder(everyMs = 20): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    const now = performance.now();
    if (now - since < everyMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        since = performance.now();
        resolve();
      }),
    );
  };
}
