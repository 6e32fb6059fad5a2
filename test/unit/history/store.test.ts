import * as assert from 'assert';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { HistoryStore, NODE_IO, type HistoryEntry, type HistoryIo } from '../../../src/history/store';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9qSECRET';

function entry(id: string, time: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    time,
    provider: 'volcengine',
    account: { profileId: 'p1', name: 'prod', maskedKeyId: 'AKLT…XYZ' },
    region: 'cn-beijing',
    action: 'DeleteInstances',
    command: 'Delete Instances',
    resources: [{ id: `i-${id}`, outcome: 'deleted', requestId: `req-${id}`, clientToken: `tok-${id}` }],
    calls: [{ clientToken: `tok-${id}`, requestId: `req-${id}`, resourceIds: [`i-${id}`] }],
    ...extra,
  };
}

describe('history/HistoryStore', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ecs-history-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('keeps entries newest first and survives a reload from the file', async () => {
    const file = path.join(dir, 'sub', 'history.json');
    const a = new HistoryStore(file);
    await a.add(entry('1', '2026-01-01T00:00:00.000Z'));
    await a.add(entry('2', '2026-01-01T00:01:00.000Z'));
    const b = new HistoryStore(file);
    await b.load();
    assert.deepStrictEqual(
      b.list().map((e) => e.id),
      ['2', '1'],
    );
    assert.strictEqual(b.get('1')?.resources[0].clientToken, 'tok-1');
  });

  it('is bounded by entry count and by bytes, dropping the oldest', async () => {
    const file = path.join(dir, 'history.json');
    const s = new HistoryStore(file, { maxEntries: 5 });
    for (let i = 0; i < 12; i++) await s.add(entry(String(i), new Date(i * 1000).toISOString()));
    assert.deepStrictEqual(
      s.list().map((e) => e.id),
      ['11', '10', '9', '8', '7'],
    );

    const big = new HistoryStore(path.join(dir, 'big.json'), { maxBytes: 4000 });
    for (let i = 0; i < 50; i++) await big.add(entry(String(i), new Date(i * 1000).toISOString(), { request: { note: 'x'.repeat(300) } }));
    const text = await fsp.readFile(path.join(dir, 'big.json'), 'utf8');
    assert.ok(Buffer.byteLength(text) <= 4000, `file is ${Buffer.byteLength(text)} bytes`);
    assert.ok(big.list().length >= 2 && big.list().length < 50);
    assert.strictEqual(big.list()[0].id, '49', 'the newest stays');
  });

  it('writes atomically: a failed rename leaves the previous file whole and no temporary file', async () => {
    const file = path.join(dir, 'history.json');
    let failRename = false;
    const errors: string[] = [];
    const io: HistoryIo = { ...NODE_IO, rename: (a, b) => (failRename ? Promise.reject(new Error('disk full')) : NODE_IO.rename(a, b)) };
    const s = new HistoryStore(file, { io, onError: (e) => errors.push(e.message) });
    await s.add(entry('1', '2026-01-01T00:00:00.000Z'));
    const before = await fsp.readFile(file, 'utf8');
    failRename = true;
    await s.add(entry('2', '2026-01-01T00:01:00.000Z'));
    assert.strictEqual(await fsp.readFile(file, 'utf8'), before);
    assert.deepStrictEqual(await fsp.readdir(dir), ['history.json']);
    assert.deepStrictEqual(errors, ['disk full']);
    // The writer never writes the file in place.
    const writes: string[] = [];
    const spy = new HistoryStore(file, { io: { ...NODE_IO, writeFile: (f, t) => (writes.push(f), NODE_IO.writeFile(f, t)) } });
    await spy.add(entry('3', '2026-01-01T00:02:00.000Z'));
    assert.ok(writes.length === 1 && writes[0] !== file && writes[0].endsWith('.tmp'));
  });

  it('redacts secrets in every string and secret-looking keys, in memory and on disk', async () => {
    const file = path.join(dir, 'history.json');
    const s = new HistoryStore(file, { known: () => [SECRET] });
    await s.add(
      entry('1', '2026-01-01T00:00:00.000Z', {
        resources: [{ id: 'i-1', outcome: 'failed', code: 'X', message: `bad Signature=abcdef0123456789 and ${SECRET}` }],
        request: { SecretAccessKey: 'plain-value-123', nested: { text: `x ${SECRET} y` } },
      }),
    );
    const text = await fsp.readFile(file, 'utf8');
    assert.ok(!text.includes(SECRET), 'known secret');
    assert.ok(!text.includes('abcdef0123456789'), 'signature');
    assert.ok(!text.includes('plain-value-123'), 'secret-looking key');
    assert.ok(text.includes('[REDACTED]'));
  });

  it("two windows writing the same file keep each other's entries, newest first", async () => {
    const file = path.join(dir, 'history.json');
    const w1 = new HistoryStore(file);
    const w2 = new HistoryStore(file);
    await w1.load();
    await w2.load();
    await w1.add(entry('a', '2026-01-01T00:00:00.000Z'));
    await w2.add(entry('b', '2026-01-01T00:01:00.000Z'));
    await w1.add(entry('c', '2026-01-01T00:02:00.000Z'));
    const r = new HistoryStore(file);
    await r.load();
    assert.deepStrictEqual(
      r.list().map((e) => e.id),
      ['c', 'b', 'a'],
    );
    // Bounded entries do not come back from the other window's copy.
    const small = new HistoryStore(file, { maxEntries: 2 });
    await small.add(entry('d', '2026-01-01T00:03:00.000Z'));
    assert.deepStrictEqual(
      small.list().map((e) => e.id),
      ['d', 'c'],
    );
    await small.add(entry('e', '2026-01-01T00:04:00.000Z'));
    assert.deepStrictEqual(
      small.list().map((e) => e.id),
      ['e', 'd'],
    );
  });

  it('sets an unreadable file aside and starts empty', async () => {
    const file = path.join(dir, 'history.json');
    await fsp.writeFile(file, '{"entries": [ broken');
    const s = new HistoryStore(file);
    await s.load();
    assert.strictEqual(s.list().length, 0);
    assert.ok(s.loadProblem);
    assert.ok((await fsp.readdir(dir)).includes('history.json.bad'));
    await s.add(entry('1', '2026-01-01T00:00:00.000Z'));
    assert.strictEqual(JSON.parse(await fsp.readFile(file, 'utf8')).entries.length, 1);
  });

  it('keeps only well-formed entries of a file edited by hand', async () => {
    const file = path.join(dir, 'history.json');
    await fsp.writeFile(file, JSON.stringify({ entries: [entry('1', '2026-01-01T00:00:00.000Z'), { id: 5 }, null, 'x'] }));
    const s = new HistoryStore(file);
    await s.load();
    assert.deepStrictEqual(
      s.list().map((e) => e.id),
      ['1'],
    );
  });
});
