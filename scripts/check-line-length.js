'use strict';
// Lists every line over MAX_COLUMNS in the tracked .ts/.tsx/.js/.mjs files, as file:line: columns.
// Prettier cannot wrap long strings, comments or test names, so this catches what it leaves.
// Usage: node scripts/check-line-length.js (run by `npm run lint`, after eslint).
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

const MAX_COLUMNS = 120;
// Guards the rule: any line over MAX_COLUMNS fails `npm run lint` (exit code 1).
const FAIL_ON_LONG_LINES = true;

const files = execFileSync('git', ['ls-files', '-z', '--', '*.ts', '*.tsx', '*.js', '*.mjs'], { encoding: 'utf8' })
  .split('\0')
  .filter((file) => file !== '' && fs.existsSync(file));

const long = [];
for (const file of files) {
  fs.readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      // Columns are code points, not UTF-16 units or bytes: 'é' or '–' is one column.
      const columns = [...line].length;
      if (columns > MAX_COLUMNS) long.push(`${file}:${i + 1}: ${columns} columns`);
    });
}

if (long.length === 0) {
  console.log(`check-line-length: no line over ${MAX_COLUMNS} columns in ${files.length} files`);
} else {
  console.log(long.join('\n'));
  const verdict = FAIL_ON_LONG_LINES ? 'error' : 'report only, not failing yet';
  console.log(`check-line-length: ${long.length} lines over ${MAX_COLUMNS} columns (${verdict})`);
  if (FAIL_ON_LONG_LINES) process.exitCode = 1;
}
