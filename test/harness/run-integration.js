#!/usr/bin/env node
// Integration tests: mocha inside the real extension host of code-server, through
// @vscode/test-electron's runTests with our launcher as the `code` executable.
// Usage: node test/harness/run-integration.js [--no-build] [--grep PATTERN]
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');

async function main() {
  const argv = process.argv.slice(2);
  const grepAt = argv.indexOf('--grep');
  lib.ensureSetup();
  if (!argv.includes('--no-build')) {
    lib.ensureDeps();
    lib.build({ strict: false });
  }
  const { runTests } = require('@vscode/test-electron');

  const emu = await lib.startEmulator({ seed: 'demo' });
  lib.log(`emulator volcengine=${emu.volcengineUrl} aliyun=${emu.aliyunUrl}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-it-'));
  const workspace = path.join(tmp, 'workspace');
  fs.mkdirSync(workspace);
  lib.onSignals(async () => {
    await emu.stop();
    lib.rmrf(tmp);
  });
  // Two launches write their mocha summaries to parts; the stage's summary is their sum (written at the end).
  const results = process.env.ECS_EXPLORER_MOCHA_RESULTS;
  const part = (n) => (results ? { ECS_EXPLORER_MOCHA_RESULTS: `${results}.part${n}` } : {});
  let code;
  try {
    code = await runTests({
      vscodeExecutablePath: path.join(__dirname, 'code-launcher.js'),
      extensionDevelopmentPath: lib.ROOT,
      extensionTestsPath: path.join(lib.ROOT, 'out', 'test', 'integration', 'index'),
      launchArgs: [workspace, `--user-data-dir=${path.join(tmp, 'user-data')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
      extensionTestsEnv: {
        ...lib.extensionEnv(emu),
        ...part(1),
        ...(grepAt >= 0 && { MOCHA_GREP: argv[grepAt + 1] }),
      },
    });
    // Second launch: HOME is a copy of test/fixtures/credentials/home (both CLIs' config files); only the
    // "cli credentials" tests run (test/integration/cli-credentials.test.ts).
    if (grepAt < 0 || /cli credentials/.test(argv[grepAt + 1])) {
      const home = path.join(tmp, 'cli-home');
      fs.cpSync(path.join(lib.ROOT, 'test', 'fixtures', 'credentials', 'home'), home, { recursive: true });
      let cliCode = 1;
      try {
        cliCode = await runTests({
          vscodeExecutablePath: path.join(__dirname, 'code-launcher.js'),
          extensionDevelopmentPath: lib.ROOT,
          extensionTestsPath: path.join(lib.ROOT, 'out', 'test', 'integration', 'index'),
          launchArgs: [workspace, `--user-data-dir=${path.join(tmp, 'user-data-cli')}`, `--extensions-dir=${path.join(tmp, 'extensions')}`],
          extensionTestsEnv: {
            ...lib.extensionEnv(emu),
            HOME: home,
            ECS_EXPLORER_CACHE: lib.CACHE,
            ECS_EXPLORER_CLI_HOME: home,
            ECS_EXPLORER_FORWARD_ENV: 'HOME',
            MOCHA_GREP: 'cli credentials',
            ...part(2),
          },
        });
      } finally {
        // The copied CLI files hold the demo keys on purpose: they are inputs, not state for the secret scan.
        lib.rmrf(home);
      }
      code = code || cliCode;
    }
  } catch (e) {
    console.error(`[harness] integration tests failed: ${e.message}`);
    code = typeof e.code === 'number' && e.code ? e.code : 1;
  } finally {
    await emu.stop();
    lib.retire(tmp);
    if (results) sumResults(results, [`${results}.part1`, `${results}.part2`]);
  }
  process.exit(code);
}

/**
 * Writes the sum of the launches' summaries to `file`. The second launch runs tests the first one leaves pending
 * (the CLI-credentials suite), so those are not counted pending twice.
 */
function sumResults(file, parts) {
  const got = parts.filter((f) => fs.existsSync(f)).map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  for (const f of parts) lib.rmrf(f);
  if (!got.length) return;
  const sum = { passes: 0, failures: 0, pending: 0, tests: 0, failed: [] };
  for (const r of got) {
    sum.passes += r.passes;
    sum.failures += r.failures;
    sum.pending += r.pending;
    sum.failed.push(...r.failed);
  }
  if (got.length > 1) sum.pending = Math.max(0, sum.pending - got.slice(1).reduce((n, r) => n + r.passes + r.failures, 0));
  sum.tests = sum.passes + sum.failures + sum.pending;
  fs.writeFileSync(file, JSON.stringify(sum));
}

main().catch((e) => {
  console.error(`[harness] ${e.stack || e.message}`);
  process.exit(1);
});
