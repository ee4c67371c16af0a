import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { SHA256 } from '../../graphql/validators';

export const MAX_FILES_PER_CITATION = 50;

/** A stored file cited by hash; the server adds its size, type, name and uploader from the upload record. */
@InputType()
export class EvidenceFileInput {
  @Field({ description: 'SHA-256 (64 hexadecimal characters) as returned by POST /evidence' })
  @Matches(SHA256, { message: 'sha256 must be 64 hexadecimal characters' })
  sha256: string;

  @Field({ nullable: true, description: 'What the file shows, in a few words' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  caption?: string;
}
