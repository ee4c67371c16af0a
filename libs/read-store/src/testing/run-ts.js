'use strict';
/**
 * Runs a TypeScript file of this repository in a plain Node child process (for tests that SIGKILL it):
 * compiles .ts with swc as Jest does and maps the @app/* aliases to the libraries' sources.
 * Usage: node run-ts.js <file.ts> [args...]
 */
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
const { transformSync } = require('@swc/core');

const root = path.resolve(__dirname, '../../../..');
const libs = ['domain', 'event-store', 'projections', 'read-store'];
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const lib = request.startsWith('@app/') ? request.slice(5) : null;
  const mapped = lib !== null && libs.includes(lib) ? path.join(root, 'libs', lib, 'src') : request;
  return resolveFilename.call(this, mapped, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

const [file, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], file, ...args];
require(path.resolve(file));
