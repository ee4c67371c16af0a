import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, Length } from 'class-validator';
import { CommandInput } from '../../shared/command.input';
import { IsEntityId, IsIsoDate } from '../../graphql/validators';

@InputType()
export class MergeIncidentsInput extends CommandInput {
  @Field(() => ID, { description: 'The duplicate report; from now on its id resolves to the canonical incident' })
  @IsEntityId()
  duplicateIncidentId: string;

  @Field(() => ID, { description: 'The incident the duplicate folds into (a merged id resolves to its canonical one)' })
  @IsEntityId()
  canonicalIncidentId: string;

  @Field()
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  mergedOn: string;
}

@InputType()
export class WithdrawIncidentInput extends CommandInput {
  @Field(() => ID)
  @IsEntityId()
  incidentId: string;

  @Field({ description: 'e.g. no longer considered a use, or logged in error' })
  @IsString()
  @Length(1, 2000)
  reason: string;

  @Field({ description: 'YYYY-MM-DD' })
  @IsIsoDate()
  withdrawnOn: string;
}
