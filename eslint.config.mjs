// ESLint (flat config): typescript-eslint with type information, and the architecture's import boundaries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const why = {
  kurrent: 'only the KurrentDB adapter (libs/event-store/src/kurrentdb) imports the KurrentDB client',
  sqlite:
    'only the SQLite adapter, the read store (libs/read-store) and its file lock, the token store, the evidence ' +
    'upload index (and the benchmark baseline) import better-sqlite3',
  domain: 'libs/domain is pure: no framework, driver or store import',
  projections: 'projections are pure folds plus a runner over the port',
  libs: 'import another library through @app/domain, @app/event-store, @app/projections or @app/read-store only',
};
const kurrent = { group: ['@kurrent/*'], message: why.kurrent };
const sqlite = { group: ['better-sqlite3'], message: why.sqlite };
// A library's testing/ helpers (fixtures, the contract suite) are for every test.
const intoLibs = { regex: '(^|/)libs/[^/]+/src(?!/testing/)', message: why.libs };
const acrossLibs = { regex: '^(\\.\\./)+(domain|event-store|projections|read-store)/src', message: why.libs };
// A library's specs may use another library's testing/ helpers (fixtures, random histories).
const acrossLibsSource = { ...acrossLibs, regex: `${acrossLibs.regex}(?!/testing/)` };
const restricted = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.cache/', '.tmp/', 'coverage/', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Fastify and Mercurius hooks are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      // A caught `unknown` is passed on as it came (store and driver errors keep their own types).
      '@typescript-eslint/only-throw-error': ['error', { allowThrowingUnknown: true }],
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `${x}` of a `never` is how an exhaustive switch reports the impossible case.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNever: true }],
    },
  },
  {
    // Tests read GraphQL answers as untyped JSON (GraphQLResponse<Record<string, any>>) and hand jest its mocks.
    files: ['test/**/*.ts', '**/*.spec.ts', '**/testing/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/await-thenable': 'off',
    },
  },
  // The boundaries (flat config: for a file, the last block that sets the rule wins, so each lists all).
  { files: ['**/*.ts'], rules: restricted(kurrent, sqlite, intoLibs) },
  { files: ['libs/**/*.ts'], rules: restricted(kurrent, sqlite, acrossLibs) },
  { files: ['libs/event-store/src/kurrentdb/**/*.ts'], rules: restricted(sqlite, acrossLibs) },
  { files: ['libs/event-store/src/sqlite/**/*.ts'], rules: restricted(kurrent, acrossLibs) },
  // API tokens are credentials, not evidence: they stay out of the event log, in a small SQLite file of their own;
  // so does the evidence upload index (what was uploaded, by whom), beside the files. The projection file's lock
  // (apps/api/src/read-store) is a SQLite file lock that the operating system releases when its process ends.
  {
    files: [
      'apps/api/src/auth/token-store.ts',
      'apps/api/src/evidence/upload-index.ts',
      'apps/api/src/read-store/projection-file-lock.ts',
      'bench/**/*.ts',
    ],
    rules: restricted(kurrent, intoLibs),
  },
  // The read side's own projection file (libs/read-store): bitemporal tables beside the event store.
  {
    files: ['libs/read-store/**/*.ts'],
    rules: restricted(kurrent, acrossLibsSource),
  },
  {
    files: ['libs/projections/**/*.ts'],
    rules: restricted(kurrent, sqlite, acrossLibs, { group: ['@nestjs/*'], message: why.projections }),
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: restricted(acrossLibs, {
      group: [
        '@nestjs/*',
        '@kurrent/*',
        'better-sqlite3',
        'mercurius',
        'fastify',
        'graphql',
        'class-validator',
        'class-transformer',
        '@app/event-store',
        '@app/projections',
      ],
      message: why.domain,
    }),
  },
);
