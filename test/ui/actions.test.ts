// UI: a person right-clicks resources and runs the actions in a real workbench (headless Chromium),
// against the emulator. Screenshots of each step go to test-artifacts/ui/actions*/.
import * as assert from 'assert';
import { normalize, useWorkbench } from './workbench';

const SECRETS = ['ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==', 'DemoAliyunSecretEcsExplorer01'];

describe('UI actions: delete instances and cancel reservations', () => {
  const wb = useWorkbench('actions');

  it('opens the Beijing instances and reservations', async () => {
    const w = wb();
    await w.openView();
    await w.expand('Volcengine');
    await w.expand('cn-beijing');
    await w.expand('Instances');
    await w.waitForTreeItem('web-postpaid-running');
    await w.screenshot('instances');
  });

  // Before any action: afterwards the tree polls the region, and a refresh while a context menu is open can
  // run the menu's command without its row.
  it('a reservation that cannot be cancelled offers "Why" instead, which explains', async () => {
    const w = wb();
    await w.collapse('Instances');
    const item = await w.expandTo('Reservations', 'seg-immediate');
    await item.click({ button: 'right' });
    const menu = normalize(await w.page.locator('.monaco-menu').first().innerText());
    assert.ok(!/Cancel Reservation/.test(menu), menu);
    await w.screenshot('not-cancellable-menu');
    await w.chooseMenuEntry('seg-immediate', /Why Can't I Cancel/);
    await w.notification(/seg-immediate \(esi-\w+\) cannot be cancelled: Immediate delivery reservations cannot be cancelled/);
    await w.screenshot('why-not-cancellable');
    await w.press('Escape');
    await w.collapse('Reservations');
    await w.expandTo('Instances', 'web-postpaid-running');
  });

  it('right-click an instance → Delete Instances → type the count → summary → output', async () => {
    const w = wb();
    await w.contextMenu('web-postpaid-running', /^Delete Instances/);
    const prompt = await w.quickInputText();
    assert.match(prompt, /Delete instance web-postpaid-running \(i-\w+\) in cn-beijing\?/);
    assert.match(prompt, /Type 1 to delete: web-postpaid-running \(i-\w+\)/);
    await w.screenshot('delete-type-the-count');
    await w.inputBox('2', { submit: false });
    await w.page.waitForTimeout(500);
    // The refusal keeps what is about to be deleted in view.
    assert.match(await w.quickInputText(), /"2" is not 1\. Type 1 to delete: web-postpaid-running \(i-\w+\)/);
    await w.screenshot('delete-wrong-count-refused');
    await w.inputBox('1');
    await w.screenshot('delete-progress-or-summary');
    // The summary offers "Show Output", which reveals the channel with the result table in the panel.
    const summary = await w.notification(/Delete Instances: 1 deleted, 0 failed/, 'Show Output');
    assert.match(summary, /Show Output/);
    const shown = await w.panelOutputText(/Delete Instances · 1 deleted, 0 failed[\s\S]*web-postpaid-running\s+deleted/);
    assert.match(shown, /i-\w+\s+web-postpaid-running\s+deleted/);
    await w.screenshot('delete-output');
    const log = w.outputLog('ECS Explorer');
    assert.match(log, /i-\w+\s+web-postpaid-running\s+deleted/);
    assert.match(log, /volcengine cn-beijing DeleteInstances ClientToken=ecsx-\S+ RequestId=\S+ HTTP 200/);
    for (const s of SECRETS) assert.ok(!log.includes(s), 'secret in the output');
  });

  it('multi-select two instances → one confirmation for both', async () => {
    const w = wb();
    await w.press('Escape');
    // The deleted instance leaves the tree when the follow-up poll refreshes it; a refresh during the next
    // right-click could run the menu's command without its row, so let it land first.
    await w.waitForTreeItemGone('web-postpaid-running');
    await (await w.waitForTreeItem('batch-stopped')).click({ force: true });
    await (await w.waitForTreeItem('broken-error')).click({ modifiers: ['Shift'], force: true });
    await w.contextMenu('broken-error', /^Delete Instances/);
    const prompt = await w.quickInputText();
    assert.match(prompt, /Delete 2 instances in cn-beijing\?/);
    assert.match(prompt, /batch-stopped/);
    assert.match(prompt, /broken-error/);
    await w.screenshot('delete-two-type-the-count');
    await w.inputBox('2');
    await w.notification(/Delete Instances: 2 deleted, 0 failed/);
    await w.screenshot('delete-two-summary');
  });

  it('right-click a reservation → Cancel Reservation → time left shown → cancelled', async () => {
    const w = wb();
    await w.waitForTreeItemGone('batch-stopped');
    await w.waitForTreeItemGone('broken-error');
    await w.expandTo('Reservations', 'esi-fresh-10min');
    await w.screenshot('reservations');
    await w.contextMenu('esi-fresh-10min', /^Cancel Reservation/);
    const prompt = await w.quickInputText();
    assert.match(prompt, /Cancel reservation esi-fresh-10min \(esi-\w+\)\?/);
    assert.match(prompt, /Time left to cancel: \d+ min/);
    await w.screenshot('cancel-type-the-count');
    await w.inputBox('1');
    await w.notification(/Reservation esi-fresh-10min \(esi-\w+\) cancelled\./);
    await w.screenshot('cancel-done');
    assert.match(w.outputLog('ECS Explorer'), /DeleteScheduledInstance cn-beijing ClientToken=ecsx-\S+ RequestId=\S+ \(1\)/);
  });
});

describe('UI actions: modal confirmation and reserved instances', () => {
  const wb = useWorkbench('actions-modal', { settings: { 'ecsExplorer.confirmDestructive': 'modal' } });

  it('Delete Instances with the modal confirmation lists the instance and the button names the count', async () => {
    const w = wb();
    await w.openView();
    await w.expand('Volcengine');
    await w.expand('cn-beijing');
    await w.expand('Instances');
    await w.contextMenu('spot-worker', /^Delete Instances/);
    const text = await w.dialog();
    assert.match(text, /Delete instance spot-worker \(i-\w+\) in cn-beijing\?/);
    assert.match(text, /cannot be recovered/);
    await w.screenshot('delete-modal');
    await w.dialog('Delete 1 Instance');
    await w.notification(/Delete Instances: 1 deleted, 0 failed/);
    await w.screenshot('delete-modal-summary');
  });

  it('right-click a coupon → Change Reserved Instance Scope → zone → exact request → sent', async () => {
    const w = wb();
    await w.expand('Alibaba Cloud');
    await w.expand('cn-hangzhou');
    await w.expand('Reserved Instances');
    await w.contextMenu('g5-xlarge-region', /^Change Reserved Instance Scope/);
    const items = await w.quickPickItems();
    assert.ok(items.includes('Zone cn-hangzhou-h'), items.join(' | '));
    await w.screenshot('scope-pick');
    await w.quickPick('Zone cn-hangzhou-h');
    const text = await w.dialog();
    assert.match(text, /Before \(computing power 8\)/);
    assert.match(text, /Configuration\.1\.Scope=Zone/);
    assert.match(text, /Configuration\.1\.ZoneId=cn-hangzhou-h/);
    await w.screenshot('scope-request');
    await w.dialog('Send Request');
    await w.notification(
      /Change Reserved Instance Scope: submitted\. The original reserved instances become Inactive and the new ones Active/,
    );
    await w.screenshot('scope-done');
  });
});
