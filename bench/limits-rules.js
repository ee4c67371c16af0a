// Our depth/cost/alias validation rules against GraphQL Armor's, on the service's real schema.
// Mercurius caches validation per query string, so this is the cost of a document seen for the first time.
// Usage: npm run build && node bench/limits-rules.js
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { getIntrospectionQuery, parse, specifiedRules, validate } = require('graphql');
const { maxDepthRule } = require('@escape.tech/graphql-armor-max-depth');
const { costLimitRule: armorCost } = require('@escape.tech/graphql-armor-cost-limit');
const { maxAliasesRule } = require('@escape.tech/graphql-armor-max-aliases');
const { GraphQLSchemaHost } = require('@nestjs/graphql');
const { bootstrap } = require('../dist/apps/api/src/main.js');
const { loadConfig } = require('../dist/apps/api/src/config/config.js');
const { limitRules } = require('../dist/apps/api/src/graphql/limits.js');

const FRAGMENT_CHAIN = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`);
const DOCUMENTS = {
  introspection: getIntrospectionQuery(),
  page500: `{ incidents(first: 500) { edges { node { id summary referringStatements { scope lagDays anticipatory
    statement { id kind venue deliveredOn speakers { stateCode name } } } } } } }`,
  fragments: `{ ...F0 } ${FRAGMENT_CHAIN.join('\n')}
    fragment F12 on Query { sources { id name } }`,
};

function time(schema, document, rules, rounds = 200) {
  validate(schema, document, rules);
  const start = process.hrtime.bigint();
  for (let i = 0; i < rounds; i++) validate(schema, document, rules);
  return Number(process.hrtime.bigint() - start) / rounds / 1e6;
}

(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'limits-bench-'));
  const app = await bootstrap(
    loadConfig({ SQLITE_PATH: path.join(dir, 'r.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error' }),
  );
  const schema = app.get(GraphQLSchemaHost).schema;
  const ours = [
    ...specifiedRules,
    ...limitRules({ maxDepth: 12, maxCost: 200000, maxAliases: 30, maxFirst: 500, introspection: true }),
  ];
  const armor = [
    ...specifiedRules,
    maxDepthRule({ n: 12, propagateOnRejection: false }),
    armorCost({ maxCost: 200000, propagateOnRejection: false }),
    maxAliasesRule({ n: 30, propagateOnRejection: false }),
  ];
  const baseline = [...specifiedRules];
  console.log('document        graphql-js only   + ours          + Armor   (ms per validation)');
  for (const [name, text] of Object.entries(DOCUMENTS)) {
    const document = parse(text);
    const row = [baseline, ours, armor].map((rules) => time(schema, document, rules).toFixed(3).padStart(8));
    console.log(`${name.padEnd(15)} ${row.join('        ')}`);
  }
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
})();
