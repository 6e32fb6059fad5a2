// UI: Go to Resource from the command palette, in English and in Chinese: type an instance's public IP, pick it,
// see its actions offered and the row selected in the tree.
import * as assert from 'assert';
import { normalize, useWorkbench, type Workbench } from './workbench';

interface Inst {
  InstanceId: string;
  InstanceName?: string;
  EipAddress?: { IpAddress?: string };
}

/** An instance of the configured regions whose name and public IP no other instance has. */
async function target(w: Workbench): Promise<{ name: string; ip: string; id: string }> {
  const st = (await w.emulatorControl('state?provider=volcengine', undefined, 'GET')) as {
    regions: { regionId: string; instances: Inst[] }[];
  };
  const all = st.regions.filter((r) => ['cn-beijing', 'cn-shanghai', 'cn-guangzhou'].includes(r.regionId)).flatMap((r) => r.instances);
  const ip = (i: Inst) => i.EipAddress?.IpAddress ?? '';
  const t = all.find(
    (i) =>
      i.InstanceName &&
      ip(i) &&
      all.filter((o) => o.InstanceName === i.InstanceName).length === 1 &&
      all.filter((o) => ip(o).includes(ip(i))).length === 1,
  );
  assert.ok(t, 'an instance with a unique name and public IP in the demo seed');
  return { name: t.InstanceName!, ip: ip(t), id: t.InstanceId };
}

async function goTo(w: Workbench, title: string, actions: RegExp[]): Promise<void> {
  const t = await target(w);
  await w.openView();
  await w.runCommand(title);
  const input = w.quickInput().locator('input');
  await input.waitFor();
  await input.fill(t.ip);
  const row = w.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: t.name }).first();
  await row.waitFor({ timeout: 60_000 });
  const text = normalize(await row.innerText());
  assert.ok(text.includes(t.id) && text.includes(t.ip), text);
  await w.screenshot('goto-pick');
  await row.click();
  // The second pick: the row's actions.
  await w.until(
    async () => {
      const items = await w.quickPickItems().catch(() => [] as string[]);
      return actions.every((a) => items.some((i) => a.test(i)));
    },
    30_000,
    'the actions pick',
  );
  await w.screenshot('goto-actions');
  await w.press('Escape');
  await w.until(
    async () =>
      (await w
        .treeItem(t.name)
        .getAttribute('aria-selected')
        .catch(() => null)) === 'true',
    30_000,
    `${t.name} selected in the tree`,
  );
}

describe('UI Go to Resource (English)', () => {
  const wb = useWorkbench('goto');
  it('palette → type a public IP → pick → actions offered, the instance selected in the tree', async () => {
    await goTo(wb(), 'ECS Explorer: Go to Resource…', [/^View Details$/, /^Copy ID$/, /^Delete Instances$/]);
  });
});

describe('UI Go to Resource (zh-cn)', () => {
  const wb = useWorkbench('goto-zh-cn', { locale: 'zh-cn' });
  it('命令面板 → 输入公网 IP → 选择 → 列出操作，树中选中该实例', async () => {
    await goTo(wb(), 'ECS Explorer: 转到资源…', [/^查看详情$/, /^复制 ID$/, /^删除实例$/]);
  });
});
