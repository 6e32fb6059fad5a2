import { useWorkbench } from './workbench';

describe('scratch helpers', () => {
  const wb = useWorkbench('scratch');
  it('drives', async () => {
    const w = wb();
    await w.openView();
    await w.expand(/^Volcengine/);
    await w.expand(/^cn-beijing/);
    await w.screenshot('beijing');
    console.log('labels', await w.treeLabels());
    await w.contextMenu(/^Volcengine/, /Select Regions/);
    console.log('qp', await w.quickPickItems());
    await w.screenshot('quickpick');
    await w.press('Escape');
    await w.contextMenu(/^Volcengine/, /Remove Account/);
    console.log('dialog', await w.dialog());
    await w.screenshot('dialog');
    await w.dialog('Cancel');
    await w.contextMenu(/^Volcengine/, /Add Account/);
    console.log('input', await w.quickInputText());
    const msg = await w.inputBox('', { submit: false });
    console.log('validation', msg);
    await w.screenshot('input');
    await w.press('Escape');
    console.log('output', await w.outputText('ECS Explorer'));
    await w.screenshot('output');
    console.log('outputLog', w.outputLog('ECS Explorer'));
  });
});
