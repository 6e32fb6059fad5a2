import assert from 'node:assert/strict';
import { Listing } from '../../../../src/core/clients/common';

/* eslint-disable @typescript-eslint/no-explicit-any */
describe('clients/common Listing', () => {
  it('a listing keeps each ID once across pages, with a duplicate inside a page and the item bound', () => {
    const l = new Listing({ provider: 'volcengine', action: 'DescribeInstances', region: 'r' }, (x: { id: string }) => x.id, {
      maxItems: 5,
    });
    assert.equal(l.add([{ id: 'a' }, { id: 'b' }, { id: 'a' }]), 2);
    assert.equal(l.add([{ id: 'b' }, { id: 'c' }]), 1);
    assert.equal(l.add([{ id: 'a' }, { id: 'c' }]), 0);
    assert.ok(l.has('c') && !l.has('d'));
    assert.equal(l.add([{ id: 'd' }, { id: 'e' }, { id: 'e' }]), 2);
    assert.deepEqual(
      l.items.map((x) => x.id),
      ['a', 'b', 'c', 'd', 'e'],
    );
    assert.throws(
      () => l.add([{ id: 'a' }, { id: 'f' }]),
      (e: any) => e.code === 'PagingLimit' && e.field === 'items',
    );
  });
});
