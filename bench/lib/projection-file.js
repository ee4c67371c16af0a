'use strict';
/**
 * The projection file (libs/read-store) of a benchmark store, built once per store and read-store version and
 * kept beside it, then copied next to each service's working copy of the store: the start-up target is
 * a service starting "with its projection file present". Building it is measured on its own (read-store.bench).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { requireDist, progress, rmStore } = require('./common');

function cachedProjectionFile(storeFile) {
  const { READ_STORE_VERSION } = requireDist('libs/read-store/src/index.js');
  const file = storeFile.replace(/\.db$/, `.projections-${READ_STORE_VERSION}.db`);
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
