/** Clear History: asks first (naming records still followed), clears only when confirmed, says so when empty. Under the bench's vscode shim. */
import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { installVscodeShim } from '../../support/vscode-shim';
import { HistoryStore, type HistoryEntry } from '../../../src/history/store';
import type { CommandContext } from '../../../src/commands/context';
import { englishT } from '../../../src/output/translate';
import { ScriptedPrompts } from '../../support/scripted-prompts';

installVscodeShim();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const view = require('../../../src/history/view') as typeof import('../../../src/history/view');

function entry(id: string, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id,
    time: '2026-01-01T00:00:00.000Z',
    provider: 'aliyun',
    account: { profileId: 'p1', name: 'prod', maskedKeyId: 'LTAI…r01' },
    region: 'cn-hangzhou',
    action: 'ModifyReservedInstances',
    command: 'Split Reserved Instance',
    resources: [{ id: `ecsri-${id}`, outcome: 'submitted' }],
    calls: [],
    ...extra,
  };
}

describe('history/view: Clear History', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'ecs-history-clear-'));
  });
  afterEach(() => fsp.rm(dir, { recursive: true, force: true }));

  function ctx(store: HistoryStore, prompts: ScriptedPrompts) {
    const lines: string[] = [];
    const c = {
      prompts,
      t: englishT,
      log: { info: (m: string) => lines.push(m), warn() {}, error() {}, call() {}, show() {} },
      app: { historyStore: store },
    } as unknown as CommandContext;
    return { c, lines };
  }

  it('asks with the count and the records still followed; Cancel keeps everything, Clear empties the file', async () => {
    const file = path.join(dir, 'history.json');
    const store = new HistoryStore(file);
    await store.add(entry('1'));
    await store.add(entry('2', { follow: { state: 'pending', updated: '2026-01-01T00:00:00.000Z' } }));

    const no = new ScriptedPrompts([{ confirm: false }]);
    await view.clearHistory(ctx(store, no).c);
    assert.equal(store.list().length, 2);
    const asked = no.records.find((r) => r.kind === 'confirm');
    assert.ok(asked && asked.kind === 'confirm');
    assert.equal(asked.message, 'Clear the history of 2 actions?');
    assert.match(asked.detail, /cloud resources are not affected/);
    assert.match(asked.detail, /1 of them are still being followed/);
    assert.equal(asked.confirmLabel, 'Clear History');

    const yes = new ScriptedPrompts([{ confirm: true }]);
    const { c, lines } = ctx(store, yes);
    await view.clearHistory(c);
    await store.flush();
    assert.equal(store.list().length, 0);
    assert.deepEqual(lines, ['History cleared (2 entries).']);
    const again = new HistoryStore(file);
    await again.load();
    assert.equal(again.list().length, 0, 'the file is empty too');
  });

  it('an empty history is said to be empty and nothing is asked', async () => {
    const store = new HistoryStore(path.join(dir, 'history.json'));
    const prompts = new ScriptedPrompts([]);
    await view.clearHistory(ctx(store, prompts).c);
    assert.deepEqual(
      prompts.records.map((r) => r.kind),
      ['notify'],
    );
    assert.equal(prompts.notices()[0].message, 'Clear History: the history is empty.');
  });
});
