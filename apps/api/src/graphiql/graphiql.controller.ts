import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { EXPLORER_HTML, EXPLORER_JS } from './explorer-page';

/** The prebuilt browser bundles the explorer needs, from the project's own npm dependencies. */
const VENDOR: Record<string, { pkg: string; file: string; type: string }> = {
  'react.js': { pkg: 'react', file: 'umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.js': { pkg: 'react-dom', file: 'umd/react-dom.production.min.js', type: 'text/javascript' },
  'graphiql.js': { pkg: 'graphiql', file: 'graphiql.min.js', type: 'text/javascript' },
  'graphiql.css': { pkg: 'graphiql', file: 'graphiql.min.css', type: 'text/css' },
};

/** A package's folder (its `exports` hide these files from require.resolve): up from its main entry. */
function packageRoot(pkg: string): string {
  let dir = dirname(require.resolve(pkg));
  while (!(
    existsSync(join(dir, 'package.json')) &&
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === pkg
  )) {
    if (dirname(dir) === dir) throw new Error(`cannot find the folder of ${pkg}`);
    dir = dirname(dir);
  }
  return dir;
}

/** Nothing but this server: scripts, styles, fonts (GraphiQL inlines its own) and requests. */
const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function send(reply: FastifyReply, type: string, body: unknown): void {
  void reply
    .code(200)
    .header('content-type', `${type}; charset=utf-8`)
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'no-cache')
    .send(body);
}

/** GET /graphiql (development only): GraphiQL served offline, with a field for the API token. */
@Controller('graphiql')
export class GraphiqlController {
  @Get()
  page(@Res() reply: FastifyReply): void {
    send(reply, 'text/html', EXPLORER_HTML);
  }

  @Get('explorer.js')
  script(@Res() reply: FastifyReply): void {
    send(reply, 'text/javascript', EXPLORER_JS);
  }

  @Get('vendor/:file')
  vendor(@Param('file') file: string, @Res() reply: FastifyReply): void {
    const asset = Object.hasOwn(VENDOR, file) ? VENDOR[file] : undefined;
    if (!asset) {
      void reply.code(404).send({ error: 'Not found' });
      return;
    }
    send(reply, asset.type, createReadStream(join(packageRoot(asset.pkg), asset.file)));
  }
}
