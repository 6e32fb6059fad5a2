#!/usr/bin/env node
// `npm test`: setup → npm ci (if needed) → build → lint → unit → integration → UI → secret scan.
// Each stage's output is also written to test-artifacts/test-output/<stage>.log; the VS Code and browser
// profiles the stages used are kept in a temporary directory until the secret scan has read them.
// Stops at the first failing stage (non-zero exit), then prints per-stage times and `N passed, N failed`
// (mocha counts of the stages; a test stage that failed without a failing test, e.g. a crash, counts 1; lint counts
// as one check). For development: --skip a,b / --only a,b (stage names: setup deps build lint unit integration ui
// secrets).
'use strict';
const cp = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const lib = require('./lib');

const STAGE_TIMEOUT_MS = Number(process.env.ECS_EXPLORER_STAGE_TIMEOUT_MS || 30 * 60 * 1000);
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-results-'));
const keptState = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-kept-state-'));
const outputDir = path.join(lib.ARTIFACTS, 'test-output');
const node = process.execPath;
const h = (f) => path.join(__dirname, f);

const stages = [
  { name: 'setup', cmd: [node, h('setup.js')] },
  { name: 'deps', fn: () => lib.ensureDeps() },
  { name: 'build', cmd: [node, h('build.js')] },
  // ESLint and Prettier's check over src, test and the build scripts; `npm run lint` alone (`npm run format` fixes the layout).
  { name: 'lint', counted: true, cmd: ['npm', 'run', '--silent', 'lint'] },
  {
    name: 'unit',
    mocha: true,
    cmd: [
      node,
      path.join(lib.ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js'),
      '--config',
      'test/unit/.mocharc.json',
      '--reporter',
      h('mocha-reporter.js'),
    ],
  },
  { name: 'integration', mocha: true, cmd: [node, h('run-integration.js'), '--no-build'] },
  // The UI stage drives a real workbench whose timing varies with machine load: a failed run is repeated once,
  // and the summary says so (a real failure fails twice).
  { name: 'ui', mocha: true, retry: 1, artifacts: 'ui', cmd: [node, h('run-ui.js'), '--no-build'] },
  // After everything else: no secret or signature in test-artifacts/ or the kept profiles.
  { name: 'secrets', cmd: [node, h('secret-scan.js')] },
];

const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? new Set(process.argv[i + 1].split(',')) : undefined;
};
const only = arg('--only');
const skip = arg('--skip') || new Set();
const selected = stages.filter((s) => (!only || only.has(s.name)) && !skip.has(s.name));

let current;
function runStage(stage) {
  return new Promise((resolve) => {
    const env = { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0', ECS_EXPLORER_KEEP_STATE: keptState };
    if (stage.mocha) env.ECS_EXPLORER_MOCHA_RESULTS = path.join(resultsDir, `${stage.name}.json`);
    // Own process group so a timeout or Ctrl-C reaches the whole stage; each harness script then
    // tears down the process groups it started (code-server, Chromium, emulator).
    const child = cp.spawn(stage.cmd[0], stage.cmd.slice(1), { cwd: lib.ROOT, env, stdio: ['inherit', 'pipe', 'pipe'], detached: true });
    current = child;
    fs.mkdirSync(outputDir, { recursive: true });
    const log = fs.openSync(path.join(outputDir, `${stage.name}.log`), 'a');
    const tee = (to) => (chunk) => {
      to.write(chunk);
      fs.writeSync(log, chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    const timer = setTimeout(() => {
      console.error(`[harness] stage ${stage.name} timed out after ${STAGE_TIMEOUT_MS / 1000} s`);
      stopCurrent();
    }, STAGE_TIMEOUT_MS);
    child.on('exit', (code, sig) => {
      clearTimeout(timer);
      current = undefined;
      // Let the pipes drain; a leftover grandchild holding them open must not hold the stage.
      const done = () => {
        child.stdout.destroy();
        child.stderr.destroy();
        fs.closeSync(log);
        resolve(code ?? (sig ? 1 : 0));
      };
      let closed = false;
      const t = setTimeout(() => !closed && ((closed = true), done()), 2000);
      child.once('close', () => {
        clearTimeout(t);
        if (!closed) {
          closed = true;
          done();
        }
      });
    });
    child.on('error', (e) => {
      console.error(`[harness] ${e.message}`);
    });
  });
}

function stopCurrent() {
  if (!current) return;
  const pid = current.pid;
  lib.killGroup(pid, 'SIGTERM');
  setTimeout(() => lib.killGroup(pid, 'SIGKILL'), 10000).unref();
}

for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(s, () => {
    console.error(`[harness] ${s}: stopping`);
    stopCurrent();
    setTimeout(() => lib.rmrf(keptState), 10500).unref();
    setTimeout(() => process.exit(130), 11000).unref();
  });
}

/** The lint stage's closing line (ESLint's "✖ N problems (…)" or Prettier's "Code style issues found…") from its log. */
function lastLine(stage) {
  try {
    const lines = fs
      .readFileSync(path.join(outputDir, `${stage.name}.log`), 'utf8')
      .trim()
      .split('\n');
    return (lines.reverse().find((l) => /problem/.test(l)) || '').replace(/^\W+/, '').trim();
  } catch {
    return '';
  }
}

function readCounts(stage) {
  try {
    return JSON.parse(fs.readFileSync(path.join(resultsDir, `${stage.name}.json`), 'utf8'));
  } catch {
    return undefined;
  }
}

async function main() {
  lib.rmrf(outputDir);
  for (const s of stages) if (s.artifacts) lib.rmrf(path.join(lib.ARTIFACTS, `${s.artifacts}-failed-run-1`));
  const rows = [];
  const retried = [];
  let passed = 0;
  let failed = 0;
  let exitCode = 0;
  const t0 = Date.now();
  for (const stage of selected) {
    console.log(`\n=== ${stage.name} ===`);
    const start = Date.now();
    let code = 0;
    if (stage.fn) {
      try {
        stage.fn();
      } catch (e) {
        console.error(`[harness] ${e.message}`);
        code = 1;
      }
    } else {
      code = await runStage(stage);
      for (let r = 0; code !== 0 && r < (stage.retry || 0); r++) {
        const c = readCounts(stage);
        console.log(`\n[harness] ${stage.name} failed (${c ? `${c.failures} failed` : `exit ${code}`}); running it once more`);
        if (stage.artifacts) {
          // Keep the failed run's screenshots and logs next to the new run's, to tell a flake from a fault.
          const dir = path.join(lib.ARTIFACTS, stage.artifacts);
          const kept = `${dir}-failed-run-${r + 1}`;
          lib.rmrf(kept);
          if (fs.existsSync(dir)) fs.renameSync(dir, kept);
          console.log(`[harness] the failed run's artifacts: ${path.relative(lib.ROOT, kept)}`);
        }
        retried.push(stage.name);
        code = await runStage(stage);
      }
    }
    const secs = (Date.now() - start) / 1000;
    let note = '';
    if (stage.mocha) {
      const c = readCounts(stage);
      if (c) {
        passed += c.passes;
        failed += c.failures;
        note = `${c.passes} passed, ${c.failures} failed${c.pending ? `, ${c.pending} pending` : ''}`;
      }
      if (code !== 0 && !(c && c.failures)) failed += 1;
    }
    if (stage.counted) {
      if (code === 0) passed += 1;
      else failed += 1;
      note = code === 0 ? 'no problems' : lastLine(stage);
    }
    if (retried.includes(stage.name)) note += `${note ? ', ' : ''}${code === 0 ? 'passed on the second run' : 'failed twice'}`;
    rows.push({ name: stage.name, secs, ok: code === 0, note });
    if (code !== 0) {
      exitCode = code;
      break;
    }
  }
  lib.rmrf(resultsDir);
  lib.rmrf(keptState);
  const skipped = selected.slice(rows.length).map((s) => s.name);
  console.log('\n=== summary ===');
  for (const r of rows) {
    console.log(`${r.name.padEnd(12)} ${r.ok ? 'ok    ' : 'FAILED'} ${r.secs.toFixed(1).padStart(7)} s${r.note ? `  ${r.note}` : ''}`);
  }
  if (skipped.length) console.log(`not run: ${skipped.join(', ')}`);
  console.log(`total        ${((Date.now() - t0) / 1000).toFixed(1).padStart(14)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(exitCode);
}

main().catch((e) => {
  console.error(`[harness] ${e.stack || e.message}`);
  process.exit(1);
});
