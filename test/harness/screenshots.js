#!/usr/bin/env node
// `npm run screenshots`: the README's screenshots from the real workbench against the emulator, in English and
// Simplified Chinese, into media/screenshots/ (test/ui/screenshots.ts drives the workbench).
// setup (if needed) → build → package the VSIX → one workbench per locale.
// Usage: node test/harness/screenshots.js [--no-build] [--locale en|zh-cn]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');
const { packageVsix } = require('./package');

async function main() {
  const argv = process.argv.slice(2);
  const at = argv.indexOf('--locale');
  lib.ensureSetup();
  lib.ensureDeps();
  if (!argv.includes('--no-build')) lib.build({ strict: false });
  const { takeScreenshots, LOCALES } = require(path.join(lib.ROOT, 'out', 'test', 'ui', 'screenshots.js'));
  const locales = at >= 0 ? [argv[at + 1]] : LOCALES;
  for (const l of locales) if (!LOCALES.includes(l)) throw new Error(`--locale: one of ${LOCALES.join(', ')}`);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-shots-'));
  try {
    process.env.ECS_EXPLORER_VSIX = packageVsix(path.join(tmp, 'ecs-explorer.vsix'), { deps: false, quiet: true });
    const out = path.join(lib.ROOT, 'media', 'screenshots');
    for (const l of locales) await takeScreenshots(out, l);
  } finally {
    lib.rmrf(tmp);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(`[harness] screenshots failed: ${e.message} (the workbench's last state: test-artifacts/ui/screenshots-*/)`);
    process.exit(1);
  },
);
