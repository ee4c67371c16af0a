import { Field, InputType, Int } from '@nestjs/graphql';
import { IsInt, IsOptional, IsString, Length, Matches, Min } from 'class-validator';

/** Fields every mutation input accepts. */
@InputType({ isAbstract: true })
export class CommandInput {
  @Field({
    nullable: true,
    description: 'Retry safety: the same key and input return the first result and append nothing',
  })
  @IsOptional()
  @IsString()
  @Length(8, 128)
  @Matches(/^[\w.:-]+$/, { message: 'idempotencyKey may hold letters, digits, _ . : - only' })
  idempotencyKey?: string;

  @Field(() => Int, {
    nullable: true,
    description: 'Optimistic concurrency: the revision you last saw; CONFLICT if it moved',
  })
  @IsOptional()
  @IsInt()
  @Min(-1)
  expectedRevision?: number;
}
