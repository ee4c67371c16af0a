import { Injectable } from '@nestjs/common';
import { type Citation, type EvidenceFileRef, notFound } from '@app/domain';
import { withoutNulls } from '../incidents/without-nulls';
import type { CitationInput } from '../incidents/dto/citation.input';
import { EvidenceService } from './evidence.service';

/**
 * Turns a citation as sent (files named by hash and caption) into a citation as recorded: each file's
 * size, type, original name, uploader and upload time come from the server's upload record, so an
 * event states what was cited without the client vouching for it.
 */
@Injectable()
export class EvidenceCitations {
  constructor(private readonly evidence: EvidenceService) {}

  /** `field` locates the citation in the input (e.g. `firstSource.citation`), for NOT_FOUND. */
  async citation(input: CitationInput, field: string): Promise<Citation> {
    const { files, ...rest } = withoutNulls({ ...input });
    if (!files?.length) return rest;
    const refs: EvidenceFileRef[] = [];
    for (const [i, file] of files.entries()) {
      const sha256 = file.sha256.toLowerCase();
      const record = await this.evidence.citable(sha256);
      if (!record) {
        const message = `No stored evidence file with SHA-256 ${sha256}: upload it first (POST /evidence)`;
        throw notFound(message, `${field}.files.${i}.sha256`);
      }
      refs.push({ ...record, ...(file.caption !== undefined && { caption: file.caption }) });
    }
    return { ...rest, files: refs };
  }

  async citations(inputs: CitationInput[] | null | undefined, field: string): Promise<Citation[] | undefined> {
    if (!inputs?.length) return undefined;
    const out: Citation[] = [];
    for (const [i, input] of inputs.entries()) out.push(await this.citation(input, `${field}.${i}`));
    return out;
  }
}
