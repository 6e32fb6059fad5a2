// UI: the History view after a delete, in English and in Simplified Chinese: the entry is listed newest first
// with its command, region and outcome, and opens its full record as JSON.
import * as assert from 'assert';
import { normalize, useWorkbench } from './workbench';

const cases = [
  {
    name: 'en',
    locale: undefined,
    view: 'History',
    volc: 'Volcengine',
    instances: 'Instances',
    del: /^Delete Instances/,
    summary: /Delete Instances: 1 deleted, 0 failed/,
    entry: /^Delete Instances · cn-beijing/,
    outcome: /1 deleted/,
  },
  {
    name: 'zh-cn',
    locale: 'zh-cn',
    view: '历史记录',
    volc: '火山引擎',
    instances: '实例',
    del: /^删除实例/,
    summary: /删除实例：已删除 1 个/,
    entry: /^删除实例 · cn-beijing/,
    outcome: /1 已删除/,
  },
] as const;

for (const c of cases) {
  describe(`UI history (${c.name}): a delete is listed and opens its record`, () => {
    const wb = useWorkbench(`history-${c.name}`, c.locale ? { locale: c.locale } : {});

    it('delete an instance, then find it in the History view', async () => {
      const w = wb();
      await w.openView();
      await w.sideBar().locator('.pane-header', { hasText: c.view }).first().waitFor();
      await w.expand(c.volc);
      await w.expand('cn-beijing');
      await w.expandTo(c.instances, 'web-postpaid-running');
      await w.contextMenu('web-postpaid-running', c.del);
      await w.inputBox('1');
      await w.notification(c.summary);
      // The History view starts collapsed below Resources.
      const header = w.sideBar().locator('.pane-header', { hasText: c.view }).first();
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      const entry = await w.waitForTreeItem(c.entry);
      assert.match(normalize((await entry.getAttribute('aria-label')) ?? ''), c.outcome);
      await w.screenshot('history-entry');
      await entry.click();
      await w.until(
        async () =>
          /"action": "DeleteInstances"/.test(
            normalize(
              await w.page
                .locator('.editor-instance .view-lines')
                .first()
                .innerText()
                .catch(() => ''),
            ),
          ),
        30_000,
        'the record opened',
      );
      const text = normalize(await w.page.locator('.editor-instance .view-lines').first().innerText());
      assert.match(text, /"region": "cn-beijing"/);
      assert.ok(!/secret/i.test(text), 'no secret in the record');
      await w.screenshot('history-record');
    });
  });
}
