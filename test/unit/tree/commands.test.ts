/** Which rows a tree command acts on: the same rule as the actions (refsFromArgs), the tree's selection when no row is given. Under the bench's vscode shim. */
import * as assert from 'node:assert/strict';
import { installVscodeShim } from '../../support/vscode-shim';

installVscodeShim();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { selectedRefs, providerOf } = require('../../../src/tree/commands') as typeof import('../../../src/tree/commands');

const ref = (id: string, region = 'cn-beijing') => ({
  provider: 'volcengine' as const,
  accountId: 'p',
  region,
  kind: 'instance' as const,
  id,
  name: id,
  data: {},
});
const node = (id: string, region?: string) => ({ type: 'resource', id: `n-${id}`, ref: ref(id, region) });

describe('tree/commands: the rows a command acts on', () => {
  const a = node('i-a');
  const b = node('i-b');
  const c = node('i-c', 'cn-shanghai');

  it('the selection when the clicked row is in it, else the clicked row alone', () => {
    assert.deepEqual(
      selectedRefs(a, [a, b]).map((r) => r.id),
      ['i-a', 'i-b'],
    );
    assert.deepEqual(
      selectedRefs(c, [a, b]).map((r) => r.id),
      ['i-c'],
    );
    assert.deepEqual(
      selectedRefs(a, undefined).map((r) => r.id),
      ['i-a'],
    );
  });

  it('a row selected twice counts once; rows of other types are dropped', () => {
    assert.deepEqual(
      selectedRefs(a, [a, a, { type: 'region', id: 'r' }, b]).map((r) => r.id),
      ['i-a', 'i-b'],
    );
  });

  it('with no row at all (palette, keybinding) the tree view’s selection', () => {
    const view = { selection: [b, c] } as never;
    assert.deepEqual(
      selectedRefs(undefined, undefined, view).map((r) => r.id),
      ['i-b', 'i-c'],
    );
    assert.deepEqual(
      selectedRefs(undefined, [], view).map((r) => r.id),
      ['i-b', 'i-c'],
    );
  });

  it('the provider of a row, whatever its type', () => {
    assert.equal(providerOf(c), 'volcengine');
    assert.equal(providerOf({ type: 'region', provider: 'aliyun' }), 'aliyun');
    assert.equal(providerOf(undefined), undefined);
  });
});
