#!/usr/bin/env node
// Lint rule: the domain stays pure, and each store driver is imported by its own adapter only.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const rules = [
  { dir: 'libs/domain', forbidden: /^(@nestjs\/|@kurrent\/|better-sqlite3|mercurius|fastify|graphql|class-validator|class-transformer|@app\/(event-store|projections))/, why: 'libs/domain is pure: no framework, driver or store import' },
  { dir: 'libs/projections', forbidden: /^(@nestjs\/|@kurrent\/|better-sqlite3)/, why: 'projections are pure folds plus a runner over the port' },
  { dir: '.', forbidden: /^@kurrent\//, allow: 'libs/event-store/src/kurrentdb', why: 'only the KurrentDB adapter imports the KurrentDB client' },
  // API tokens are credentials, not evidence: they stay out of the event log, in a small SQLite file of their own.
  { dir: '.', forbidden: /^better-sqlite3$/, allow: ['libs/event-store/src/sqlite', 'apps/api/src/auth/token-store.ts', 'apps/api/src/evidence/upload-index.ts', 'bench'], why: 'only the SQLite adapter, the token store (and the benchmark baseline) import better-sqlite3' },
];
const importRe = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function* tsFiles(dir) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'dist', '.git', '.cache', '.tmp'].includes(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (/\.ts$/.test(entry.name)) yield full;
  }
}

const problems = [];
for (const rule of rules) {
  const allow = [].concat(rule.allow ?? []);
  for (const file of tsFiles(path.join(root, rule.dir))) {
    const rel = path.relative(root, file);
    if (allow.some((a) => rel.startsWith(a))) continue;
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(importRe)) {
      const spec = m[1] ?? m[2] ?? m[3];
      if (rule.forbidden.test(spec)) problems.push(`${rel}: imports '${spec}' (${rule.why})`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('lint-boundaries: ok');
