'use strict';
/**
 * The projection file (libs/read-store) of a benchmark store, built once per store and read-store version and
 * kept beside it, then copied next to each service's working copy of the store: the start-up target is
 * a service starting "with its projection file present". Building it is measured on its own (read-store.bench).
 */
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { requireDist, progress, rmStore } = require('./common');

function cachedProjectionFile(storeFile) {
  const { READ_STORE_VERSION } = requireDist('libs/read-store/src/index.js');
  // An index added without a new version is made when a file of that version is opened: once for a deployment, at
  // every start for a copy of a cached file without it. The cache is therefore per schema too.
  const { SCHEMA, INDEXES } = requireDist('libs/read-store/src/schema.js');
  const schema = createHash('sha256').update(SCHEMA).update(INDEXES).digest('hex').slice(0, 8);
  const file = storeFile.replace(/\.db$/, `.projections-${READ_STORE_VERSION}-${schema}.db`);
  if (fs.existsSync(file)) return file;
  progress(`building the projection file of ${path.basename(storeFile)} once (${READ_STORE_VERSION})`);
  const building = `${file}.building`;
  rmStore(building);
  execFileSync(process.execPath, [path.join(__dirname, '..', 'read-store.child.js'), 'rebuild', storeFile, building], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  fs.renameSync(building, file);
  return file;
}

/** Copies the store's projection file to `target` (the PROJECTIONS_DB a service is started with). */
function projectionFileFor(storeFile, target) {
  rmStore(target);
  fs.copyFileSync(cachedProjectionFile(storeFile), target);
  return target;
}

module.exports = { projectionFileFor };
