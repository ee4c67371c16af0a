import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  buildClientSchema,
  getIntrospectionQuery,
  type GraphQLSchema,
  LoneAnonymousOperationRule,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import * as webDocuments from '../apps/web/src/api/documents';
import { TestApp } from './support/test-app';

// Boots the app: sized for a loaded 2-core machine.
jest.setTimeout(120_000);

/** Every ```graphql block of the README, with the line it starts on. */
function readmeBlocks(): { line: number; text: string }[] {
  const lines = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8').split('\n');
  const blocks: { line: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() !== '```graphql') continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ line: i + 1, text: lines.slice(i + 1, end).join('\n') });
    i = end;
  }
  return blocks;
}

// A README block may show several anonymous examples one after the other: each is checked, not their sum.
const RULES = specifiedRules.filter((rule) => rule !== LoneAnonymousOperationRule);
const problems = (schema: GraphQLSchema, text: string) => validate(schema, parse(text), RULES).map((e) => e.message);

/** The schema's callers that are plain text (no type-checker sees them) are checked against the served schema. */
describe('the GraphQL documents of the page and the README against the schema', () => {
  let app: TestApp;
  let schema: GraphQLSchema;
  beforeAll(async () => {
    app = await TestApp.start();
    schema = buildClientSchema(await app.ok(getIntrospectionQuery()));
  }, 180_000);
  afterAll(async () => app?.stop());

  it('validates every document the page sends', () => {
    const documents = Object.entries(webDocuments).filter(([, v]) => typeof v === 'string' && /^\s*query\b/.test(v));
    expect(documents.length).toBeGreaterThan(5);
    for (const [name, text] of documents) expect([name, problems(schema, text as string)]).toEqual([name, []]);
  });

  it('validates every GraphQL example in the README', () => {
    const blocks = readmeBlocks();
    expect(blocks.length).toBeGreaterThan(20);
    for (const { line, text } of blocks) expect([line, problems(schema, text)]).toEqual([line, []]);
  });
});
