// UI: a person opens ECS Explorer, expands providers and regions, sees the demo resources, filters.
import * as assert from 'assert';
import { useWorkbench } from './workbench';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('../../../test/harness/lib.js') as { DEMO_CREDENTIALS: Record<string, string> };
const VOLC_DEMO = { accessKeyId: lib.DEMO_CREDENTIALS.VOLCENGINE_ACCESS_KEY, accessKeySecret: lib.DEMO_CREDENTIALS.VOLCENGINE_SECRET_KEY };

describe('UI tree: browse the demo resources', () => {
  const wb = useWorkbench('tree');

  it('opens the view: both providers (demo credentials imported from the environment)', async () => {
    await wb().openView();
    await wb().waitForTreeItem('Volcengine');
    await wb().waitForTreeItem('Alibaba Cloud');
    await wb().screenshot('view-open');
  });

  it("a provider row with one account shows the account's tooltip on hover (built then, not sent with the row)", async () => {
    const row = await wb().waitForTreeItem('Volcengine');
    const label = await row.locator('.label-name').boundingBox();
    assert.ok(label, 'the row is on screen');
    await wb().page.mouse.move(label.x + 5, label.y + label.height / 2);
    await wb().page.mouse.move(label.x + 20, label.y + label.height / 2, { steps: 4 });
    const hover = wb()
      .page.locator('.monaco-hover, .workbench-hover, .custom-hover')
      .filter({ hasText: /AccessKey ID:/ })
      .first();
    await hover.waitFor({ timeout: 10_000 });
    assert.match(await hover.innerText(), /AccessKey ID: AKLT\S*…/);
    await wb().page.mouse.move(0, 0);
    await wb().page.keyboard.press('Escape');
  });

  it('expands Volcengine → cn-beijing → Instances and Reservations', async () => {
    await wb().expand('Volcengine');
    await wb().waitForTreeItem('cn-shanghai');
    await wb().screenshot('volcengine-regions');
    await wb().expand('cn-beijing');
    await wb().waitForTreeItem('Reservations');
    await wb().expand('Instances');
    const web = await wb().waitForTreeItem('web-postpaid-running');
    const name = (await web.getAttribute('aria-label')) ?? '';
    // State, type and IP follow the name (ecsExplorer.rowDescription.instance); the ID is in the tooltip.
    assert.match(name, /Running · ecs\.\S+/);
    await wb().waitForTreeItem('leaving-deleting');
    await wb().screenshot('cn-beijing-instances');
    await wb().collapse('Instances');
    await wb().expand('Reservations');
    await wb().waitForTreeItem('esi-fresh-10min');
    await wb().screenshot('cn-beijing-reservations');
    await wb().collapse('Volcengine');
  });

  it('expands Alibaba Cloud → cn-hangzhou → Reserved Instances', async () => {
    await wb().expand('Alibaba Cloud');
    await wb().expand('cn-hangzhou');
    await wb().expand('Reserved Instances');
    await wb().until(async () => (await wb().treeItems()).some((i) => /Active/.test(i.description)), 30_000, 'an Active coupon');
    await wb().screenshot('cn-hangzhou-reserved-instances');
    const items = await wb().treeItems();
    assert.ok(
      items.some((i) => i.level === 4),
      'coupons listed under the folder',
    );
    // The channel (Output: Show Output Channels… → ECS Explorer) says what was done; successful reads are at debug
    // level, not shown at the default level.
    const out = await wb().outputText('ECS Explorer', /Imported Alibaba Cloud credentials from the environment/);
    assert.doesNotMatch(out, /DescribeReservedInstances\s+RequestId=/, 'successful reads are not shown at the default level');
    await wb().screenshot('output-channel');
    await wb().collapse('Alibaba Cloud');
  });

  it('filters from the title bar, showing the matches without a click, and clears the filter', async () => {
    await wb().expand('Volcengine');
    await wb().expand('cn-beijing');
    await wb().waitForTreeItem('Reservations');
    await wb().runCommand('ECS Explorer: Filter…');
    await wb().inputBox('web');
    // The instances folder (collapsed) opens to show the match; the reservations folder has none and goes.
    await wb().waitForTreeItem('web-postpaid-running');
    await wb().until(async () => !(await wb().treeLabels()).includes('Reservations'), 15_000, 'folder without matches left out');
    assert.ok(!(await wb().treeLabels()).includes('batch-stopped'));
    await wb()
      .sideBar()
      .getByText(/Filtered by "web"/)
      .first()
      .waitFor();
    await wb().screenshot('filtered');
    await wb().runCommand('ECS Explorer: Clear Filter');
    await wb().waitForTreeItem('batch-stopped');
    // The reservations folder, open before the filter left it out, comes back open.
    await wb().waitForTreeItem('esi-fresh-10min');
    assert.strictEqual(
      await wb()
        .sideBar()
        .getByText(/Filtered by/)
        .count(),
      0,
    );
    await wb().screenshot('filter-cleared');
  });

  it('shows the context menu of an instance with view and copy actions', async () => {
    const item = await wb().waitForTreeItem('web-postpaid-running');
    await item.click({ button: 'right' });
    for (const m of [/View Details/, /Open in Console/, /Copy ID/]) await wb().page.getByRole('menuitem', { name: m }).first().waitFor();
    await wb().screenshot('instance-context-menu');
    await wb().press('Escape');
  });
});

describe('UI tree: refreshes under the user’s hands', () => {
  const wb = useWorkbench('tree-refresh');

  it('title-bar Refresh reloads every region, not only the focused row (VS Code passes that row along)', async () => {
    const w = wb();
    await w.openView();
    await w.expand('Volcengine');
    await w.expandTo('cn-beijing', 'Instances');
    await w.expand('Instances');
    const row = await w.waitForTreeItem('web-postpaid-running');
    await row.click();
    await w.screenshot('row-focused');
    const shanghai = await w.emulatorCalls('DescribeInstances', 'cn-shanghai');
    const beijing = await w.emulatorCalls('DescribeInstances', 'cn-beijing');
    await (await w.titleAction(/^Refresh/)).click();
    await w.until(async () => (await w.emulatorCalls('DescribeInstances', 'cn-shanghai')) > shanghai, 15_000, 'cn-shanghai reloaded');
    assert.ok((await w.emulatorCalls('DescribeInstances', 'cn-beijing')) > beijing, 'cn-beijing reloaded');
    await w.waitForTreeItem('web-postpaid-running');
    await w.screenshot('refreshed');
  });

  it('a menu opened before a refresh and clicked during it does nothing and says why', async () => {
    const w = wb();
    // The instances answer slowly, so the refresh below is still running when the menu item is clicked.
    await w.emulatorControl('faults', { kind: 'latency', provider: 'volcengine', action: 'DescribeInstances', latencyMs: 8_000 });
    try {
      const row = await w.waitForTreeItem('web-postpaid-running');
      await row.click({ button: 'right' });
      const copy = w.page.getByRole('menuitem', { name: /Copy ID/ }).first();
      await copy.waitFor();
      const calls = await w.emulatorCalls('DescribeInstances', 'cn-beijing');
      // A page-size change written to settings.json reloads the whole tree while the menu stays open.
      w.updateUserSettings({ 'ecsExplorer.pageSize': 50 });
      await w.until(async () => (await w.emulatorCalls('DescribeInstances', 'cn-beijing')) > calls, 15_000, 'the reload under way');
      await w.screenshot('menu-open-during-refresh');
      await copy.click();
      await w.notification(
        /Copy ID: the row this menu was opened on could not be identified \(the tree may have been refreshed while the menu was open\)\. Nothing was done/,
      );
      await w.screenshot('row-lost-notice');
    } finally {
      await w.emulatorControl('faults', undefined, 'DELETE');
      w.updateUserSettings({ 'ecsExplorer.pageSize': undefined });
    }
    await w.waitForTreeItem('web-postpaid-running');
  });
});

describe('UI tree: welcome view without credentials', () => {
  const wb = useWorkbench('tree-welcome', { credentials: false });

  it('shows the no-account welcome with Add Account and Import buttons', async () => {
    await wb().openView();
    const side = wb().sideBar();
    await side.getByText(/No cloud account yet/).waitFor({ timeout: 30_000 });
    await side.locator('.monaco-button', { hasText: /Add Account/ }).waitFor();
    await side.locator('.monaco-button', { hasText: /Import from Environment/ }).waitFor();
    await wb().screenshot('welcome-no-account');
  });

  it('Add Account: a refused key pair can be entered again without starting over (the ID kept)', async () => {
    const w = wb();
    await w
      .sideBar()
      .locator('.monaco-button', { hasText: /Add Account/ })
      .click();
    await w.quickPick('Volcengine');
    await w.inputBox('mine');
    await w.inputBox('AKLTdGhpcy1rZXktZG9lcy1ub3QtZXhpc3Q');
    await w.inputBox('not-the-secret');
    await w.inputBox('');
    await w.notification(/refused the AccessKey/, 'Enter Again', 30_000, { hide: false });
    const id = w.quickInput().locator('.quick-input-box input');
    await id.waitFor();
    assert.strictEqual(await id.inputValue(), 'AKLTdGhpcy1rZXktZG9lcy1ub3QtZXhpc3Q', 'the AccessKey ID entered before');
    assert.match(await w.quickInputText(), /Add Volcengine Account|Volcengine AccessKey \(2\/4\)/);
    await w.inputBox(VOLC_DEMO.accessKeyId);
    await w.inputBox(VOLC_DEMO.accessKeySecret);
    await w.inputBox('');
    await w.notification(/Account "mine" saved/);
    await w.waitForTreeItem('Volcengine');
    await w.expand('Volcengine');
    await w.waitForTreeItem('cn-beijing');
    await w.screenshot('account-added-after-retry');
  });
});
