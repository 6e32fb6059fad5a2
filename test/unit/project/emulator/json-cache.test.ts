import * as assert from 'node:assert/strict';
import { RawList, serialize } from '../../../emulator/json-cache';

const text = (chunks: Buffer[]) => Buffer.concat(chunks).toString('utf8');

describe('emulator: list serialization from cached bytes', () => {
  const items = () =>
    Array.from({ length: 5 }, (_, i) => ({
      Id: `i-${i}`,
      Status: 'RUNNING',
      OsName: 'CentOS 7.9 64位',
      Tags: [{ Key: 'k', Value: `测试${i}` }],
    }));
  const fp = (i: { Status: string }) => i.Status;

  it('writes the same JSON as JSON.stringify, around a new envelope each time', () => {
    const all = items();
    for (const body of [
      { RequestId: 'r1', Result: { Instances: new RawList(all, fp), NextToken: 'n' } },
      { RequestId: 'r2', A: new RawList(all.slice(0, 2), fp), B: new RawList([], fp), C: new RawList(all.slice(3), fp) },
    ]) {
      assert.deepEqual(JSON.parse(text(serialize(body))), JSON.parse(JSON.stringify(body)));
    }
    assert.equal(text(serialize({ a: 1, b: '位' })), '{"a":1,"b":"位"}');
  });

  it('reuses a page’s bytes while its resources are unchanged, and rebuilds them when one changes', () => {
    const all = items();
    const first = serialize({ RequestId: 'r1', L: new RawList(all.slice(0, 3), fp) });
    const again = serialize({ RequestId: 'r2', L: new RawList(all.slice(0, 3), fp) });
    assert.equal(again[1], first[1], 'same list bytes object');
    assert.match(text(again), /"RequestId":"r2"/);

    all[1].Status = 'STOPPED';
    const changed = serialize({ RequestId: 'r3', L: new RawList(all.slice(0, 3), fp) });
    assert.notEqual(changed[1], first[1]);
    assert.equal((JSON.parse(text(changed)) as { L: { Status: string }[] }).L[1].Status, 'STOPPED');

    const longer = JSON.parse(text(serialize({ L: new RawList(all, fp) }))) as { L: unknown[] };
    assert.deepEqual(longer.L, JSON.parse(JSON.stringify(all)), 'a longer page from the same first resource');
    const without = [all[0], all[2]];
    assert.deepEqual(
      (JSON.parse(text(serialize({ L: new RawList(without, fp) }))) as { L: unknown[] }).L,
      JSON.parse(JSON.stringify(without)),
      'a resource gone',
    );
  });
});
