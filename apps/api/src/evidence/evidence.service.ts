import { Inject, Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { SHA256_HEX } from './evidence-layout';
import { EvidenceStore } from './evidence-store.port';
import { detectType, type DetectedType } from './media-types';
import { type UploadRecord, UploadIndex } from './upload-index';

/** The bytes are of a type the registry does not accept (EVIDENCE_ALLOWED_TYPES): nothing was kept. */
export class UnsupportedTypeError extends Error {
  constructor(
    readonly detected: DetectedType | null,
    readonly allowed: readonly string[],
  ) {
    const what = detected ? `The file is ${detected.mediaType}` : 'The file type was not recognised from its bytes';
    super(`${what}; accepted: ${allowed.join(', ')}`);
  }
}

export interface UploadResult {
  record: UploadRecord;
  alreadyStored: boolean;
}

export interface StoredEvidence {
  record: UploadRecord | null;
  size: number;
  open(): Readable;
}

/** A client-given file name, reduced to a plain base name; null when nothing usable is left. */
export function cleanFileName(name: string | undefined): string | null {
  if (name === undefined) return null;
  const base = name
    .split(/[\\/]/)
    .pop()!
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, 255);
  return base === '' || base === '.' || base === '..' ? null : base;
}

/** Upload and reading of evidence files: the store holds the bytes, the index what is known of them. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly store: EvidenceStore,
    private readonly index: UploadIndex,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get maxBytes(): number {
    return this.config.evidence.maxBytes;
  }

  /**
   * Receives a file, detects its type from its first bytes and keeps it when accepted. The same bytes
   * twice are stored once, and the first upload's record is the one kept.
   */
  async upload(
    source: AsyncIterable<Buffer>,
    name: string | undefined,
    uploadedBy: string,
    now = new Date(),
  ): Promise<UploadResult> {
    const staged = await this.store.stage(source, this.config.evidence.maxBytes);
    const detected = detectType(staged.head);
    const allowed = this.config.evidence.allowedTypes;
    if (!detected || !allowed.includes(detected.name)) {
      await staged.discard();
      throw new UnsupportedTypeError(detected, allowed);
    }
    const stored = await staged.commit();
    const before = this.index.get(staged.sha256);
    const record =
      before ??
      this.index.record({
        sha256: staged.sha256,
        size: staged.size,
        mediaType: detected.mediaType,
        originalName: cleanFileName(name) ?? `${staged.sha256}.${detected.extension}`,
        uploadedBy,
        uploadedAt: now.toISOString(),
      });
    return { record, alreadyStored: !stored };
  }

  /** The stored file and its record; null when the store does not hold that hash. */
  async find(sha256: string): Promise<StoredEvidence | null> {
    if (!SHA256_HEX.test(sha256)) return null;
    const size = await this.store.size(sha256);
    if (size === null) return null;
    return { record: this.index.get(sha256), size, open: () => this.store.read(sha256) };
  }

  /** What a citation may copy into an event: only for a file both held and recorded. */
  async citable(sha256: string): Promise<UploadRecord | null> {
    const record = this.index.get(sha256);
    return record && (await this.store.size(sha256)) === record.size ? record : null;
  }
}
