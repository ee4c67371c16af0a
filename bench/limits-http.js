// A small autocannon run of our validation rules against GraphQL Armor's: the service's real schema mounted
// on a bare Fastify + Mercurius, each request a new document (a cache miss: the rules run every time).
// Usage: npm run build && node bench/limits-http.js [seconds per run, default 5]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const autocannon = require('autocannon');
const Fastify = require('fastify');
const mercurius = require('mercurius');
const { getIntrospectionQuery } = require('graphql');
const { maxDepthRule } = require('@escape.tech/graphql-armor-max-depth');
const { costLimitRule: armorCost } = require('@escape.tech/graphql-armor-cost-limit');
const { maxAliasesRule } = require('@escape.tech/graphql-armor-max-aliases');
const { GraphQLSchemaHost } = require('@nestjs/graphql');
const { bootstrap } = require('../dist/apps/api/src/main.js');
const { loadConfig } = require('../dist/apps/api/src/config/config.js');
const { limitRules } = require('../dist/apps/api/src/graphql/limits.js');

const seconds = Number(process.argv[2] ?? 5);
const RULES = {
  ours: limitRules({ maxDepth: 12, maxCost: 200000, maxAliases: 30, maxFirst: 500, introspection: true }),
  armor: [maxDepthRule({ n: 12 }), armorCost({ maxCost: 200000 }), maxAliasesRule({ n: 30 })],
};
// Introspection resolves without the service's resolvers; the counter makes every document new.
const introspection = getIntrospectionQuery().replace(
  'query IntrospectionQuery {',
  'query IntrospectionQuery { n%N%: __typename',
);

async function run(name, schema) {
  const app = Fastify();
  await app.register(mercurius, { schema, validationRules: RULES[name], cache: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${app.server.address().port}/graphql`,
    connections: 4,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ query: introspection.replace('%N%', String(n++)) }),
        }),
      },
    ],
  });
  await app.close();
  return (
    `${name.padEnd(6)} ${Math.round(result.requests.average)} req/s, ` +
    `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`
  );
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limits-http-'));
  const service = await bootstrap(
    loadConfig({ SQLITE_PATH: path.join(dir, 'r.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' }),
  );
  const schema = service.get(GraphQLSchemaHost).schema;
  await service.close();
  for (const name of ['ours', 'armor', 'ours', 'armor']) console.log(await run(name, schema));
  fs.rmSync(dir, { recursive: true, force: true });
})();
