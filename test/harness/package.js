#!/usr/bin/env node
// Packages the extension as a VSIX (offline): node test/harness/package.js [-o FILE] [--no-build]
// Default output: ecs-explorer-<version>.vsix in the repo root.
'use strict';
const path = require('path');
const lib = require('./lib');

/**
 * `dir`: the extension folder to package (default: this one; the bench also packages test/bench/reference-extension).
 * `quiet`: leave out vsce's file listing (errors still show).
 */
function packageVsix(out, { build = true, dir = lib.ROOT, quiet = false } = {}) {
  const pkg = require(path.join(dir, 'package.json'));
  out = path.resolve(out || path.join(dir, `${pkg.name}-${pkg.version}.vsix`));
  if (build) {
    lib.ensureDeps();
    lib.run('npm', ['run', 'bundle', '--silent']);
  }
  const vsce = path.join(lib.ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  lib.run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', out], {
    cwd: dir,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  return out;
}

module.exports = { packageVsix };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const o = argv.indexOf('-o');
  try {
    const file = packageVsix(o >= 0 ? argv[o + 1] : undefined, { build: !argv.includes('--no-build') });
    lib.log(`packaged ${path.relative(process.cwd(), file) || file}`);
  } catch (e) {
    console.error(`[harness] package failed: ${e.message}`);
    process.exit(1);
  }
}
