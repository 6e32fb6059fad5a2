/**
 * Row: build tree items for 20,000 resources with the tree's own functions (src/tree/model toRef +
 * resourceNodeId, src/tree/items resourceItem — what Explorer.getChildren/getTreeItem do per resource).
 * items.ts imports `vscode`, so this row runs in plain Node with a minimal vscode shim (test/support/vscode-shim):
 * TreeItem/ThemeIcon are plain objects there, so the real extension host adds its own (unmeasured) cost.
 * The 20,000 API objects are the emulator's `large` seed instances, listed once before timing.
 */
import { installVscodeShim } from '../support/vscode-shim';
import { cachedVolcInstances } from './emu';
import { fmtSummary, maybeGc, nowMs, Row, summarize, targetRow } from './stats';

export async function treeRows(runs: number): Promise<Row[]> {
  installVscodeShim();
  const { regions, data } = await cachedVolcInstances();
  const total = data.reduce((n, l) => n + l.length, 0);
  if (total !== 20_000) throw new Error(`expected 20,000 instances, got ${total}`);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const model = require('../../src/tree/model') as typeof import('../../src/tree/model');
  const items = require('../../src/tree/items') as typeof import('../../src/tree/items');

  const build = () => {
    const out: unknown[] = [];
    for (let ri = 0; ri < regions.length; ri++) {
      const region = regions[ri];
      const refs = data[ri].map((d) => model.toRef('volcengine', 'default', region, 'instance', d));
      const folder = { type: 'folder' } as never;
      for (const ref of refs) {
        const node = { type: 'resource' as const, id: model.resourceNodeId(ref), parent: folder, ref };
        out.push(items.resourceItem(node as never));
      }
    }
    return out;
  };
  build(); // warm-up
  const times: number[] = [];
  const heap: number[] = [];
  // The last build's items, held across the heap reading and dropped before the next garbage collection.
  const held: { items: unknown[] } = { items: [] };
  for (let i = 0; i < runs; i++) {
    held.items = [];
    maybeGc();
    const before = process.memoryUsage().heapUsed;
    const t0 = nowMs();
    held.items = build();
    times.push(nowMs() - t0);
    maybeGc();
    heap.push((process.memoryUsage().heapUsed - before) / 2 ** 20);
    if (held.items.length !== 20_000) throw new Error('wrong item count');
  }
  held.items = [];
  const t = summarize(times);
  const h = summarize(heap);
  return [
    targetRow('build tree items for 20,000 resources', fmtSummary(t, 'ms'), '≤ 100 ms', t.median <= 100, [
      'toRef + resourceNodeId + resourceItem per resource, plain Node with a minimal vscode shim (not the extension host).',
    ]),
    targetRow('heap retained by 20,000 tree items', fmtSummary(h, 'MB'), '≤ 50 MB', h.median <= 50, [
      'heapUsed after a forced GC, items kept alive, minus heapUsed before (the API objects themselves already existed).',
    ]),
  ];
}
