// The two bundles from esbuild.js: activation loads only the small entry; the rest loads on first use.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..', '..');

interface BuildOptions {
  outfile: string;
  entryPoints: string[];
  [k: string]: unknown;
}

/**
 * Runs `load` with `require('vscode')` answered by a stub (every property and call another stub, untouched at load);
 * returns the module names required meanwhile.
 */
function withVscodeStub(load: () => void): string[] {
  const loaded: string[] = [];
  const stub: ProxyHandler<() => void> = {
    get: (_t, k) => (k === '__esModule' || k === 'then' ? undefined : new Proxy(() => {}, stub)),
    apply: () => new Proxy(() => {}, stub),
  };
  const mod = Module as unknown as { _load(req: string, parent: unknown, isMain: boolean): unknown };
  const original = mod._load;
  mod._load = function (req, parent, isMain) {
    loaded.push(req);
    return req === 'vscode' ? new Proxy(() => {}, stub) : original.call(this, req, parent, isMain);
  };
  try {
    load();
  } finally {
    mod._load = original;
  }
  return loaded;
}

describe('bundles', function () {
  this.timeout(60_000);
  let dir: string;
  let entry: string;

  before(async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const esbuild = require('esbuild') as { build(o: object): Promise<unknown> };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { bundles } = require(join(root, 'esbuild.js')) as { bundles: BuildOptions[] };
    dir = mkdtempSync(join(tmpdir(), 'ecs-bundle-'));
    // The two bundles, and the transport alone with the main bundle's options (its undici stubs included).
    const transport = { ...bundles[1], entryPoints: ['src/core/http/transport.ts'], outfile: 'dist/transport.js' };
    await Promise.all(
      [...bundles, transport].map((b) =>
        esbuild.build({
          ...b,
          absWorkingDir: root,
          outfile: join(dir, b.outfile.replace(/^dist\//, '')),
          sourcemap: false,
          logLevel: 'silent',
        }),
      ),
    );
    entry = join(dir, 'extension.js');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the entry is small and holds none of the cloud library', () => {
    const text = readFileSync(entry, 'utf8');
    assert.ok(statSync(entry).size < 8 * 1024, `dist/extension.js is ${statSync(entry).size} bytes`);
    assert.match(text, /require\("\.\/extensionMain"\)/);
    for (const marker of ['undici', 'HMAC-SHA256', 'DeleteInstances', 'ModifyReservedInstances'])
      assert.ok(!text.includes(marker), `entry contains ${marker}`);
    const main = readFileSync(join(dir, 'extensionMain.js'), 'utf8');
    for (const marker of ['HMAC-SHA256', 'DeleteInstances', 'ModifyReservedInstances'])
      assert.ok(main.includes(marker), `main bundle lacks ${marker}`);
  });

  it('activate() registers every contributed command once and nothing else; the main bundle loads on the next turn and runs them', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const views: string[] = [];
    const commands = new Map<string, number>();
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    let registrations = 0;
    const loaded: string[] = [];
    let started = 0;
    const fakeVscode = {
      window: { createTreeView: (id: string) => (views.push(id), { dispose() {} }) },
      commands: {
        registerCommand: (id: string, run: (...args: unknown[]) => unknown) => (
          registrations++,
          handlers.set(id, run),
          commands.set(id, (commands.get(id) ?? 0) + 1),
          { dispose: () => commands.set(id, commands.get(id)! - 1) }
        ),
        executeCommand: async () => undefined,
      },
    };
    const ran: [string, unknown[]][] = [];
    const fakeMain = {
      start: () => (started++, { explorer: 'real', runCommand: async (id: string, args: unknown[]) => (ran.push([id, args]), 'done') }),
    };
    const mod = Module as unknown as { _load(req: string, parent: unknown, isMain: boolean): unknown };
    const original = mod._load;
    mod._load = function (req, parent, isMain) {
      loaded.push(req);
      if (req === 'vscode') return fakeVscode;
      if (req === './extensionMain') return fakeMain;
      return original.call(this, req, parent, isMain);
    };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ext = require(entry) as { activate(ctx: unknown): { explorer: unknown } };
      const api = ext.activate({ subscriptions: [], extension: { packageJSON: pkg } });
      // During activate(): the contributed commands only.
      assert.deepEqual([...commands.keys()].sort(), pkg.contributes.commands.map((c) => c.command).sort());
      assert.ok([...commands.values()].every((n) => n === 1));
      assert.deepEqual(views, []);
      assert.ok(!loaded.includes('./extensionMain'), 'main bundle loaded during activate()');
      // Next turn: the main bundle loads once; the commands stay registered once (no stand-ins replaced by others:
      // each registration is a message to the window while the view opens) and run the main bundle's handlers.
      await new Promise((r) => setImmediate(r));
      assert.equal(started, 1);
      assert.ok([...commands.values()].every((n) => n === 1));
      assert.equal(registrations, pkg.contributes.commands.length);
      const first = pkg.contributes.commands[0].command;
      assert.equal(await handlers.get(first)!('row', 2), 'done');
      assert.deepEqual(ran, [[first, ['row', 2]]]);
      assert.equal(api.explorer, 'real');
      assert.equal(started, 1);
    } finally {
      mod._load = original;
    }
  });

  it('a deactivation before the next turn leaves the main bundle unloaded', async () => {
    const loaded: string[] = [];
    const fakeVscode = { commands: { registerCommand: () => ({ dispose() {} }), executeCommand: async () => undefined } };
    const mod = Module as unknown as { _load(req: string, parent: unknown, isMain: boolean): unknown };
    const original = mod._load;
    mod._load = function (req, parent, isMain) {
      loaded.push(req);
      if (req === 'vscode') return fakeVscode;
      if (req === './extensionMain') return { start: () => ({}) };
      return original.call(this, req, parent, isMain);
    };
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const ext = require(entry) as { activate(ctx: unknown): unknown };
      const subscriptions: { dispose(): void }[] = [];
      ext.activate({ subscriptions, extension: { packageJSON: { contributes: { commands: [{ command: 'x.y' }] } } } });
      for (const d of subscriptions) d.dispose();
      await new Promise((r) => setImmediate(r));
      assert.ok(!loaded.includes('./extensionMain'));
    } finally {
      mod._load = original;
    }
  });

  it('undici is a bundle of its own: the main bundle neither holds it nor loads it, the transport requires it for a request', () => {
    const main = readFileSync(join(dir, 'extensionMain.js'), 'utf8');
    assert.ok(main.length < 500 * 1024, `extensionMain.js is ${main.length} bytes`);
    for (const marker of ['llhttp', 'WebSocket', 'Content-Length exceeds'])
      assert.ok(!main.includes(marker), `main bundle holds ${marker}`);
    assert.match(main, /require\("\.\/undici"\)/);
    const undici = readFileSync(join(dir, 'undici.js'), 'utf8');
    assert.ok(undici.includes('llhttp'));
    const loaded = withVscodeStub(() => {
      delete require.cache[join(dir, 'extensionMain.js')];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(join(dir, 'extensionMain.js'));
    });
    assert.ok(!loaded.includes('./undici'), 'undici loaded with the main bundle');
  });

  it('the main bundle loads in plain Node (undici from its public root, stubs untouched at load)', () => {
    let main: { start?: unknown } = {};
    withVscodeStub(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      main = require(join(dir, 'extensionMain.js')) as { start?: unknown };
    });
    assert.equal(typeof main.start, 'function');
  });

  it('the bundled transport sends a request and reads the answer over a real socket', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, url: req.url, body, h: req.headers['x-test'] }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Transport } = require(join(dir, 'transport.js')) as typeof import('../../../src/core/http/transport');
    const t = new Transport({ maxInFlight: 2 });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/p?a=1`;
      for (let i = 0; i < 3; i++) {
        const res = await t.send({ method: 'POST', url, headers: { 'x-test': `v${i}`, 'content-type': 'text/plain' }, body: `b${i}` });
        assert.equal(res.status, 200);
        assert.deepEqual(JSON.parse(res.body), { method: 'POST', url: '/p?a=1', body: `b${i}`, h: `v${i}` });
      }
    } finally {
      await t.close();
      await new Promise((r) => server.close(r));
    }
  });
});
