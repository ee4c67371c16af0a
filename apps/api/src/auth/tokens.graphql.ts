import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from './roles';
import { IsEntityId } from '../graphql/validators';

export const RoleEnum = Object.fromEntries(ROLES.map((r) => [r, r])) as { [K in Role]: K };
registerEnumType(RoleEnum, {
  name: 'Role',
  description: 'VIEWER: queries and subscriptions; RESEARCHER: also mutations; ADMIN: also tokens and rebuilds',
});

@ObjectType('ApiToken', { description: 'An API token as listed: never its secret' })
export class ApiTokenObject {
  @Field(() => ID) id: string;
  @Field({ description: 'Who holds it: recorded as the actor of every event appended with it' }) holder: string;
  @Field(() => RoleEnum) role: Role;
  @Field() createdAt: Date;
  @Field({
    description: 'Holder of the admin token that issued it, or how it came to be (ADMIN_TOKEN, first start, cli)',
  })
  createdBy: string;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;
}

@ObjectType('IssuedToken')
export class IssuedTokenObject {
  @Field({ description: 'The secret, shown this once: send it as Authorization: Bearer <token>' }) token: string;
  @Field(() => ApiTokenObject) apiToken: ApiTokenObject;
}

@InputType()
export class IssueTokenInput {
  @Field({ description: 'A person or system, e.g. "Jane Doe (researcher)" or "ci-import"' })
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{Cc}]+$/u, { message: 'holder must not contain control characters' })
  holder: string;

  @Field(() => RoleEnum)
  @IsEnum(RoleEnum)
  role: Role;
}

@InputType()
export class RevokeTokenInput {
  @Field(() => ID)
  @IsEntityId()
  id: string;
}
