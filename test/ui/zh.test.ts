// UI in Simplified Chinese: code-server runs with --locale zh-cn (a stand-in language pack: the workbench's own
// texts stay English) and the extension's manifest texts, l10n bundle and guidance show in Chinese.
import * as assert from 'assert';
import { normalize, useWorkbench } from './workbench';

describe('UI zh-cn: the extension in Simplified Chinese', () => {
  const wb = useWorkbench('zh-cn', { locale: 'zh-cn' });

  it('view and tree: view name, providers, folders and states in Chinese', async () => {
    const w = wb();
    await w.openView();
    // The view's name: on its pane header beside the History view.
    await w.sideBar().locator('.composite.title, .pane-header', { hasText: '资源' }).first().waitFor();
    await w.waitForTreeItem('阿里云');
    await w.expand('火山引擎');
    await w.expand('cn-beijing');
    await w.waitForTreeItem('弹性预约单');
    const web = await w.expandTo('实例', 'web-postpaid-running');
    assert.match((await web.getAttribute('aria-label')) ?? '', /运行中 · ecs\.\S+/);
    const labels = await w.treeLabels();
    for (const en of ['Volcengine', 'Alibaba Cloud', 'Instances', 'Reservations']) assert.ok(!labels.includes(en), labels.join(' | '));
    await w.screenshot('tree');
  });

  // Before the delete prompt: it leaves the tree polling, and a refresh under an open menu can lose the row.
  it('context menu and guidance: "why not" of a reservation that cannot be cancelled', async () => {
    const w = wb();
    await w.collapse('实例');
    const item = await w.expandTo('弹性预约单', 'seg-immediate');
    await item.click({ button: 'right' });
    await w.page
      .getByRole('menuitem', { name: /为什么无法取消此预约？/ })
      .first()
      .waitFor();
    const menu = normalize(await w.page.locator('.monaco-menu').first().innerText());
    assert.match(menu, /复制 ID/);
    assert.ok(!/取消预约…|Cancel Reservation|Copy ID/.test(menu), menu);
    await w.screenshot('reservation-context-menu');
    await w.chooseMenuEntry('seg-immediate', /为什么无法取消此预约？/);
    await w.notification(/seg-immediate \(esi-\w+\) 无法取消预约：立即交付的弹性预约单不支持取消预约/);
    await w.collapse('弹性预约单');
    await w.expandTo('实例', 'web-postpaid-running');
  });

  it('confirmation: Delete Instances prompt in Chinese, then cancelled', async () => {
    const w = wb();
    await w.contextMenu('web-postpaid-running', /^删除实例…/);
    const prompt = await w.quickInputText();
    assert.match(prompt, /删除 cn-beijing 中的实例 web-postpaid-running \(i-\w+\)？/);
    assert.match(prompt, /输入 1 以删除：web-postpaid-running \(i-\w+\)/);
    await w.screenshot('delete-confirmation');
    await w.press('Escape');
    await w.quickInput().waitFor({ state: 'hidden' });
    await w.waitForTreeItem('web-postpaid-running');
  });

  it('command palette: Chinese titles (the English one below each); Filter… filters the tree', async () => {
    const w = wb();
    await w.press('F1');
    await w.quickInput().locator('input').fill('>ECS Explorer: 筛选');
    const row = w.quickInput().locator('.quick-input-list .monaco-list-row').filter({ hasText: 'ECS Explorer: 筛选…' }).first();
    await row.waitFor();
    // Label, then the original (English) title VS Code shows under a translated command.
    const text = normalize(await row.innerText());
    assert.match(text, /ECS Explorer: 筛选…\s+ECS Explorer: Filter…/, text);
    await w.screenshot('command-palette');
    await w.press('Escape');
    await w.runCommand('ECS Explorer: 筛选…');
    // The palette closes a moment after the click: wait for the filter box that replaces it.
    await w.until(async () => /筛选 ECS Explorer/.test(await w.quickInputText()), 10_000, 'the filter input box');
    await w.inputBox('web');
    await w.sideBar().getByText('已按“web”筛选').first().waitFor();
    await w.waitForTreeItemGone('batch-stopped');
    await w.screenshot('filtered');
    await w.runCommand('ECS Explorer: 清除筛选');
    await w.waitForTreeItem('batch-stopped');
  });
});
