import * as fs from 'fs';
import { useWorkbench } from './workbench';
describe('UI zz actions debug', () => {
  const wb = useWorkbench('actions-debug', { settings: { 'ecsExplorer.confirmDestructive': 'modal' } });
  it('debug', async () => {
    const w = wb();
    await w.openView();
    await w.expand('Volcengine');
    await w.expand('cn-beijing');
    await w.expand('Instances');
    await w.contextMenu('spot-worker', /^Delete Instances/);
    await w.dialog('Delete 1 Instance');
    for (let i = 0; i < 6; i++) {
      await w.page.waitForTimeout(500);
      await w.screenshot(`after-${i}`);
    }
    fs.writeFileSync('/tmp/toasts.html', await w.page.locator('.notifications-toasts').first().innerHTML().catch((e) => String(e)));
    await w.runCommand('Notifications: Show Notifications');
    await w.page.waitForTimeout(500);
    await w.screenshot('center');
    fs.writeFileSync('/tmp/center.txt', await w.page.locator('.notifications-center').first().innerText().catch((e) => String(e)));
  });
});
