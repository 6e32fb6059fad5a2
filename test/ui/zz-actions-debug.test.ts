import * as fs from 'fs';
import { useWorkbench } from './workbench';
describe('UI zz actions debug', () => {
  const wb = useWorkbench('actions-debug');
  it('debug', async () => {
    const w = wb();
    await w.openView();
    await w.expand('Volcengine');
    await w.expand('cn-beijing');
    await w.expand('Reservations');
    await w.contextMenu('seg-immediate', /Why Can't I Cancel/);
    await w.page.waitForTimeout(2000);
    const focus = await w.page.evaluate('document.hasFocus()');
    await w.page.keyboard.press('F1');
    await w.page.keyboard.type('>Notifications: Show Notifications');
    await w.page.waitForTimeout(500);
    await w.page.keyboard.press('Enter');
    await w.page.waitForTimeout(1500);
    await w.screenshot('center');
    const dump = await w.page.evaluate(`Array.from(document.querySelectorAll('[class*="notification"]')).slice(0, 40).map((e) => e.className + ' :: ' + (e.innerText || '').slice(0, 200)).join('\\n')`);
    fs.writeFileSync('/tmp/notif-dump.txt', `focus=${focus}\n${dump}`);
  });
});
