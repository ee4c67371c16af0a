import { Field, InputType } from '@nestjs/graphql';
import { IsOptional, IsUrl, Matches, MaxLength } from 'class-validator';
import { SHA256 } from '../../graphql/validators';

const URL_OPTIONS = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

@InputType()
export class CitationInput {
  @Field({ description: 'Where the evidence was published' })
  @IsUrl(URL_OPTIONS, { message: 'url must be an http(s) address' }) @MaxLength(2048)
  url: string;

  @Field({ nullable: true, description: 'An archived copy (e.g. a web archive snapshot)' })
  @IsOptional() @IsUrl(URL_OPTIONS, { message: 'archivedUrl must be an http(s) address' }) @MaxLength(2048)
  archivedUrl?: string;

  @Field({ nullable: true, description: 'SHA-256 of the archived file (64 hex characters), for chain of custody' })
  @IsOptional() @Matches(SHA256, { message: 'archivedSha256 must be 64 hexadecimal characters' })
  archivedSha256?: string;
}
