// UI smoke test: a person opens the ECS Explorer view and sees both providers.
import * as assert from 'assert';
import { useWorkbench } from './workbench';

describe('UI smoke: ECS Explorer view', () => {
  const wb = useWorkbench('smoke');

  it('shows the ECS Explorer entry in the activity bar', async () => {
    await wb().activityTab().waitFor();
    await wb().screenshot('workbench');
  });

  it('opens the view and lists the providers', async () => {
    await wb().openView();
    await wb().waitForTreeItem('Volcengine');
    await wb().waitForTreeItem('Alibaba Cloud');
    await wb().screenshot('view-open');
    const labels = await wb().treeLabels();
    assert.ok(labels.includes('Volcengine') && labels.includes('Alibaba Cloud'), labels.join(' | '));
  });

  it('expands a provider', async () => {
    await wb().expand('Volcengine');
    await wb().waitForTreeItem('cn-beijing');
    await wb().screenshot('volcengine-expanded');
  });
});
