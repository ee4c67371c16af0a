import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { type GraphQLResolveInfo, OperationTypeNode } from 'graphql';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config';
import { ApiError, ErrorCode } from '../graphql/error-codes';
import { RegistryMetrics } from '../metrics/registry-metrics';
import { type Credential, credentialFromConnectionParams, credentialFromHeaders } from './bearer';
import { covers, ROLES_KEY, type Role } from './roles';
import { TokenStore } from './token-store';

/** Who the request acts as: the token's holder becomes every event's `actor`. */
export interface AuthenticatedUser {
  tokenId: string;
  name: string;
  role: Role;
}

interface GraphQLContext {
  req?: { headers?: Record<string, unknown>; user?: AuthenticatedUser };
  /** graphql-ws connection_init payload (Mercurius keeps it on the subscription context). */
  _connectionInit?: unknown;
}

/**
 * UNAUTHENTICATED / FORBIDDEN. `extensions` lets graphql-js copy the code onto the located error, so it
 * also reaches graphql-ws clients (Mercurius sends subscription errors without the error formatter).
 */
export class AccessError extends ApiError {
  get extensions(): Record<string, unknown> {
    return { code: this.code, ...this.details };
  }
}

export const defaultRole = (operation: OperationTypeNode | `${OperationTypeNode}`): Role =>
  operation === 'mutation' ? 'RESEARCHER' : 'VIEWER';

function credentialOf(context: GraphQLContext): Credential {
  const fromHeaders = credentialFromHeaders(context.req?.headers);
  return fromHeaders.kind === 'none' && context._connectionInit !== undefined
    ? credentialFromConnectionParams(context._connectionInit)
    : fromHeaders;
}

/**
 * The one access check, global: each root query, mutation and subscription needs a valid token whose role
 * covers the operation (mutations RESEARCHER, queries and subscriptions VIEWER, or what `@Roles` says).
 * The token is looked up on every call, so a revoked token fails on its next request. It runs before the
 * resolver, so a refused request appends nothing. Non-GraphQL routes (health checks) are not its business.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: RegistryMetrics,
  ) {}

  canActivate(execution: ExecutionContext): boolean {
    if (execution.getType<GqlContextType>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(execution);
    const operation = gql.getInfo<GraphQLResolveInfo>().operation.operation;
    const needed =
      this.reflector.getAllAndOverride<Role | undefined>(ROLES_KEY, [execution.getHandler(), execution.getClass()]) ??
      defaultRole(operation);
    const context = gql.getContext<GraphQLContext>();
    const credential = credentialOf(context);

    const publicQuery = operation !== OperationTypeNode.MUTATION && needed === 'VIEWER';
    if (credential.kind === 'none' && this.config.publicRead && publicQuery) return true;
    if (credential.kind !== 'token') {
      this.metrics.tokenFailed(credential.kind === 'none' ? 'missing' : 'malformed');
      throw new AccessError(
        ErrorCode.UNAUTHENTICATED,
        credential.kind === 'none'
          ? 'An API token is required: send the header Authorization: Bearer <token>'
          : 'The Authorization header must read Bearer <token>',
      );
    }
    const record = this.tokens.authenticate(credential.token);
    if (!record) {
      this.metrics.tokenFailed('unknown');
      throw new AccessError(ErrorCode.UNAUTHENTICATED, 'The API token is unknown or revoked');
    }
    if (!covers(record.role, needed)) {
      this.metrics.tokenFailed('forbidden');
      throw new AccessError(
        ErrorCode.FORBIDDEN,
        `This operation needs the ${needed} role; the token has ${record.role}`,
        {
          requiredRole: needed,
          role: record.role,
        },
      );
    }
    if (context.req) context.req.user = { tokenId: record.id, name: record.holder, role: record.role };
    return true;
  }
}
