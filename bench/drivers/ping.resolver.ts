import { Query, Resolver } from '@nestjs/graphql';

/** The trivial query both driver apps serve: the cost of the HTTP + GraphQL stack alone. */
@Resolver()
export class PingResolver {
  @Query(() => String)
  ping(): string {
    return 'pong';
  }
}
