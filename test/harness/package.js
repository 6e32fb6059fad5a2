#!/usr/bin/env node
// Packages the extension as a VSIX (offline): node test/harness/package.js [-o FILE] [--no-deps]
// vsce runs the `vscode:prepublish` script first, which bundles dist/ from src/ for production.
// Default output: ecs-explorer-<version>.vsix in the repo root.
'use strict';
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

/**
 * `dir`: the extension folder to package (default: this one; the bench also packages test/bench/reference-extension).
 * `deps`: install dependencies first if needed (false: the caller has). vsce runs the `vscode:prepublish` script,
 * which bundles dist/ for production (no source maps, so no `sourceMappingURL` pointing at files the VSIX leaves out).
 * `quiet`: leave out vsce's file listing (errors still show).
 */
function packageVsix(out, { deps = true, dir = lib.ROOT, quiet = false } = {}) {
  const pkg = require(path.join(dir, 'package.json'));
  out = path.resolve(out || path.join(dir, `${pkg.name}-${pkg.version}.vsix`));
  if (deps) lib.ensureDeps();
  const vsce = path.join(lib.ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  // This extension has a repository and a LICENSE (vsce checks them); other folders (the bench's reference extension) do not.
  const lenient = path.resolve(dir) === lib.ROOT ? [] : ['--allow-missing-repository', '--skip-license'];
  lib.run(process.execPath, [vsce, 'package', '--no-dependencies', ...lenient, '-o', out], {
    cwd: dir,
    stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
  });
  for (const f of shippedScripts(dir)) {
    if (/\/\/# sourceMappingURL=/.test(fs.readFileSync(f, 'utf8')))
      throw new Error(`${path.relative(dir, f)} links a source map the VSIX does not ship`);
  }
  return out;
}

/** The bundles a VSIX of `dir` ships (none for an extension without dist/). */
function shippedScripts(dir) {
  const dist = path.join(dir, 'dist');
  return fs.existsSync(dist)
    ? fs
        .readdirSync(dist)
        .filter((f) => f.endsWith('.js'))
        .map((f) => path.join(dist, f))
    : [];
}

module.exports = { packageVsix };

if (require.main === module) {
  const argv = process.argv.slice(2);
  const o = argv.indexOf('-o');
  try {
    const file = packageVsix(o >= 0 ? argv[o + 1] : undefined, { deps: !argv.includes('--no-deps') });
    lib.log(`packaged ${path.relative(process.cwd(), file) || file}`);
  } catch (e) {
    console.error(`[harness] package failed: ${e.message}`);
    process.exit(1);
  }
}
