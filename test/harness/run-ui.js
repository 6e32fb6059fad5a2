#!/usr/bin/env node
// UI tests: mocha in Node driving code-server's workbench in headless Chromium (test/ui/**).
// Packages the VSIX once and hands it to the tests in $ECS_EXPLORER_VSIX.
// Usage: node test/harness/run-ui.js [--no-build] [--dev] [--grep PATTERN] [files...]
//   --dev: load the extension from the repo (extensionDevelopmentPath) instead of the VSIX.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');
const { packageVsix } = require('./package');

function main() {
  const argv = process.argv.slice(2);
  lib.ensureSetup();
  if (!argv.includes('--no-build')) {
    lib.ensureDeps();
    lib.build({ strict: false });
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-ui-'));
  const env = { ...process.env };
  try {
    if (!argv.includes('--dev')) {
      env.ECS_EXPLORER_VSIX = packageVsix(path.join(tmp, 'ecs-explorer.vsix'), { deps: false });
    }
    const files = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--grep');
    const spec = files.length ? files : [path.join('out', 'test', 'ui', '**', '*.test.js')];
    const grepAt = argv.indexOf('--grep');
    const mocha = path.join(lib.ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
    const args = [
      mocha,
      '--ui',
      'bdd',
      '--timeout',
      '120000',
      '--reporter',
      path.join(__dirname, 'mocha-reporter.js'),
      ...(grepAt >= 0 ? ['--grep', argv[grepAt + 1]] : []),
      ...spec,
    ];
    lib.run(process.execPath, args, { env });
  } finally {
    lib.rmrf(tmp);
  }
}

try {
  main();
} catch (e) {
  console.error(`[harness] UI tests failed: ${e.message}`);
  process.exit(typeof e.status === 'number' && e.status ? e.status : 1);
}
