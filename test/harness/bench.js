#!/usr/bin/env node
// `npm run bench`: setup (if needed) → build → the benchmarks (out/test/bench/run.js) on Node 24, the runtime
// the extension host has in the real VS Code the harness runs (code-server 4.139 = VS Code 1.139's server;
// engines.vscode is ^1.138). Arguments go to run.js; `--this-node` runs it on the Node that started this
// script instead (e.g. to compare runtimes).
'use strict';
const path = require('path');
const lib = require('./lib');

const args = process.argv.slice(2);
const thisNode = args.includes('--this-node');
const rest = args.filter((a) => a !== '--this-node');

lib.ensureSetup();
lib.run('npm', ['run', 'build', '--silent'], { cwd: lib.ROOT });
const node = thisNode ? process.execPath : path.join(lib.NODE24_BIN, 'node');
const r = require('child_process').spawnSync(node, [path.join(lib.ROOT, 'out', 'test', 'bench', 'run.js'), ...rest], {
  cwd: lib.ROOT,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
