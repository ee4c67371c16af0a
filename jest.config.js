// NestJS 12 and its GraphQL/CQRS family ship as ES modules only. Node 20 loads them from our
// CommonJS build, but Jest's CommonJS runtime cannot, so swc transpiles those packages too.
const esmOnly = [
  '@nestjs',
  'mercurius',
  'quick-lru',
  'content-disposition',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
  'graphql-ws',
  'graphql-http',
  'd3-geo',
  'd3-array',
];
const swcTs = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
};
const swcJs = {
  jsc: { parser: { syntax: 'ecmascript', importMeta: true }, target: 'es2022' },
  module: { type: 'commonjs' },
};
const base = {
  testEnvironment: 'node',
  cacheDirectory: '<rootDir>/.cache/jest',
  moduleNameMapper: { '^@app/(domain|event-store|projections|read-store)$': '<rootDir>/libs/$1/src' },
  transformIgnorePatterns: [`/node_modules/(?!(?:(?:@[^/]+/)?[^/]+/node_modules/)*(?:${esmOnly.join('|')})/)`],
  transform: { '^.+\\.ts$': ['@swc/jest', swcTs], '^.+\\.m?js$': ['@swc/jest', swcJs] },
};
module.exports = {
  // Suites boot the real service (and compile what swc has not cached yet) on a shared, loaded machine:
  // a hook or test that needs more than Jest's default 5 s is slow, not broken.
  testTimeout: 120_000,
  projects: [
    {
      ...base,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    // A floor for every e2e suite (each also sets its own): the app boots on a loaded 2-core machine.
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'], testTimeout: 120_000 },
  ],
};
