#!/usr/bin/env node
// `npm start`: the extension in a real VS Code (code-server) against the local emulator with demo data.
// setup (if needed) → build → package the VSIX → emulator (demo seed) → code-server with the VSIX
// installed, the emulator's endpoints in settings.json and the demo key pairs in the extension host's
// environment → prints the URL. Ctrl-C / SIGTERM stops everything it started.
// Options: --port N (default 8080, or a free port when 8080 is taken), --seed demo|large|empty,
// --no-build (use the existing out/; the VSIX is still bundled from src/ by vscode:prepublish).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');
const { packageVsix } = require('./package');

function option(name) {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq && eq.slice(name.length + 1);
}

let root;
let stopping = false;

async function main() {
  const portArg = option('--port');
  const seed = option('--seed') || 'demo';
  if (portArg !== undefined && !/^\d+$/.test(portArg)) throw new Error('--port needs a number');

  lib.ensureSetup();
  lib.ensureDeps();
  if (!process.argv.includes('--no-build')) lib.build({ strict: false });

  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-sandbox-'));
  let emu;
  let server;
  const stopAll = async () => {
    stopping = true;
    if (server) await server.stop().catch(() => {});
    if (emu) await emu.stop().catch(() => {});
    lib.rmrf(root);
  };
  lib.onSignals(async (sig) => {
    lib.log(`${sig}: stopping code-server and the emulator`);
    await stopAll();
  });

  const vsix = packageVsix(path.join(root, 'ecs-explorer.vsix'), { deps: false });
  emu = await lib.startEmulator({ seed, quiet: true });
  lib.log(`emulator (seed ${seed}): volcengine=${emu.volcengineUrl} aliyun=${emu.aliyunUrl}`);

  const profile = lib.makeProfile({ root: path.join(root, 'vscode'), settings: lib.settingsFor(emu) });
  const env = { ...process.env, ...lib.extensionEnv(emu) };
  lib.installVsix(profile, vsix, env);

  let port;
  if (portArg !== undefined) {
    port = Number(portArg);
    if ((await lib.freePort(port)) !== port) throw new Error(`port ${port} is taken`);
  } else {
    port = await lib.freePort(8080);
    if (port !== 8080) lib.log(`port 8080 is taken; using ${port}`);
  }
  const logFile = path.join(root, 'code-server.log');
  server = await lib.startCodeServer({ port, profile, env, logFile });

  const exited = (what) => async (code) => {
    if (stopping) return;
    console.error(`[harness] ${what} exited (${code}); stopping`);
    await stopAll();
    process.exit(1);
  };
  server.process.exited.then(exited('code-server'));
  emu.process.exited.then(exited('emulator'));

  console.log('');
  console.log(`ECS Explorer sandbox: ${server.url}`);
  console.log(`  emulator: volcengine ${emu.volcengineUrl}, aliyun ${emu.aliyunUrl} (demo key pairs in the extension host)`);
  console.log(`  code-server log: ${logFile}`);
  console.log('  Ctrl-C stops it.');
}

main().catch(async (e) => {
  console.error(`[harness] start failed: ${e.message}`);
  if (root) lib.rmrf(root);
  process.exit(1); // the exit hook kills the process groups started so far
});
