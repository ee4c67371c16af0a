import { Field, ID, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsOptional, ValidateNested } from 'class-validator';
import { IsEntityId } from '../../graphql/validators';
import { UserScopeInput } from '../../situations/dto/situation.inputs';

/** What a statement or resolution speaks about besides its incidents. */
@InputType()
export class StatementScopeInput {
  @Field(() => [ID], { nullable: true, description: 'Situations it speaks about' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsEntityId({ each: true })
  situationIds?: string[];

  @Field(() => UserScopeInput, { nullable: true, description: 'The alleged user it names (State codes or a group)' })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserScopeInput)
  allegedUser?: UserScopeInput;

  @Field({ nullable: true, description: 'Any use by any actor (as the Lausanne Political Declaration)' })
  @IsOptional()
  @IsBoolean()
  generic?: boolean;
}
