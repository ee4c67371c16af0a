import type { Logger } from '@nestjs/common';
import { ReadStore } from '@app/read-store';

/** The projection file at `file`, open, if it holds this version's projection; null when it must be rebuilt. */
export function openIfCurrent(file: string, logger: Logger): ReadStore | null {
  let opened: ReadStore;
  try {
    opened = ReadStore.openFile(file);
  } catch (error) {
    logger.warn(`${file} cannot be opened as it is, rebuilding it: ${(error as Error).message}`);
    return null;
  }
  if (opened.storedVersion() === opened.version) return opened;
  opened.close();
  return null;
}
