import type { FastifyReply, FastifyRequest } from 'fastify';
import { type DocumentNode, getOperationAST, OperationTypeNode } from 'graphql';
import { ApiError, ErrorCode } from './error-codes';

/** A request that is not a well-formed GraphQL-over-HTTP request; carries the HTTP status to answer with. */
export class HttpRequestError extends ApiError {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(ErrorCode.BAD_USER_INPUT, message);
  }
}

export const GRAPHQL_RESPONSE = 'application/graphql-response+json';

/** True when the client asked for application/graphql-response+json before (or instead of) application/json. */
export function wantsGraphQLResponse(accept: unknown): boolean {
  if (typeof accept !== 'string') return false;
  const types = accept.split(',').map((part) => part.split(';')[0].trim().toLowerCase());
  const modern = types.indexOf(GRAPHQL_RESPONSE);
  const legacy = types.indexOf('application/json');
  return modern >= 0 && (legacy < 0 || modern < legacy);
}

const isMap = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value);
const isWebSocket = (request: FastifyRequest): boolean =>
  (request as { ws?: boolean }).ws === true || typeof request.headers.upgrade === 'string';

function checkParameters(params: Record<string, unknown>, fromQueryString: boolean): void {
  if (typeof params.query !== 'string' || params.query.trim() === '') {
    throw new HttpRequestError(400, 'The request must carry a GraphQL document as the string parameter "query"');
  }
  if (params.operationName != null && typeof params.operationName !== 'string') {
    throw new HttpRequestError(400, '"operationName" must be a string or null');
  }
  for (const name of ['variables', 'extensions'] as const) {
    const value = params[name];
    if (value == null) continue;
    if (fromQueryString ? typeof value !== 'string' : !isMap(value)) {
      throw new HttpRequestError(400, `"${name}" must be ${fromQueryString ? 'a JSON-encoded map' : 'a map'} or null`);
    }
  }
}

/**
 * Route hooks on /graphql that make the endpoint follow the GraphQL-over-HTTP spec where Mercurius does
 * not by itself: malformed requests get a 4xx with a GraphQL-shaped error (instead of reaching the
 * executor), null `extensions` is accepted, and the reply's media type follows the Accept header.
 */
export const graphqlHttpHooks = {
  preValidation: async (request: FastifyRequest): Promise<void> => {
    if (isWebSocket(request)) return;
    if (request.method === 'POST') {
      if (!request.headers['content-type'])
        throw new HttpRequestError(415, 'Send the request with Content-Type: application/json');
      if (Array.isArray(request.body))
        throw new HttpRequestError(400, 'Batched operations are not supported: send one operation per request');
      if (!isMap(request.body)) throw new HttpRequestError(400, 'The request body must be a JSON object');
    }
    const params = (request.method === 'POST' ? request.body : request.query) as Record<string, unknown>;
    checkParameters(params ?? {}, request.method !== 'POST');
    // Mercurius' body schema refuses null for these, though the spec allows it.
    for (const name of ['extensions', 'variables', 'operationName'] as const)
      if (params[name] === null) delete params[name];
  },
  onSend: async (request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> => {
    if (
      !isWebSocket(request) &&
      wantsGraphQLResponse(request.headers.accept) &&
      String(reply.getHeader('content-type') ?? '').startsWith('application/json')
    ) {
      reply.header('content-type', `${GRAPHQL_RESPONSE}; charset=utf-8`);
    }
    return payload;
  },
};

/**
 * The Mercurius hook that refuses a subscription sent over HTTP (POST: a GET already gets 405 from Mercurius).
 * Executed as a query, its fields would resolve with no event to read (an INTERNAL_SERVER_ERROR) and past the token
 * check, which subscriptions make when the WebSocket connects. Mercurius runs preExecution for HTTP only.
 */
export const subscriptionsOverWebSocket = {
  preExecution: async (
    _schema: unknown,
    document: DocumentNode,
    context: { reply?: { request?: FastifyRequest } },
  ): Promise<void> => {
    const request = context.reply?.request;
    const params = (request?.method === 'POST' ? request.body : request?.query) as { operationName?: unknown } | null;
    const name = typeof params?.operationName === 'string' ? params.operationName : undefined;
    if (getOperationAST(document, name)?.operation === OperationTypeNode.SUBSCRIPTION) {
      throw new HttpRequestError(400, 'Subscriptions are served over WebSocket (graphql-transport-ws) at /graphql');
    }
  },
};
