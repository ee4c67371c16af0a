import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsDefined,
  IsOptional,
  IsUrl,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { EvidenceFileInput, MAX_FILES_PER_CITATION } from '../../evidence/dto/evidence-file.input';
import { SHA256 } from '../../graphql/validators';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

@InputType()
export class CitationInput {
  @Field(() => String, {
    nullable: true,
    description: 'Where the evidence was published; may be left out when `files` cites stored files',
  })
  // Checked when given, and required when no file is cited: a citation must say where the evidence is.
  @ValidateIf((citation: CitationInput) => citation.url != null || !citation.files?.length)
  @IsDefined({ message: 'a citation needs a url or at least one stored file' })
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) address' })
  @MaxLength(2048)
  url?: string;

  @Field({ nullable: true, description: 'An archived copy (e.g. a web archive snapshot)' })
  @IsOptional()
  @IsUrl(URL_OPTIONS, { message: 'archivedUrl must be an http(s) address' })
  @MaxLength(2048)
  archivedUrl?: string;

  @Field({ nullable: true, description: 'SHA-256 of the archived file (64 hex characters), for chain of custody' })
  @IsOptional()
  @Matches(SHA256, { message: 'archivedSha256 must be 64 hexadecimal characters' })
  archivedSha256?: string;

  @Field(() => [EvidenceFileInput], {
    nullable: true,
    description: 'Stored files (uploaded with POST /evidence) backing this citation, by SHA-256',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FILES_PER_CITATION)
  @ValidateNested({ each: true })
  @Type(() => EvidenceFileInput)
  @ArrayUnique((file: EvidenceFileInput) => file?.sha256?.toLowerCase(), { message: 'files must not repeat a file' })
  files?: EvidenceFileInput[];
}
