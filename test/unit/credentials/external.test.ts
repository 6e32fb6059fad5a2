/**
 * ExternalAccounts re-reads the CLI files when they change: a failed read never escapes as an unhandled rejection
 * (it keeps the last listing and is logged), and of two overlapping reads the later one's result is kept.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SourceListing } from '../../../src/core/credentials/sources';
import type { Provider } from '../../../src/core/types';
import { installVscodeShim } from '../../support/vscode-shim';
import { ROOT } from '../../support/seeds';

const FIXTURE_HOME = path.join(ROOT, 'test', 'fixtures', 'credentials', 'home');

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const shim = require('../../support/vscode-shim') as Record<string, unknown>;

/** File watchers the code creates: the test fires their events as VS Code would. */
const watchers: { change: (() => unknown)[] }[] = [];
const event = (list: (() => unknown)[]) => (f: () => unknown) => {
  list.push(f);
  return { dispose() {} };
};
shim.Uri ??= { file: (p: string) => ({ fsPath: p, scheme: 'file' }) };
shim.RelativePattern ??= class {
  constructor(
    readonly base: unknown,
    readonly pattern: string,
  ) {}
};
shim.workspace ??= {
  getConfiguration: () => ({ inspect: () => undefined, get: () => undefined }),
  onDidChangeConfiguration: () => ({ dispose() {} }),
  createFileSystemWatcher: () => {
    const w = { change: [] as (() => unknown)[] };
    watchers.push(w);
    return { onDidChange: event(w.change), onDidCreate: event(w.change), onDidDelete: event(w.change), dispose() {} };
  },
};
const { ExternalAccounts } = require('../../../src/credentials/external') as typeof import('../../../src/credentials/external');

function make(home: string) {
  const warnings: string[] = [];
  const ext = new ExternalAccounts({
    env: {},
    home,
    transport: () => {
      throw new Error('no network in this test');
    },
    stsEndpoint: () => undefined,
    metadataUrl: () => undefined,
    log: { warn: (m) => void warnings.push(m) },
  });
  let fired = 0;
  ext.onDidChange(() => void fired++);
  return { ext, warnings, fired: () => fired };
}

describe('credentials/ExternalAccounts re-reads', () => {
  let home: string;
  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-ext-'));
    fs.cpSync(FIXTURE_HOME, home, { recursive: true });
  });
  after(() => fs.rmSync(home, { recursive: true, force: true }));

  it('a read that fails unexpectedly keeps the last listing, logs it, and does not reject (also from a file event)', async () => {
    const { ext, warnings, fired } = make(home);
    await ext.ready();
    const before = ext.all().map((p) => p.id);
    assert.ok(before.length > 0, 'the fixture files list profiles');
    assert.equal(fired(), 1);

    const list = ext.sources.list.bind(ext.sources);
    ext.sources.list = async () => {
      throw new TypeError('unexpected');
    };
    await ext.reload(); // resolves
    assert.deepEqual(
      ext.all().map((p) => p.id),
      before,
      'last listing kept',
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /unexpected/);

    // A file event (the watcher's callback) with a failing read: nothing unhandled.
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => void unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      for (const w of watchers) for (const f of w.change) f();
      for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    assert.deepEqual(unhandled, []);
    assert.ok(warnings.length > 1);
    ext.sources.list = list;
    await ext.reload();
    assert.deepEqual(
      ext.all().map((p) => p.id),
      before,
    );
    ext.dispose();
  });

  it('a first read that lists nothing reports no change; later reads do, and a first read that lists something does', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-ext-empty-'));
    try {
      const { ext, fired } = make(empty);
      await ext.ready();
      assert.deepEqual(ext.all(), []);
      assert.equal(fired(), 0, 'nothing was listed before or after: each report reloads the tree');
      await ext.reload();
      assert.equal(fired(), 1, 'a re-read (a file event) always reports: a key may have changed');
      ext.dispose();
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    const { ext, fired } = make(home);
    await ext.ready();
    assert.equal(fired(), 1);
    ext.dispose();
  });

  it('of two overlapping reads, the later one is kept even when the earlier one answers last', async () => {
    const { ext } = make(home);
    await ext.ready();
    const list = ext.sources.list.bind(ext.sources);
    const gates: (() => void)[] = [];
    let calls = 0;
    // The first re-read sees the old files but answers after the second one, which sees no CLI profiles.
    ext.sources.list = (p: Provider, s) => {
      const call = calls++;
      return new Promise<SourceListing>((resolve) => {
        gates.push(() => resolve(call < 2 ? list(p, s) : { provider: p, source: s, present: false, profiles: [] }));
      });
    };
    const first = ext.reload();
    const second = ext.reload();
    assert.equal(gates.length, 4, 'two providers per read');
    gates[2]();
    gates[3]();
    gates[0]();
    gates[1]();
    await Promise.all([first, second]);
    assert.deepEqual(ext.all(), [], 'the later read counts');
    ext.sources.list = list;
    ext.dispose();
  });
});
