import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LoggerModule, type Params, PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../config/config';

/** Nest's level names onto pino's. */
const PINO_LEVEL = { debug: 'debug', log: 'info', warn: 'warn', error: 'error' } as const;

/** Routes whose every hit would drown the log: probes and scrapes. */
const QUIET = /^\/(health\/|metrics)/;

/** pino-pretty is a development dependency: readable lines in a terminal, JSON everywhere else. */
function prettyTransport(config: AppConfig): { target: string; options: Record<string, unknown> } | undefined {
  const pretty =
    config.logFormat === 'pretty' || (config.logFormat === 'auto' && !config.production && process.stdout.isTTY);
  if (!pretty) return undefined;
  try {
    return { target: require.resolve('pino-pretty'), options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' } };
  } catch {
    return undefined;
  }
}

function pinoHttpOptions(config: AppConfig): Params['pinoHttp'] {
  const transport = prettyTransport(config);
  const options = {
    level: PINO_LEVEL[config.logLevel],
    // The request id: Fastify made it (main.ts: genReqId) and @fastify/middie copied it onto the raw request,
    // where pino-http takes it.
    autoLogging: { ignore: (req: IncomingMessage) => QUIET.test(req.url ?? '') },
    serializers: {
      // No headers (they carry the bearer token), and no query string (a GraphQL GET carries the document
      // and its variables there): the path only.
      req: (req: { id: unknown; method: string; url?: string; headers: Record<string, unknown> }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.split('?')[0],
        userAgent: req.headers['user-agent'],
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
  // JSON goes through process.stdout (synchronous on Linux for files, pipes and terminals), pretty lines
  // through pino-pretty's worker.
  return transport ? { ...options, transport } : [options, process.stdout];
}

/**
 * Structured JSON logs (nestjs-pino): one line per request with its id (`req.id`), method, path, status and
 * time, and every Nest log line as JSON (with the request's id when logged while serving it). The request
 * id is the caller's `x-request-id` or a new one; it is sent back in the `x-request-id` response header and
 * becomes the correlation id of the events the request appends (shared/request-meta.ts). Credentials never
 * reach the log.
 */
@Module({})
export class LoggingModule implements OnModuleInit {
  private static level: string = PINO_LEVEL.log;
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  static forRoot(config: AppConfig): DynamicModule {
    LoggingModule.level = PINO_LEVEL[config.logLevel];
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          // Every route, also those Mercurius registers (Nest's Fastify adapter matches them with `*path`).
          forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
          pinoHttp: pinoHttpOptions(config),
        }),
      ],
    };
  }

  /** The caller learns the id to quote: `x-request-id` on every response. */
  onModuleInit(): void {
    // nestjs-pino builds its root logger once per process, with the first app's options: an app started
    // later in the same process (the tests start several) sets its own level on it.
    if (PinoLogger.root) PinoLogger.root.level = LoggingModule.level;
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onRequest', async (request, reply) => {
      reply.header('x-request-id', request.id);
    });
  }
}
