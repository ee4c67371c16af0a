import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-codes';
import { mapError } from './error-mapping';

interface Sendable {
  send(data: unknown, ...rest: unknown[]): void;
}

interface SentError {
  message?: unknown;
  locations?: unknown;
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
}

const coding = new WeakSet<Sendable>();

/**
 * Mercurius answers a subscribe message that fails before it runs (a document that does not parse or validate, a
 * variable of the wrong type, an operation that is not a subscription, no payload at all) with a graphql-transport-ws
 * `error` message holding the error as it stands: no `extensions.code`, and for a missing payload the TypeError of
 * reading it. No errorFormatter runs there, so the `error` messages this socket sends are given the codes HTTP
 * answers carry (`mapError`); every other message goes out untouched.
 */
export function withErrorCodes(socket: Sendable): void {
  if (coding.has(socket)) return;
  coding.add(socket);
  const send = socket.send.bind(socket);
  socket.send = (data: unknown, ...rest: unknown[]) =>
    send(typeof data === 'string' && data.startsWith('{"type":"error"') ? coded(data) : data, ...rest);
}

function coded(text: string): string {
  const message = JSON.parse(text) as { payload?: unknown };
  if (!Array.isArray(message.payload)) return text;
  return JSON.stringify({ ...message, payload: (message.payload as SentError[]).map(codedError) });
}

function codedError(sent: SentError): SentError {
  const text = typeof sent.message === 'string' ? sent.message : '';
  // Mercurius reads `payload.query` first: a message without a payload fails on that read.
  if (/^Cannot destructure property .* of 'payload'/.test(text))
    return { message: 'A subscribe message must carry a payload with a query', extensions: badInput };
  if (/^Invalid operation: /.test(text))
    return {
      message: 'Only subscriptions are served over WebSocket: send queries and mutations over HTTP',
      extensions: badInput,
    };
  const mapped = mapError(new GraphQLError(text, { path: sent.path, extensions: sent.extensions }));
  return { ...sent, message: mapped.message, extensions: mapped.extensions };
}

const badInput = { code: ErrorCode.BAD_USER_INPUT };
