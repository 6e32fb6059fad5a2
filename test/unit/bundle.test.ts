// The two bundles from esbuild.js: activation loads only the small entry; the rest loads on first use.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import Module from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

interface BuildOptions {
  outfile: string;
  [k: string]: unknown;
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
    await Promise.all(bundles.map((b) => esbuild.build({ ...b, absWorkingDir: root, outfile: join(dir, b.outfile.replace(/^dist\//, '')), sourcemap: false, logLevel: 'silent' })));
    entry = join(dir, 'extension.js');
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('the entry is small and holds none of the cloud library', () => {
    const text = readFileSync(entry, 'utf8');
    assert.ok(statSync(entry).size < 8 * 1024, `dist/extension.js is ${statSync(entry).size} bytes`);
    assert.match(text, /require\("\.\/extensionMain"\)/);
    for (const marker of ['undici', 'HMAC-SHA256', 'DeleteInstances', 'ModifyReservedInstances']) assert.ok(!text.includes(marker), `entry contains ${marker}`);
    const main = readFileSync(join(dir, 'extensionMain.js'), 'utf8');
    for (const marker of ['HMAC-SHA256', 'DeleteInstances', 'ModifyReservedInstances']) assert.ok(main.includes(marker), `main bundle lacks ${marker}`);
  });

  it('activate() registers every contributed command and nothing else; the main bundle loads on the next turn', async () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const views: string[] = [];
    const commands = new Map<string, number>();
    const loaded: string[] = [];
    let started = 0;
    const fakeVscode = {
      window: { createTreeView: (id: string) => (views.push(id), { dispose() {} }) },
      commands: {
        registerCommand: (id: string) => (commands.set(id, (commands.get(id) ?? 0) + 1), { dispose: () => commands.set(id, commands.get(id)! - 1) }),
        executeCommand: async () => undefined,
      },
    };
    const fakeMain = { start: () => (started++, { explorer: 'real' }) };
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
      // During activate(): the stand-in commands only.
      assert.deepEqual([...commands.keys()].sort(), pkg.contributes.commands.map((c) => c.command).sort());
      assert.ok([...commands.values()].every((n) => n === 1));
      assert.deepEqual(views, []);
      assert.ok(!loaded.includes('./extensionMain'), 'main bundle loaded during activate()');
      // Next turn: the main bundle loads once and the stand-ins are gone (the real commands replace them).
      await new Promise((r) => setImmediate(r));
      assert.equal(started, 1);
      assert.ok([...commands.values()].every((n) => n === 0), 'stand-in commands still registered');
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
});
