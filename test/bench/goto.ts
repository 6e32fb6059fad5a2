/**
 * Row: Go to Resource on cached data: build the quick-pick items (label, description, detail) for 20,000
 * resources already in the tree, and flatten them into the one list given to the quick pick — the work done
 * when the pick opens (typing is VS Code's own filter). The API objects are the emulator's `large` seed
 * instances, listed once and turned into tree refs before timing. items.ts (state labels) imports `vscode`: the
 * bench's shim stands in for it.
 */
import { installVscodeShim } from '../support/vscode-shim';
import type { ResourceRef } from '../../src/contracts';
import { cachedVolcInstances } from './emu';
import { fmtSummary, maybeGc, nowMs, Row, summarize, targetRow } from './stats';

export async function gotoRows(runs: number): Promise<Row[]> {
  installVscodeShim();
  const { regions, data } = await cachedVolcInstances();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const model = require('../../src/tree/model') as typeof import('../../src/tree/model');
  const items = require('../../src/tree/items') as typeof import('../../src/tree/items');
  const goto = require('../../src/tree/gotoItems') as typeof import('../../src/tree/gotoItems');
  // The tree's cached folders: refs per region, as the loader made them.
  const folders: ResourceRef[][] = regions.map((region, i) =>
    data[i].map((d) => model.toRef('volcengine', 'default', region, 'instance', d)),
  );
  const total = folders.reduce((n, l) => n + l.length, 0);
  if (total !== 20_000) throw new Error(`expected 20,000 instances, got ${total}`);

  const build = () => {
    const perFolder = folders.map((refs, i) =>
      goto.gotoItems(
        refs,
        { provider: 'volcengine', kind: 'instance', kindText: 'Instance', account: 'Volcengine default', region: regions[i] },
        items.stateLabel,
      ),
    );
    const all: unknown[] = [];
    for (const f of perFolder) for (const it of f) all.push(it);
    return all;
  };
  build(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    maybeGc();
    const t0 = nowMs();
    const all = build();
    times.push(nowMs() - t0);
    if (all.length !== 20_000) throw new Error('wrong item count');
  }
  const t = summarize(times);
  return [
    targetRow('Go to Resource: quick-pick items from 20,000 cached resources', fmtSummary(t, 'ms'), '≤ 50 ms', t.median <= 50, [
      "gotoItems per folder (ID, type, IPs, state, account · region, tags) and the flat list the quick pick gets; plain Node with the vscode shim. Filtering while typing is VS Code's own.",
    ]),
  ];
}
