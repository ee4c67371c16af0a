import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { StatementScope } from '@app/domain';
import { UserScopeObject } from '../../situations/objects/situation.object';

@ObjectType('StatementScope', {
  description: 'What it speaks about: incidents, situations, an alleged user, or any use by any actor (generic)',
})
export class StatementScopeObject {
  @Field(() => [ID], { description: 'Incidents (canonical ids)' }) incidentIds: string[];
  @Field(() => [ID]) situationIds: string[];
  @Field(() => UserScopeObject, { nullable: true }) allegedUser: UserScopeObject | null;
  @Field() generic: boolean;
}

export const toScopeObject = (incidentIds: string[], scope: StatementScope | undefined): StatementScopeObject => ({
  incidentIds,
  situationIds: scope?.situationIds ?? [],
  allegedUser: scope?.allegedUser ?? null,
  generic: scope?.generic === true,
});
