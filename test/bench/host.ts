/**
 * Rows that need the real VS Code (code-server + headless Chromium, through test/ui/workbench):
 * - activate(): read from VS Code's own "Running Extensions" view (code loading + activate call, as VS Code
 *   measures them in the extension host), one value per workbench session;
 * - first open: from the pointer-down on the view's activity bar icon to the first provider row in the DOM
 *   (activation, loading the main bundle, settings and credentials, the view's first items); timed in the page;
 * - expand "Instances" of a region holding 2,000 instances (emulator `large` seed) until the first items
 *   show: timed inside the page, from the pointer-down on the twistie to the first resource row in the DOM.
 * Printed, not asserted. Each session costs ~1.7 GB RAM and ~35 s; 9 sessions by default (BENCH_HOST_SESSIONS): the
 * host's own noise (garbage collection, the browser on the same 2 cores) moves single values by 3–20 ms.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { fmtSummary, summarize, targetRow, type Row } from './stats';

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function hostRows(runs: number): Promise<Row[]> {
  let Workbench: any;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only when this row runs
    Workbench = (require('../ui/workbench') as any).Workbench;
  } catch (e) {
    throw new Error(`the UI harness (test/ui/workbench) is not available: ${(e as Error).message}`, { cause: e });
  }
  const sessions = Math.max(1, Number(process.env.BENCH_HOST_SESSIONS ?? 9));
  const activation: number[] = [];
  const reference: number[] = [];
  const expand: number[] = [];
  const firstOpen: number[] = [];
  const notes: string[] = [];
  const regions = ['cn-beijing', 'cn-shanghai', 'cn-guangzhou'];
  // Both installed from VSIXes, as users get them (not the development folder).
  const ourVsix = packageOurs();
  const referenceVsix = packageReference();
  for (let s = 0; s < sessions; s++) {
    const wb = await Workbench.launch({ name: `bench-host-${s + 1}`, seed: 'large', settings: { 'ecsExplorer.volcengine.regions': regions }, vsix: ourVsix, extraVsix: [referenceVsix] });
    try {
      // Let the built-in extensions finish their start-up activations, so ours runs on an idle host.
      await wb.page.waitForTimeout(10_000);
      // The reference extension is activated by opening its own view, before ours in even sessions and after it in
      // odd ones, a few seconds apart: each activation is timed alone (activated together, one's code loading
      // falls inside the other's timing).
      if (s % 2 === 0) await openReference(wb);
      firstOpen.push(await timeFirstOpen(wb));
      await wb.openView();
      await wb.waitForTreeItem('Volcengine', 60_000);
      if (s % 2 === 1) {
        await wb.page.waitForTimeout(3_000);
        await openReference(wb);
        await wb.openView();
      }
      const times = await activationTimes(wb, [OURS, /Activation Reference/]);
      activation.push(times[0]);
      reference.push(times[1]);
      await wb.expand('Volcengine');
      // One fresh region per measurement (each region's first load is cold).
      const perSession = Math.min(regions.length, Math.ceil(runs / sessions));
      for (let i = 0; i < perSession; i++) {
        const region = regions[i];
        await wb.expand(region);
        await wb.waitForTreeItem('Instances');
        expand.push(await timeExpand(wb.page));
        await wb.collapse(region);
      }
    } finally {
      await wb.close();
    }
  }
  notes.push(`${sessions} workbench sessions (code-server 1.139, headless Chromium), ${expand.length} region expansions; default page size (first page shown with "Load more").`);
  const a = summarize(activation);
  const r = summarize(reference);
  const x = summarize(expand);
  const activateRow = targetRow('activate() in the real extension host', fmtSummary(a, 'ms'), '≤ 10 ms', a.median <= 10, [
    'As shown by VS Code\'s "Running Extensions" view: code loading (require of dist/extension.js, the small entry) + the activate() call, activated by opening the view on an idle host; installed from the VSIX.',
    'Compared with: an installed extension that only requires vscode and whose activate() does nothing (test/bench/reference-extension), activated by opening its own view in the same sessions (before ours in half of them, after in the others; never together): what the host itself costs.',
    ...notes,
  ]);
  activateRow.comparedWith = 'empty extension, own view, same host';
  activateRow.baseline = fmtSummary(r, 'ms');
  activateRow.ratio = fmtSummary(summarize(activation.map((v, i) => v - reference[i])), 'ms more');
  const o = summarize(firstOpen);
  return [
    activateRow,
    { ...targetRow('open the view until its first items show (first use)', fmtSummary(o, 'ms'), '—', true, [
      'Timed in the page: pointer-down on the view\'s activity bar icon → first provider row in the DOM. Includes activation, loading the main bundle (dist/extensionMain.js) just after it, settings, credentials and the first items: the whole cost of first use that activate() leaves out.',
    ]), verdict: 'info' as const },
    targetRow('expand a region of 2,000 instances until items show', fmtSummary(x, 'ms'), '≤ 1 s (printed, not asserted)', x.median <= 1000, ['Timed in the page: pointer-down on the "Instances" twistie → first instance row in the DOM (includes the signed emulator call).']),
  ];
}

const OURS = /ecs-explorer|ECS Explorer/;

type PackageVsix = (out: string, o: { deps: boolean; dir?: string; quiet?: boolean }) => string;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain JS harness module without types
const { packageVsix } = require('../../../test/harness/package.js') as { packageVsix: PackageVsix };

/** Packages the extension (vsce bundles it for production first) into the OS temp folder; returns its path. */
function packageOurs(): string {
  return packageVsix(path.join(os.tmpdir(), 'ecs-explorer-bench.vsix'), { deps: false, quiet: true });
}

/** Packages test/bench/reference-extension as a VSIX in the OS temp folder; returns its path. */
function packageReference(): string {
  const dir = path.join(__dirname, '..', '..', '..', 'test', 'bench', 'reference-extension');
  return packageVsix(path.join(os.tmpdir(), 'ecs-explorer-bench-activation-reference.vsix'), { deps: false, dir, quiet: true });
}

/** The activation times Running Extensions shows for the rows matching `names`, in that order. */
async function activationTimes(wb: any, names: RegExp[]): Promise<number[]> {
  await wb.runCommand('Developer: Show Running Extensions');
  const out: number[] = [];
  for (const name of names) out.push(await activationTime(wb, name));
  await wb.press('Escape').catch(() => undefined);
  await wb.page.keyboard.press('Control+W').catch(() => undefined);
  return out;
}

async function activationTime(wb: any, name: RegExp): Promise<number> {
  const page = wb.page;
  const row = page.locator('.monaco-list-row', { hasText: name }).filter({ has: page.locator('.activation-time') }).first();
  // The list is sorted slowest first and virtualized: scroll until our row is rendered.
  const list = page.locator('.monaco-list', { has: page.locator('.activation-time') }).first();
  await list.waitFor({ timeout: 30_000 });
  for (let i = 0; i < 60 && !(await row.isVisible().catch(() => false)); i++) {
    await list.hover();
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(100);
  }
  await row.waitFor({ timeout: 10_000 });
  let text = '';
  for (let i = 0; i < 50; i++) {
    text = (await row.locator('.activation-time').textContent().catch(() => '')) ?? '';
    if (/\d/.test(text)) break;
    await page.waitForTimeout(100);
  }
  const m = /(\d+(?:\.\d+)?)\s*ms/.exec(text);
  if (!m) throw new Error(`could not read the activation time of ${name} from Running Extensions: "${text}"`);
  return Number(m[1]);
}

/** Opens the reference extension's view (activating it) and lets the host settle. */
async function openReference(wb: any): Promise<void> {
  await wb.page.getByRole('tab', { name: /Activation Reference/ }).click();
  await wb.page.locator('.part.sidebar .composite.title', { hasText: /Activation Reference/i }).waitFor();
  await wb.page.waitForTimeout(3_000);
}

/**
 * Arms a clock in the page: it starts at a pointer-down inside `start` (a CSS selector) and stops when a tree row in
 * the side bar has an accessible name matching `row`. The returned function waits for the time (ms), at most 60 s.
 */
async function armClock(page: any, start: string, row: RegExp, what: string): Promise<() => Promise<number>> {
  // In-page code as a string: this project compiles without DOM types.
  await page.evaluate(`(() => {
    const w = window;
    w.__benchT0 = undefined;
    w.__benchDone = new Promise((resolve) => {
      const onDown = (e) => { if (e.target.closest && e.target.closest(${JSON.stringify(start)})) w.__benchT0 = performance.now(); };
      document.addEventListener('pointerdown', onDown, { capture: true });
      const row = new RegExp(${JSON.stringify(row.source)});
      const found = () => [...document.querySelectorAll('.part.sidebar [role=treeitem]')].some((r) => row.test(r.getAttribute('aria-label') || ''));
      const obs = new MutationObserver(() => {
        if (w.__benchT0 !== undefined && found()) {
          obs.disconnect();
          document.removeEventListener('pointerdown', onDown, { capture: true });
          resolve(performance.now() - w.__benchT0);
        }
      });
      obs.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-label'] });
    });
  })()`);
  const timeout = `new Promise((_r, j) => setTimeout(() => j(new Error(${JSON.stringify(`no ${what} within 60 s`)})), 60000))`;
  return async () => (await page.evaluate(`Promise.race([window.__benchDone, ${timeout}])`)) as number;
}

/** Clicks the view's activity bar icon (view not yet opened: the extension is not active) and times the first row. */
async function timeFirstOpen(wb: any): Promise<number> {
  const done = await armClock(wb.page, '.activitybar', /^Volcengine/, 'provider row');
  await wb.activityTab().click();
  return done();
}

async function timeExpand(page: any): Promise<number> {
  const done = await armClock(page, '.monaco-tl-twistie', /^bench-/, 'instance row');
  const item = page.getByRole('treeitem', { name: /^Instances(?=$|[\s,])/ }).first();
  await item.locator('.monaco-tl-twistie').click();
  const ms = await done();
  // Collapse again so the next region's folder is the only "Instances" row.
  await item.locator('.monaco-tl-twistie').click().catch(() => undefined);
  return ms;
}
