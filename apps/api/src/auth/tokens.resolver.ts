import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { notFound } from '@app/domain';
import { type RequestMeta, Meta } from '../shared/request-meta';
import { Roles } from './roles';
import { TokenStore } from './token-store';
import { ApiTokenObject, IssuedTokenObject, IssueTokenInput, RevokeTokenInput } from './tokens.graphql';

/** Token management: admins only. Tokens are credentials, so none of this touches the event log. */
@Resolver(() => ApiTokenObject)
@Roles('ADMIN')
export class TokensResolver {
  constructor(private readonly store: TokenStore) {}

  @Query(() => [ApiTokenObject], { description: 'Every API token, revoked ones included (never the secrets)' })
  tokens(): ApiTokenObject[] {
    return this.store.list();
  }

  @Mutation(() => IssuedTokenObject, { description: 'Issue a token; its secret is in this answer only' })
  issueToken(@Args('input') input: IssueTokenInput, @Meta() meta: RequestMeta): IssuedTokenObject {
    const { token, record } = this.store.issue(input.holder, input.role, meta.actor);
    return { token, apiToken: record };
  }

  @Mutation(() => ApiTokenObject, { description: 'Revoke a token: it fails from its next request on' })
  revokeToken(@Args('input') input: RevokeTokenInput): ApiTokenObject {
    const record = this.store.revoke(input.id);
    if (!record) throw notFound(`No token with id ${input.id}`, 'id');
    return record;
  }
}
