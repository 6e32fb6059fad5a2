#!/usr/bin/env node
// Stands in for the `code` executable for @vscode/test-electron's runTests({ vscodeExecutablePath }).
// Takes the same arguments (--extensionDevelopmentPath=, --extensionTestsPath=, --user-data-dir=,
// --extensions-dir=, an optional folder; Electron-only flags are ignored) and the environment runTests
// passes (process.env + extensionTestsEnv). It starts code-server on a free loopback port with a fresh
// profile, opens the workbench in headless Chromium with the smoke-test-driver payload, and exits with
// the code the workbench reports through codeAutomationExit. Everything it starts runs in process
// groups that are torn down on exit, failure, signal or timeout.
//
// Forwarded to the extension host: env vars matching lib.EXTENSION_ENV_PATTERN plus the names listed
// in ECS_EXPLORER_FORWARD_ENV (comma separated). ECS_EXPLORER_VOLCENGINE_ENDPOINT /
// ECS_EXPLORER_ALIYUN_ENDPOINT also go into settings.json. Timeout: ECS_EXPLORER_LAUNCHER_TIMEOUT_MS (default 15 min).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');

// Workbench errors that say nothing about the extension under test.
const NOISE = /authentication provider 'github'|Failed to fetch|vsda/;

function parseArgs(argv) {
  const o = { extensionDevelopmentPath: [], folder: undefined };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      if (o.folder === undefined) o.folder = path.resolve(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (!valued.has(name)) continue; // --no-sandbox, --disable-gpu-sandbox, --skip-welcome, ...
    const value = eq < 0 ? argv[++i] : a.slice(eq + 1);
    if (name === 'extensionDevelopmentPath') o.extensionDevelopmentPath.push(path.resolve(value));
    else o[name] = value;
  }
  return o;
}

function forwardedEnv() {
  const extra = new Set(
    (process.env.ECS_EXPLORER_FORWARD_ENV || '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const out = {};
  for (const [k, v] of Object.entries(process.env)) {
    // Secrets reach the extension host through code-server's environment only, never the workbench URL
    // (which the browser keeps in its history and session files).
    if (v !== undefined && !lib.isSecretEnvKey(k) && (lib.EXTENSION_ENV_PATTERN.test(k) || extra.has(k))) out[k] = v;
  }
  return out;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (!args.extensionTestsPath) throw new Error('--extensionTestsPath is required');
  if (!lib.isSetupDone()) throw new Error('harness not set up: run `node test/harness/setup.js`');

  const timeoutMs = Number(process.env.ECS_EXPLORER_LAUNCHER_TIMEOUT_MS || 15 * 60 * 1000);
  const artifacts = path.join(lib.ARTIFACTS, 'integration');
  lib.rmrf(path.join(artifacts, 'server-logs'));
  lib.rmrf(path.join(artifacts, 'logs'));
  fs.mkdirSync(artifacts, { recursive: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-launcher-'));

  const settings = lib.settingsFor(undefined, {
    ...(process.env.ECS_EXPLORER_VOLCENGINE_ENDPOINT && {
      'ecsExplorer.volcengine.endpoint': process.env.ECS_EXPLORER_VOLCENGINE_ENDPOINT,
    }),
    ...(process.env.ECS_EXPLORER_ALIYUN_ENDPOINT && { 'ecsExplorer.aliyun.endpoint': process.env.ECS_EXPLORER_ALIYUN_ENDPOINT }),
  });
  const profile = lib.makeProfile({
    root,
    userDataDir: args['user-data-dir'] && path.resolve(args['user-data-dir']),
    extensionsDir: args['extensions-dir'] && path.resolve(args['extensions-dir']),
    settings,
  });

  // Mocha output from the extension host: the reporter appends to this file, we tail it.
  const outFile = path.join(root, 'test-output.log');
  fs.writeFileSync(outFile, '');
  process.env.ECS_EXPLORER_TEST_OUTPUT = outFile;
  let outPos = 0;
  const pump = () => {
    try {
      const buf = fs.readFileSync(outFile);
      if (buf.length > outPos) process.stdout.write(buf.subarray(outPos));
      outPos = buf.length;
    } catch {
      /* removed */
    }
  };
  const tail = setInterval(pump, 200);

  let server;
  let browser;
  let finished = false;
  const teardown = async () => {
    clearInterval(tail);
    pump();
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop().catch(() => {});
    const logs = path.join(profile.userDataDir, 'logs');
    try {
      if (fs.existsSync(logs)) fs.cpSync(logs, path.join(artifacts, 'server-logs'), { recursive: true });
    } catch {
      /* best effort */
    }
    lib.retire(root);
  };
  const finish = async (code, why) => {
    if (finished) return;
    finished = true;
    if (why) console.error(`[launcher] ${why}`);
    await teardown();
    process.exit(code);
  };
  lib.onSignals(async (sig) => {
    console.error(`[launcher] ${sig}: tearing down`);
    finished = true;
    await teardown();
  });
  const timer = setTimeout(() => finish(1, `timed out after ${timeoutMs} ms`), timeoutMs);
  timer.unref();

  try {
    const logFile = path.join(artifacts, 'code-server.log');
    fs.writeFileSync(logFile, '');
    server = await lib.startCodeServer({ profile, env: process.env, logFile });
    console.log(`[launcher] code-server ${server.url} (log ${path.relative(lib.ROOT, logFile)})`);

    const payload = [];
    for (const p of args.extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', lib.remoteUri(server, p)]);
    payload.push(['extensionTestsPath', lib.remoteUri(server, args.extensionTestsPath)]);
    payload.push(['extensionEnvironment', JSON.stringify(forwardedEnv())]);

    browser = await lib.launchChromium();
    const page = browser.context.pages()[0] || (await browser.context.newPage());
    const verbose = !!process.env.ECS_EXPLORER_LAUNCHER_VERBOSE;
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      const text = (Array.isArray(args) ? args : [args]).join(' ');
      if (!verbose && (level !== 'error' || NOISE.test(text))) return;
      console.error(`[workbench ${level}] ${text}`);
    });
    await page.exposeFunction('codeAutomationExit', async (code, logs) => {
      if (Array.isArray(logs)) {
        for (const l of logs) {
          const f = path.join(artifacts, 'logs', l.relativePath);
          fs.mkdirSync(path.dirname(f), { recursive: true });
          fs.writeFileSync(f, l.contents);
        }
      }
      clearTimeout(timer);
      // Let the exposed-function call return before the browser goes away.
      setTimeout(() => finish(typeof code === 'number' ? code : 1), 50);
    });
    if (verbose) page.on('console', (m) => console.log(`[console ${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.error(`[launcher] page error: ${e.message}`));
    page.on('crash', () => finish(1, 'browser page crashed'));
    server.process.exited.then((c) => finish(1, `code-server exited unexpectedly (${c})`));
    await page.goto(lib.workbenchUrl(server, { folder: args.folder, payload }));
    console.log('[launcher] workbench opened; waiting for the extension tests');
  } catch (e) {
    await finish(1, e.stack || e.message);
  }
}

main().catch(async (e) => {
  console.error(`[launcher] ${e.stack || e.message}`);
  process.exit(1); // the exit hook kills remaining process groups
});
