import { useWorkbench } from './workbench';

describe('scratch helpers', () => {
  const wb = useWorkbench('scratch');
  it('drives', async () => {
    const w = wb();
    await w.openView();
    await w.expand('Volcengine');
    await w.contextMenu('Volcengine', /Select Regions/);
    console.log('qp', await w.quickPickItems());
    await w.quickPick(['ap-southeast-1']);
    await w.waitForTreeItem('ap-southeast-1');
    await w.expand('cn-beijing');
    await w.expand('Instances');
    console.log('items', await w.treeItems());
    await w.screenshot('tree');
    await w.runCommand('ECS Explorer: Refresh');
    await w.screenshot('refreshed');
  });
});
