import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { credentialFromHeaders } from '../auth/bearer';
import { covers, type Role } from '../auth/roles';
import type { TokenStore } from '../auth/token-store';
import type { AppConfig } from '../config/config';
import { FileTooLargeError } from './evidence-store.port';
import { type EvidenceService, UnsupportedTypeError } from './evidence.service';

/**
 * The two REST routes of evidence files. A raw body rather than multipart: one file per request needs
 * no envelope, the bytes stream straight to the store (no parser buffering, no extra dependency), and
 * `curl --data-binary @file` is the whole client. They live in their own Fastify scope, whose catch-all
 * content-type parser leaves the body unread (the GraphQL route keeps its parsers and body limit).
 */

/** How much of an oversized body is still read and thrown away, so that the client sees the 413 (not a reset). */
const DISCARD_BYTES = 8 * 1_048_576;

type Failure = { status: number; code: string; message: string };

function refuse(reply: FastifyReply, failure: Failure, extra: Record<string, unknown> = {}): FastifyReply {
  const { status, code, message } = failure;
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ code, message, ...extra });
}

/** The token holder, or why not: 401 without a valid token, 403 below `needed`. `anonymous` lets no-token through. */
function authorize(
  tokens: TokenStore,
  request: FastifyRequest,
  needed: Role,
  anonymous: boolean,
): { name: string } | Failure {
  const credential = credentialFromHeaders(request.headers);
  if (credential.kind === 'none' && anonymous) return { name: 'anonymous' };
  if (credential.kind !== 'token') {
    const message = 'An API token is required: send the header Authorization: Bearer <token>';
    return { status: 401, code: 'UNAUTHENTICATED', message };
  }
  const record = tokens.authenticate(credential.token);
  if (!record) return { status: 401, code: 'UNAUTHENTICATED', message: 'The API token is unknown or revoked' };
  if (!covers(record.role, needed)) {
    return { status: 403, code: 'FORBIDDEN', message: `This needs the ${needed} role; the token has ${record.role}` };
  }
  return { name: record.holder };
}

/** Reads and drops what is left of a request (up to `budget` bytes), resolving when done or over budget. */
function discardRest(raw: IncomingMessage, budget: number): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let left = budget;
    const done = () => {
      raw.off('data', onData).off('end', done).off('close', done).off('error', done);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      left -= chunk.length;
      if (left < 0) done();
    };
    raw.on('data', onData).once('end', done).once('close', done).once('error', done);
    raw.resume();
  });
}

/** The body's chunks; the request is destroyed when none comes for `idleMs`. Not destroyed on an early stop. */
async function* bodyOf(raw: IncomingMessage, idleMs: number): AsyncGenerator<Buffer> {
  const timer = setTimeout(() => raw.destroy(new Error('upload stalled')), idleMs);
  try {
    for await (const chunk of raw.iterator({ destroyOnReturn: false })) {
      timer.refresh();
      yield chunk as Buffer;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** `attachment` with the original name: a plain-ASCII fallback and the exact name (RFC 6266 / 8187). */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function registerEvidenceRoutes(
  fastify: FastifyInstance,
  service: EvidenceService,
  tokens: TokenStore,
  config: AppConfig,
): void {
  void fastify.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));

    scope.post<{ Querystring: { name?: string } }>('/evidence', async (request, reply) => {
      const user = authorize(tokens, request, 'RESEARCHER', false);
      if ('status' in user) {
        await discardRest(request.raw, DISCARD_BYTES);
        return refuse(reply.header('connection', 'close'), user);
      }
      const tooLarge = (): FastifyReply =>
        refuse(
          reply.header('connection', 'close'),
          {
            status: 413,
            code: 'FILE_TOO_LARGE',
            message: `Evidence files may be up to ${service.maxBytes} bytes`,
          },
          { maxBytes: service.maxBytes },
        );
      const declared = Number(request.headers['content-length']);
      if (declared > service.maxBytes) {
        if (declared - service.maxBytes <= DISCARD_BYTES) await discardRest(request.raw, DISCARD_BYTES);
        return tooLarge();
      }
      const name = typeof request.query.name === 'string' ? request.query.name : undefined;
      try {
        // An early stop (too large) must leave the request open for the answer.
        const body = bodyOf(request.raw, config.evidence.uploadIdleMs);
        const { record, alreadyStored } = await service.upload(body, name, user.name);
        return reply.code(alreadyStored ? 200 : 201).send({ ...record, alreadyStored });
      } catch (error) {
        if (error instanceof FileTooLargeError) {
          await discardRest(request.raw, DISCARD_BYTES);
          return tooLarge();
        }
        if (error instanceof UnsupportedTypeError) {
          return refuse(
            reply,
            { status: 415, code: 'UNSUPPORTED_FILE_TYPE', message: error.message },
            {
              detectedType: error.detected?.mediaType ?? null,
              allowedTypes: error.allowed,
            },
          );
        }
        // A connection broken midway: the store kept nothing, and there is no one left to answer.
        if (request.raw.destroyed || request.raw.socket.destroyed) return reply.hijack();
        throw error;
      }
    });

    scope.get<{ Params: { sha256: string } }>('/evidence/:sha256', async (request, reply) => {
      const user = authorize(tokens, request, 'VIEWER', config.publicRead && config.evidence.publicRead);
      if ('status' in user) return refuse(reply, user);
      const sha256 = request.params.sha256.toLowerCase();
      const found = await service.find(sha256);
      if (!found) {
        return refuse(reply, { status: 404, code: 'NOT_FOUND', message: `No evidence file with SHA-256 ${sha256}` });
      }
      return reply
        .header('content-type', found.record?.mediaType ?? 'application/octet-stream')
        .header('content-length', found.size)
        .header('content-disposition', contentDisposition(found.record?.originalName ?? sha256))
        .header('x-content-type-options', 'nosniff')
        .header('etag', `"${sha256}"`)
        .header('cache-control', 'private, max-age=31536000, immutable')
        .send(found.open());
    });
  });
}
