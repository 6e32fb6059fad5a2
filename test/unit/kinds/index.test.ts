/** The kind table: context flags, menus by flag, Go to Resource's actions per action, and the manifest. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KIND_TABLE, allActions, contextFlags, refFromData } from '../../../src/kinds';
import { resourceFlags } from '../../../src/tree/eligibility';
import { gotoActionsFor } from '../../../src/tree/gotoItems';
import { repoRoot, NOW } from '../../support/helpers';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
const nlsZh = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.zh-cn.json'), 'utf8'));
const menu = pkg.contributes.menus['view/item/context'] as { command: string; when: string }[];

/** Whether a menu `when` holds for a row with this contextValue (the clauses our menus use). */
function holds(when: string, viewItem: string): boolean {
  return when
    .split('&&')
    .map((s) => s.trim())
    .every((c) => {
      if (c === 'view == ecsExplorer.resources' || c === '!listMultiSelection') return true;
      let m = /^viewItem == (\S+)$/.exec(c);
      if (m) return viewItem === m[1];
      m = /^viewItem =~ \/(.*)\/$/.exec(c);
      if (m) return new RegExp(m[1]).test(viewItem);
      throw new Error(`unknown clause ${c}`);
    });
}

describe('kinds: the table', () => {
  it('contextValue: resource;<kind>; then each flag once, as <flag>; or no-<flag>;', () => {
    assert.equal(
      contextFlags('instance', () => true),
      'resource;instance;deletable;',
    );
    assert.equal(
      contextFlags('reservation', () => false),
      'resource;reservation;no-cancellable;',
    );
    // Three actions share one flag: it appears once.
    assert.equal(
      contextFlags('reservedInstance', () => true),
      'resource;reservedInstance;modifiable;',
    );
  });

  it('every action is a contributed command with a title in both languages, and its menu entry matches its flag', () => {
    for (const { kind, action } of allActions()) {
      const c = (pkg.contributes.commands as { command: string; title: string }[]).find((x) => x.command === action.command);
      assert.ok(c, `${action.command} contributed`);
      const key = c.title.replace(/^%|%$/g, '');
      assert.ok(nls[key] && nlsZh[key], `${key} in both nls files`);
      const on = contextFlags(kind.kind, (a) => a.flag === action.flag);
      const off = contextFlags(kind.kind, () => false);
      const entries = menu.filter((m) => m.command === action.command);
      assert.ok(
        entries.some((m) => holds(m.when, on)),
        `${action.command} in the menu of a row it can act on`,
      );
      assert.equal(
        entries.some((m) => holds(m.when, off)),
        !!action.offerIneligible,
        `${action.command} on a row it cannot act on`,
      );
      if (action.explain)
        assert.ok(
          menu.some((m) => m.command === action.explain!.command && holds(m.when, off) && !holds(m.when, on)),
          `${action.explain.command} only where it cannot`,
        );
    }
  });

  it('Go to Resource offers what the row menu offers, action by action, for real rows', () => {
    const rows = [
      refFromData('volcengine', 'p1', 'cn-beijing', 'instance', { InstanceId: 'i-a', Status: 'RUNNING', InstanceChargeType: 'PostPaid' }),
      refFromData('volcengine', 'p1', 'cn-beijing', 'instance', { InstanceId: 'i-b', Status: 'CREATING' }),
      refFromData('volcengine', 'p1', 'cn-beijing', 'reservation', {
        ScheduledInstanceId: 'esi-a',
        Status: 'RESERVED',
        ElasticScheduledInstanceType: 'Esi',
        CreatedAt: new Date(NOW.getTime() - 60_000).toISOString(),
      }),
      refFromData('volcengine', 'p1', 'cn-beijing', 'reservation', { ScheduledInstanceId: 'esi-b', Status: 'CANCELLED' }),
      refFromData('aliyun', 'p1', 'cn-hangzhou', 'reservedInstance', { ReservedInstanceId: 'ecsri-a', Status: 'Active' }),
      refFromData('aliyun', 'p1', 'cn-hangzhou', 'reservedInstance', { ReservedInstanceId: 'ecsri-b', Status: 'Expired' }),
    ];
    for (const ref of rows) {
      const cv = resourceFlags(ref, NOW);
      const want = [...new Set(menu.filter((m) => holds(m.when, cv)).map((m) => m.command))]
        .filter((c) => c !== 'ecsExplorer.refresh')
        .sort();
      assert.deepEqual(
        gotoActionsFor(ref, NOW)
          .map((a) => a.command)
          .sort(),
        want,
        cv,
      );
    }
  });

  it("names come from the kind's fields; an unnamed resource is shown by its ID", () => {
    assert.deepEqual(
      Object.values(KIND_TABLE).map((k) => refFromData(k.provider, 'p', 'r', k.kind, { [k.idField]: 'x-1', [k.nameField]: 'named' }).name),
      ['named', 'named', 'named'],
    );
    assert.equal(refFromData('volcengine', 'p', 'r', 'instance', { InstanceId: 'i-1', InstanceName: '' }).name, 'i-1');
  });
});
