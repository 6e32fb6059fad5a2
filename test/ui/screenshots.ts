/**
 * The README's screenshots, taken from the real workbench (code-server + headless Chromium) against the emulator's
 * demo data, in English and Simplified Chinese: `npm run screenshots` (test/harness/screenshots.js).
 * Writes media/screenshots/<shot>.<locale>.png: tree, delete-confirm, delete-output, split-preview.
 * Not a test file (no .test.ts): the UI stage does not run it.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Workbench } from './workbench';

export const LOCALES = ['en', 'zh-cn'] as const;
export type ShotLocale = (typeof LOCALES)[number];
export const SHOTS = ['tree', 'delete-confirm', 'delete-output', 'split-preview'] as const;

const VIEWPORT = { width: 1280, height: 800 };
const SIDE_BAR_WIDTH = 560;

/** Drags the side bar's edge so IDs and descriptions fit. */
async function widenSideBar(wb: Workbench, width: number): Promise<void> {
  const box = await wb.sideBar().boundingBox();
  if (!box || box.width >= width) return;
  const edge = box.x + box.width;
  // The vertical sash nearest the side bar's right edge.
  const sashes = await wb.page.locator('.monaco-sash.vertical').evaluateAll((els) =>
    els
      .map((e) => e.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2 })),
  );
  const sash = sashes.sort((a, b) => Math.abs(a.x - edge) - Math.abs(b.x - edge))[0];
  if (!sash || Math.abs(sash.x - edge) > 8) return;
  await wb.page.mouse.move(sash.x, sash.y);
  await wb.page.waitForTimeout(300);
  await wb.page.mouse.down();
  await wb.page.mouse.move(sash.x + 20, sash.y, { steps: 2 });
  await wb.page.mouse.move(box.x + width, sash.y, { steps: 8 });
  await wb.page.mouse.up();
}

/** The extension's texts the script clicks on (package.nls*.json, l10n/bundle.l10n.zh-cn.json). */
const TEXT = {
  en: {
    volcengine: 'Volcengine',
    aliyun: 'Alibaba Cloud',
    instances: 'Instances',
    reservations: 'Reservations',
    reservedInstances: 'Reserved Instances',
    delete: /^Delete Instances/,
    split: /^Split Reserved Instance/,
    keepNames: 'Keep default names',
    showOutput: 'Show Output',
    deleted: /1 deleted, 0 failed/,
    outputRow: /web-postpaid-running\s+deleted/,
  },
  'zh-cn': {
    volcengine: '火山引擎',
    aliyun: '阿里云',
    instances: '实例',
    reservations: '弹性预约单',
    reservedInstances: '预留实例券',
    delete: /^删除实例/,
    split: /^拆分预留实例券/,
    keepNames: '使用默认名称',
    showOutput: '查看输出',
    deleted: /已删除 1 个/,
    outputRow: /web-postpaid-running\s+已删除/,
  },
};

/** Takes the screenshots of one locale into `outDir`; returns the files written. */
export async function takeScreenshots(outDir: string, locale: ShotLocale): Promise<string[]> {
  const t = TEXT[locale];
  const written: string[] = [];
  const wb = await Workbench.launch({ name: `screenshots-${locale}`, locale: locale === 'en' ? undefined : locale });
  const shot = async (name: (typeof SHOTS)[number], { keepMouse = false } = {}) => {
    const file = path.join(outDir, `${name}.${locale}.png`);
    // Let hovers, progress bars and animations settle.
    if (!keepMouse) await wb.page.mouse.move(VIEWPORT.width - 5, VIEWPORT.height / 2);
    await wb.page.waitForTimeout(600);
    await wb.page.screenshot({ path: file });
    written.push(file);
    console.log(`[screenshots] ${path.relative(process.cwd(), file)}`);
  };
  try {
    fs.mkdirSync(outDir, { recursive: true });
    await wb.page.setViewportSize(VIEWPORT);
    await wb.openView();
    await widenSideBar(wb, SIDE_BAR_WIDTH);

    // The tree: Beijing instances and reservations, a row's tooltip (Alibaba Cloud is below the fold now that rows
    // carry their description; its reserved instances show in the split screenshot).
    await wb.expand(t.volcengine);
    await wb.expand('cn-beijing');
    await wb.expandTo(t.instances, 'web-postpaid-running');
    await wb.expandTo(t.reservations, 'esi-fresh-10min');
    const row = await wb.waitForTreeItem('web-postpaid-running');
    await row.click();
    // Its tooltip (the extension resolves it on hover).
    const label = await row.locator('.label-name').boundingBox();
    if (label) {
      await wb.page.mouse.move(label.x + 5, label.y + label.height / 2);
      await wb.page.mouse.move(label.x + 20, label.y + label.height / 2, { steps: 4 });
    }
    await wb.page
      .locator('.monaco-hover, .workbench-hover, .custom-hover')
      .first()
      .waitFor({ timeout: 10_000 })
      .catch(() => {});
    await shot('tree', { keepMouse: true });

    // Delete one instance: the type-the-count confirmation, then the outcome table in the output.
    await wb.collapse(t.reservations);
    await wb.contextMenu('web-postpaid-running', t.delete);
    await wb.quickInputText();
    await wb.inputBox('1', { submit: false });
    await shot('delete-confirm');
    await wb.press('Enter');
    await wb.notification(t.deleted, t.showOutput);
    await wb.panelOutputText(t.outputRow);
    await shot('delete-output');

    // Split a reserved instance (ecs.g5.xlarge × 2 → 2 × 2 ecs.g5.large): the confirmation shows the request.
    await wb.page
      .locator('.part.panel')
      .getByRole('button', { name: /^(Hide|Close) Panel/ })
      .first()
      .click({ timeout: 5_000 })
      .catch(() => {});
    await wb.collapse(t.volcengine);
    await wb.expand(t.aliyun);
    await wb.expand('cn-hangzhou');
    await wb.expandTo(t.reservedInstances, 'g5-xlarge-region');
    await wb.contextMenu('g5-xlarge-region', t.split);
    for (let i = 0; i < 2; i++) {
      await wb.quickPick(/^ecs\.g5\.large$/);
      await wb.inputBox('2');
    }
    await wb.quickPick(t.keepNames);
    await wb.dialog();
    await shot('split-preview');
    await wb.press('Escape'); // not sent
    return written;
  } catch (e) {
    await wb.screenshot('failed').catch(() => {});
    throw e;
  } finally {
    await wb.close();
  }
}
