/**
 * Helpers for UI tests: drive the real code-server workbench in headless Chromium like a person.
 *
 *   const wb = useWorkbench('my-suite');          // mocha hooks: launch before, close after
 *   it('...', async () => {
 *     await wb().openView();
 *     await wb().expand('Volcengine');
 *     await wb().contextMenu('i-abc', /Delete Instances/);
 *     await wb().dialog('Delete');
 *     await wb().notification(/1 deleted/, 'Show Output');   // read from the notification center
 *     assert.match(await wb().panelOutputText(/deleted/), /deleted/);
 *   });
 *
 * Each launch: its own emulator (unless one is passed), a fresh code-server profile with the VSIX
 * from $ECS_EXPLORER_VSIX installed (else the dev extension from the repo), endpoints in settings.json
 * and the demo credentials in the extension host's environment. Screenshots go to
 * test-artifacts/ui/<name>/NN-step.png.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { controlAt, requestCountAt } from '../integration/emulator';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const lib = require('../../../test/harness/lib.js');
// On Ctrl-C / SIGTERM exit normally, so the harness's exit hook kills code-server and emulator groups
// (and playwright kills Chromium).
lib.onSignals(async () => {});

export interface EmulatorHandle {
  volcengineUrl: string;
  aliyunUrl: string;
  stop(): Promise<void>;
}

export interface LaunchOptions {
  /** Artifacts subfolder (test-artifacts/ui/<name>). */
  name: string;
  /** Use this emulator (not stopped on close); false: none. Default: start one with `seed`. */
  emulator?: EmulatorHandle | false;
  seed?: 'demo' | 'large' | 'empty';
  /** Extra emulator CLI args, e.g. ['--fault', 'DeleteInstances:timeout']. */
  emulatorArgs?: string[];
  /** VSIX to install; default $ECS_EXPLORER_VSIX; when neither, the dev extension (repo root) is loaded. */
  vsix?: string;
  /** Extra settings.json entries. */
  settings?: Record<string, unknown>;
  /** More VSIXes to install into the profile, beside ours. */
  extraVsix?: string[];
  /** Extra extension-host environment; `credentials: false` leaves out the demo key pairs. */
  env?: Record<string, string>;
  credentials?: boolean;
  /** Folder to open in the workbench. */
  folder?: string;
  /**
   * Display language, e.g. 'zh-cn': code-server --locale with a stand-in language pack, so the extension's
   * texts follow it while the workbench's own texts (and command names such as 'Notifications: …') stay English.
   */
  locale?: string;
}

type Matcher = string | RegExp;

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60) || 'step';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const exact = (m: Matcher) => (typeof m === 'string' ? new RegExp(`^${escape(m)}$`) : m);
/** Tree items' accessible names append the description and ", has actions": a string matches the label part. */
const treeName = (m: Matcher) => (typeof m === 'string' ? new RegExp(`^${escape(m)}(?=$|[\\s,])`) : m);
/** Monaco renders spaces as U+00A0. */
export const normalize = (s: string) => s.replace(/\u00a0/g, ' ');

export class Workbench {
  private step = 0;
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly emulator: EmulatorHandle | undefined,
    readonly url: string,
    readonly artifactsDir: string,
    readonly profile: { root: string; userDataDir: string; extensionsDir: string },
    private readonly cleanup: () => Promise<void>,
  ) {}

  static async launch(opts: LaunchOptions): Promise<Workbench> {
    const artifactsDir = path.join(lib.ARTIFACTS, 'ui', slug(opts.name));
    lib.rmrf(artifactsDir);
    fs.mkdirSync(artifactsDir, { recursive: true });
    const stops: (() => Promise<void>)[] = [];
    const cleanup = async () => {
      for (const s of stops.reverse()) await s().catch(() => {});
    };
    try {
      let emu: EmulatorHandle | undefined;
      if (opts.emulator) emu = opts.emulator;
      else if (opts.emulator !== false) {
        emu = await lib.startEmulator({ seed: opts.seed ?? 'demo', extraArgs: opts.emulatorArgs ?? [] });
        stops.push(() => emu!.stop());
      }
      const profile = lib.makeProfile({ settings: lib.settingsFor(emu, opts.settings), locale: opts.locale });
      stops.push(async () => {
        // Keep the server-side logs (extension host, output channels) with the screenshots.
        const logs = path.join(profile.userDataDir, 'logs');
        try {
          if (fs.existsSync(logs)) fs.cpSync(logs, path.join(artifactsDir, 'server-logs'), { recursive: true });
        } catch {
          /* best effort */
        }
        lib.retire(profile.root);
      });
      const hostEnv: Record<string, string> = { ...lib.extensionEnv(emu), ...opts.env };
      if (opts.credentials === false) for (const k of Object.keys(lib.DEMO_CREDENTIALS)) delete hostEnv[k];
      const env: NodeJS.ProcessEnv = { ...process.env, ...hostEnv };
      if (opts.credentials === false) for (const k of Object.keys(lib.DEMO_CREDENTIALS)) delete env[k];

      const vsix = opts.vsix ?? process.env.ECS_EXPLORER_VSIX;
      if (vsix) lib.installVsix(profile, vsix, env);
      for (const extra of opts.extraVsix ?? []) lib.installVsix(profile, extra, env);
      const logFile = path.join(artifactsDir, 'code-server.log');
      const server = await lib.startCodeServer({ profile, env, logFile, locale: opts.locale });
      stops.push(() => server.stop());

      const browser = await lib.launchChromium();
      stops.push(() => browser.close());
      const context: BrowserContext = browser.context;
      const page = context.pages()[0] ?? (await context.newPage());
      const payload = vsix ? [] : [['extensionDevelopmentPath', lib.remoteUri(server, lib.ROOT)]];
      const url = lib.workbenchUrl(server, { folder: opts.folder, payload });
      await page.goto(url);
      const wb = new Workbench(page, context, emu, server.url, artifactsDir, profile, cleanup);
      await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
      await wb.activityTab().waitFor({ timeout: 60_000 });
      return wb;
    } catch (e) {
      await cleanup();
      throw e;
    }
  }

  /** Screenshot into test-artifacts/ui/<name>/NN-<step>.png; returns the path. */
  async screenshot(step: string): Promise<string> {
    const file = path.join(this.artifactsDir, `${String(++this.step).padStart(2, '0')}-${slug(step)}.png`);
    fs.mkdirSync(this.artifactsDir, { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }

  activityTab(): Locator {
    return this.page.getByRole('tab', { name: /ECS Explorer/ });
  }

  /** The side bar that shows the ECS Explorer container. */
  sideBar(): Locator {
    return this.page.locator('.part.sidebar');
  }

  /** Opens the ECS Explorer container from the activity bar (no-op when already open). */
  async openView(): Promise<void> {
    const tab = this.activityTab();
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    await this.page.locator('.part.sidebar .composite.title', { hasText: /ECS Explorer/i }).waitFor();
  }

  treeItem(label: Matcher): Locator {
    return this.page.getByRole('treeitem', { name: treeName(label) }).first();
  }

  /** Waits for a tree item (label is the accessible name: exact string or a RegExp). */
  async waitForTreeItem(label: Matcher, timeout = 30_000): Promise<Locator> {
    const item = this.treeItem(label);
    await item.waitFor({ timeout });
    return item;
  }

  /** Expands a collapsed tree item and waits until it reports expanded (rows re-render: re-query each time). */
  async expand(label: Matcher, timeout = 30_000): Promise<Locator> {
    const item = await this.waitForTreeItem(label, timeout);
    if ((await item.getAttribute('aria-expanded')) === 'false') await item.locator('.monaco-tl-twistie').click();
    await this.until(
      async () =>
        (await this.treeItem(label)
          .getAttribute('aria-expanded')
          .catch(() => null)) === 'true',
      timeout,
      `tree item ${label} expanded`,
    );
    return this.treeItem(label);
  }

  /**
   * Expands `label` until `child` shows. A refresh that lands while the row is being expanded can collapse it
   * again, so the expansion is repeated until the child is there.
   */
  async expandTo(label: Matcher, child: Matcher, timeout = 30_000): Promise<Locator> {
    await this.until(
      async () => {
        await this.expand(label, timeout);
        return this.treeItem(child)
          .isVisible()
          .catch(() => false);
      },
      timeout,
      `tree item ${child} under ${label}`,
    );
    return this.treeItem(child);
  }

  /** Waits until no tree item matches `label` (e.g. a deleted resource has left the tree). */
  async waitForTreeItemGone(label: Matcher, timeout = 30_000): Promise<void> {
    await this.until(
      async () =>
        !(await this.treeItem(label)
          .isVisible()
          .catch(() => false)),
      timeout,
      `tree item ${label} gone`,
    );
  }

  /** Collapses an expanded tree item. */
  async collapse(label: Matcher, timeout = 30_000): Promise<void> {
    const item = await this.waitForTreeItem(label, timeout);
    if ((await item.getAttribute('aria-expanded')) === 'true') await item.locator('.monaco-tl-twistie').click();
    await this.until(
      async () =>
        (await this.treeItem(label)
          .getAttribute('aria-expanded')
          .catch(() => null)) === 'false',
      timeout,
      `tree item ${label} collapsed`,
    );
  }

  /** Polls fn every 100 ms until it returns true. */
  async until(fn: () => Promise<boolean>, timeout = 30_000, what = 'condition'): Promise<void> {
    const end = Date.now() + timeout;
    while (!(await fn())) {
      if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
      await this.page.waitForTimeout(100);
    }
  }

  /** Rendered tree items (only those scrolled into view): label, description, depth, expanded. */
  async treeItems(): Promise<{ label: string; description: string; level: number; expanded?: boolean }[]> {
    return this.sideBar()
      .getByRole('treeitem')
      .evaluateAll((els) =>
        els.map((e) => ({
          label: (e.querySelector('.label-name')?.textContent ?? '').replace(/\u00a0/g, ' '),
          description: (e.querySelector('.label-description')?.textContent ?? '').replace(/\u00a0/g, ' '),
          level: Number(e.getAttribute('aria-level') ?? 0),
          expanded: e.hasAttribute('aria-expanded') ? e.getAttribute('aria-expanded') === 'true' : undefined,
        })),
      );
  }

  /** Labels of the rendered tree items. */
  async treeLabels(): Promise<string[]> {
    return (await this.treeItems()).map((i) => i.label);
  }

  /** Right-clicks a tree item and chooses a context-menu entry (see chooseMenuEntry). */
  async contextMenu(label: Matcher, menuItem: Matcher): Promise<void> {
    const item = await this.waitForTreeItem(label);
    await item.click({ button: 'right' });
    await this.chooseMenuEntry(label, menuItem);
  }

  /**
   * Clicks an entry of the context menu open on tree item `label`. Now and then the workbench runs a menu entry
   * without the menu's row; the extension then does nothing and says so (src/tree/menuArgs.ts), and a person
   * opens the menu again. So does this, once, saying so in the test output.
   */
  async chooseMenuEntry(label: Matcher, menuItem: Matcher, retry = true): Promise<void> {
    const before = this.rowsNotIdentified();
    const entry = this.page.getByRole('menuitem', { name: menuItem instanceof RegExp ? menuItem : new RegExp(menuItem) }).first();
    await entry.waitFor();
    await entry.click();
    // A menu closes when an entry runs. Now and then the click is lost (the menu stays open with the entry
    // highlighted): click it again; it cannot run twice, since the first click did not run it.
    const menu = this.page.locator('.context-view .monaco-menu');
    if (!(await this.within(2_000, async () => (await menu.count()) === 0))) {
      console.log(`    [ui] the menu entry ${String(menuItem)} did not run; clicking it again`);
      await entry.click();
    }
    if (!retry || !(await this.within(1_000, async () => this.rowsNotIdentified() > before))) return;
    console.log(`    [ui] the menu of ${String(label)} ran without its row; opening it again`);
    const item = await this.waitForTreeItem(label);
    await item.click({ button: 'right' });
    await this.chooseMenuEntry(label, menuItem, false);
  }

  /** How many "the row this menu was opened on could not be identified" lines the extension logged. */
  rowsNotIdentified(): number {
    return (this.outputLog().match(/could not be identified \(the tree may have been refreshed|无法确定此菜单所在的行/g) ?? []).length;
  }

  /** Whether fn() turns true within ms (polled). */
  async within(ms: number, fn: () => Promise<boolean>): Promise<boolean> {
    const end = Date.now() + ms;
    do {
      if (await fn()) return true;
      await this.page.waitForTimeout(100);
    } while (Date.now() < end);
    return false;
  }

  /** Clicks an inline action (the icon shown on hover) of a tree item by its title. */
  async inlineAction(label: Matcher, title: Matcher): Promise<void> {
    const item = await this.waitForTreeItem(label);
    await item.hover();
    await item.getByRole('button', { name: title }).click();
  }

  /** Runs a command from the command palette by its title, e.g. 'ECS Explorer: Refresh'. */
  async runCommand(title: string, timeout = 30_000): Promise<void> {
    const input = this.quickInput().locator('input');
    // The palette can open while a previous quick input is still closing, leaving its input inert for a moment:
    // close it and open the palette again.
    for (let attempt = 1; ; attempt++) {
      await this.page.keyboard.press('F1');
      await input.waitFor({ timeout });
      const filled = await input.fill(`>${title}`, { timeout: 5_000 }).then(
        () => true,
        (e: unknown) => {
          if (attempt >= 4) throw e;
          return false;
        },
      );
      if (filled) break;
      await this.press('Escape');
      await this.page.waitForTimeout(500);
    }
    const row = this.quickInputRow(exact(title));
    await row.waitFor({ timeout });
    await row.click();
  }

  quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** The first row whose label (not its description, keybinding or separator text) matches. */
  private quickInputRow(label: Matcher): Locator {
    return this.quickInput()
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: label }) })
      .first();
  }

  /** Waits for the quick pick and returns the labels of its rows. */
  async quickPickItems(): Promise<string[]> {
    await this.quickInput().locator('.quick-input-list .monaco-list-row').first().waitFor();
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row .label-name');
    return (await rows.allTextContents()).map(normalize);
  }

  /**
   * Picks quick pick entries. Single-select: clicks the first matching row. Multi-select (checkboxes):
   * makes the given rows checked (with `only`, every other rendered row unchecked), then clicks OK unless accept=false.
   */
  async quickPick(labels: Matcher | Matcher[], { accept = true, only = false }: { accept?: boolean; only?: boolean } = {}): Promise<void> {
    const list = Array.isArray(labels) ? labels : [labels];
    await this.quickInputRow(list[0]).waitFor();
    const multi = await this.quickInput().locator('.quick-input-list .monaco-list-row[aria-checked]').count();
    if (!multi) {
      await this.quickInputRow(list[0]).click();
      return;
    }
    const rows = this.quickInput().locator('.quick-input-list .monaco-list-row');
    for (let i = 0; i < (await rows.count()); i++) {
      const row = rows.nth(i);
      const label = normalize((await row.locator('.label-name').first().textContent()) ?? '');
      const wanted = list.some((m) => (typeof m === 'string' ? label === m : m.test(label)));
      const checked = (await row.getAttribute('aria-checked')) === 'true';
      if ((wanted && !checked) || (only && !wanted && checked)) await row.click();
    }
    if (accept) await this.quickInput().getByRole('button', { name: 'OK' }).click();
  }

  /** Types into the open input box and presses Enter; returns the validation message shown, if any. */
  async inputBox(text: string, { submit = true }: { submit?: boolean } = {}): Promise<string | undefined> {
    const input = this.quickInput().locator('.quick-input-box input');
    await input.waitFor();
    await input.fill(text);
    const msg = this.quickInput().locator('.quick-input-message');
    const shown = normalize((await msg.textContent().catch(() => null)) ?? '').trim();
    if (submit) {
      await this.page.keyboard.press('Enter');
      // Wait until the box took the value (closed, or the next step cleared it): a command run right after
      // (e.g. F1) would otherwise replace the box and cancel the prompt. Not accepted: the caller's next step fails.
      await this.until(
        async () => !(await this.quickInput().isVisible()) || (await input.inputValue().catch(() => '')) !== text,
        10_000,
        'the input box to accept',
      ).catch(() => {});
    }
    return shown || undefined;
  }

  /** The title/prompt text of the open quick input. */
  async quickInputText(): Promise<string> {
    await this.quickInput().waitFor();
    return normalize((await this.quickInput().innerText()) ?? '');
  }

  /** Modal dialog: returns its text and clicks the button (if given). */
  async dialog(button?: Matcher): Promise<string> {
    const box = this.page.locator('.monaco-dialog-box');
    await box.waitFor();
    const text = normalize((await box.innerText()) ?? '');
    if (button !== undefined) await box.getByRole('button', { name: exact(button) }).click();
    return text;
  }

  /**
   * Waits for a notification whose text matches and returns its text; optionally clicks one of its buttons.
   * Reads the notification center (code-server 1.139 in headless Chromium often shows no toast; the center
   * lists every notification). Without a button the notification is cleared, so a later call cannot match it.
   */
  async notification(text: Matcher, button?: Matcher, timeout = 30_000, { hide = true }: { hide?: boolean } = {}): Promise<string> {
    const center = this.page.locator('.notifications-center');
    if (!(await center.isVisible())) await this.runCommand('Notifications: Show Notifications');
    await center.waitFor({ state: 'visible' });
    const item = center.locator('.notification-list-item').filter({ hasText: text }).first();
    await item.waitFor({ timeout });
    const content = normalize((await item.innerText()) ?? '');
    await this.screenshot('notification');
    if (button !== undefined) {
      await item
        .getByRole('button', { name: exact(button) })
        .first()
        .click();
    } else {
      await item.hover();
      const cleared = await item
        .locator('.codicon-notifications-clear')
        .first()
        .click({ timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      if (!cleared) await this.runCommand('Notifications: Clear All Notifications');
    }
    await item.waitFor({ state: 'detached', timeout: 5_000 }).catch(() => {});
    // Hiding runs a command from the palette, which would close an input box the button opened: `hide: false`.
    if (hide) await this.hideNotifications();
    return content;
  }

  /** Closes the notification center if open (it also closes by itself once empty, so the command may vanish). */
  async hideNotifications(): Promise<void> {
    const center = this.page.locator('.notifications-center');
    for (let i = 0; i < 3 && (await center.isVisible()); i++) {
      await this.runCommand('Notifications: Hide Notifications', 3_000).catch(() => this.press('Escape'));
      await center.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => {});
    }
    if (await this.quickInput().isVisible()) await this.press('Escape');
  }

  /**
   * Text of the output editor shown in the panel (the rendered lines; the channel scrolls to its end).
   * With `until`, polls until the text matches.
   */
  async panelOutputText(until?: RegExp, timeout = 15_000): Promise<string> {
    const lines = this.page.locator('.part.panel .view-lines').first();
    await lines.waitFor({ timeout });
    let text = '';
    await this.until(
      async () => {
        text = normalize((await lines.innerText().catch(() => '')) ?? '');
        return until ? until.test(text) : text.trim().length > 0;
      },
      timeout,
      `output panel text${until ? ` matching ${until}` : ''}`,
    );
    return text;
  }

  /** Shows an output channel in the panel (Output: Show Output Channels…) and returns its visible text (see panelOutputText). */
  async outputText(channel = 'ECS Explorer', until?: RegExp): Promise<string> {
    await this.runCommand('Output: Show Output Channels...');
    await this.quickPick(exact(channel));
    await this.page.locator('.part.panel').waitFor({ state: 'visible' });
    return this.panelOutputText(until);
  }

  /** Full text of an extension output channel from the server's log folder (not limited to what is visible). */
  outputLog(channel = 'ECS Explorer'): string {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith(`-${channel}.log`) || e.name === `${channel}.log`) files.push(p);
      }
    };
    const logs = path.join(this.profile.userDataDir, 'logs');
    if (fs.existsSync(logs)) walk(logs);
    return files.map((f) => fs.readFileSync(f, 'utf8')).join('');
  }

  /** One call to the emulator's control API (`route` below /__emulator/); fails on a non-2xx answer. */
  emulatorControl(route: string, body?: unknown, method = 'POST'): Promise<unknown> {
    if (!this.emulator) throw new Error('this workbench has no emulator');
    return controlAt(this.emulator.volcengineUrl, route, body, method);
  }

  /** How many Volcengine requests the emulator received for this action in this region. */
  emulatorCalls(action: string, region: string): Promise<number> {
    if (!this.emulator) throw new Error('this workbench has no emulator');
    return requestCountAt(this.emulator.volcengineUrl, 'volcengine', action, region);
  }

  /** Edits the user settings file on disk, as another editor would; the workbench picks the change up. */
  updateUserSettings(change: Record<string, unknown>): void {
    for (const dir of ['User', 'Machine']) {
      const file = path.join(this.profile.userDataDir, dir, 'settings.json');
      const cur = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
      for (const [k, v] of Object.entries(change)) {
        if (v === undefined) delete cur[k];
        else cur[k] = v;
      }
      fs.writeFileSync(file, JSON.stringify(cur, null, 2));
    }
  }

  /** A button on the view's title bar by its title (hover shows them). */
  async titleAction(title: Matcher): Promise<Locator> {
    // With more than one view in the container (Resources, History), each view's actions are on its pane header.
    const headers = this.sideBar().locator('.pane-header');
    const bar = (await headers.count()) > 1 ? headers.first() : this.sideBar().locator('.composite.title').first();
    await bar.hover();
    const button = bar.getByRole('button', { name: title }).first();
    await button.waitFor();
    return button;
  }

  /** Presses a key (Playwright key names: 'Escape', 'Enter', 'Control+A'). */
  async press(key: string): Promise<void> {
    await this.page.keyboard.press(key);
  }

  async close(): Promise<void> {
    await this.cleanup();
  }
}

/**
 * Mocha hooks: launch a workbench before the suite, screenshot each failed test, close after.
 * Returns a getter for the workbench.
 */
export function useWorkbench(name: string, opts: Omit<LaunchOptions, 'name'> = {}): () => Workbench {
  let wb: Workbench | undefined;
  before(async function () {
    this.timeout(180_000);
    wb = await Workbench.launch({ name, ...opts });
  });
  afterEach(async function () {
    if (wb && this.currentTest?.state === 'failed') await wb.screenshot(`failed-${this.currentTest.title}`).catch(() => {});
  });
  after(async function () {
    this.timeout(30_000);
    await wb?.close();
  });
  return () => {
    if (!wb) throw new Error('workbench not launched');
    return wb;
  };
}

/** Temp folder to open as a workspace. */
export function tempWorkspace(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'ecs-explorer-ws-'));
}
