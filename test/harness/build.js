#!/usr/bin/env node
// Build: tsc -p . (type errors fail the build) + esbuild bundle. `--lenient`: keep going on tsc errors.
'use strict';
const lib = require('./lib');

try {
  lib.ensureDeps();
  lib.build({ strict: !process.argv.includes('--lenient') });
} catch (e) {
  console.error(`[harness] build failed: ${e.message}`);
  process.exit(1);
}
