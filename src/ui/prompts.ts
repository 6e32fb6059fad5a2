/**
 * Everything a command asks of the user, behind one interface so tests can script it.
 * `undefined` / `false` means the user cancelled (Esc); commands then stop silently.
 */
import type * as vscodeApi from 'vscode';

export interface PickItem<T> {
  readonly label: string;
  readonly description?: string;
  readonly detail?: string;
  readonly picked?: boolean;
  readonly value: T;
}

export interface PickOptions {
  readonly title?: string;
  readonly placeHolder?: string;
}

export interface InputOptions {
  readonly title: string;
  readonly prompt?: string;
  readonly value?: string;
  readonly placeHolder?: string;
  /** Typed characters are hidden (secrets). */
  readonly password?: boolean;
  /** Returns an error text for an invalid value, undefined when valid. */
  readonly validate?: (value: string) => string | undefined;
}

export type NoticeKind = 'info' | 'warn' | 'error';

export interface ProgressReport {
  (message: string, increment?: number): void;
}

export interface ProgressOptions {
  /** Where it shows: a notification (default) or the progress bar of a view. */
  readonly viewId?: string;
  /** Default true: a Cancel button aborts the signal. */
  readonly cancellable?: boolean;
}

export interface SaveOptions {
  readonly title: string;
  /** File name proposed in the workspace folder (or the home folder). */
  readonly defaultName: string;
  /** Filter name → extensions, e.g. `{ JSON: ['json'] }`. */
  readonly filters: Record<string, string[]>;
}

export interface Prompts {
  pickOne<T>(items: readonly PickItem<T>[], opts: PickOptions): Promise<T | undefined>;
  pickMany<T>(items: readonly PickItem<T>[], opts: PickOptions): Promise<T[] | undefined>;
  input(opts: InputOptions): Promise<string | undefined>;
  /** Modal warning with one confirm button (VS Code adds Cancel). */
  confirm(message: string, detail: string, confirmLabel: string): Promise<boolean>;
  /** A notification; resolves with the clicked button. Callers don't await it when it only offers buttons. */
  notify(kind: NoticeKind, message: string, ...buttons: string[]): Promise<string | undefined>;
  /** Progress (by default a cancellable notification); cancelling aborts the signal. */
  withProgress<R>(title: string, task: (report: ProgressReport, signal: AbortSignal) => Promise<R>, opts?: ProgressOptions): Promise<R>;
  /** A save dialog; resolves with the chosen file's path. */
  saveFile(opts: SaveOptions): Promise<string | undefined>;
  /** Opens a (virtual) document read-only in a preview editor, in `language` when given. */
  showDocument(uri: vscodeApi.Uri, language?: string): Promise<vscodeApi.TextEditor | undefined>;
}

/** The real prompts. */
export function vscodePrompts(): Prompts {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vscode = require('vscode') as typeof vscodeApi;
  type QP<T> = vscodeApi.QuickPickItem & { value: T };
  const toQp = <T>(items: readonly PickItem<T>[]): QP<T>[] =>
    items.map((i) => ({ label: i.label, description: i.description, detail: i.detail, picked: i.picked, value: i.value }));
  const qpOptions = (opts: { title?: string; placeHolder?: string }) => ({
    title: opts.title,
    placeHolder: opts.placeHolder,
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  return {
    async pickOne(items, opts) {
      const r = await vscode.window.showQuickPick(toQp(items), qpOptions(opts));
      return r?.value;
    },
    async pickMany(items, opts) {
      const r = await vscode.window.showQuickPick(toQp(items), { ...qpOptions(opts), canPickMany: true });
      return r?.map((x) => x.value);
    },
    input(opts) {
      return Promise.resolve(
        vscode.window.showInputBox({
          title: opts.title,
          prompt: opts.prompt,
          value: opts.value,
          placeHolder: opts.placeHolder,
          password: opts.password,
          ignoreFocusOut: true,
          validateInput: opts.validate ? (v) => opts.validate?.(v) : undefined,
        }),
      );
    },
    async confirm(message, detail, confirmLabel) {
      const r = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel);
      return r === confirmLabel;
    },
    notify(kind, message, ...buttons) {
      const w = vscode.window;
      const shown =
        kind === 'error'
          ? w.showErrorMessage(message, ...buttons)
          : kind === 'warn'
            ? w.showWarningMessage(message, ...buttons)
            : w.showInformationMessage(message, ...buttons);
      return Promise.resolve(shown);
    },
    withProgress(title, task, opts) {
      const location = opts?.viewId ? { viewId: opts.viewId } : vscode.ProgressLocation.Notification;
      return Promise.resolve(
        vscode.window.withProgress({ location, title, cancellable: opts?.cancellable ?? true }, (progress, token) => {
          const ac = new AbortController();
          const sub = token.onCancellationRequested(() => ac.abort());
          return task((message, increment) => progress.report({ message, increment }), ac.signal).finally(() => sub.dispose());
        }),
      );
    },
    async saveFile(opts) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const os = require('node:os') as typeof import('node:os');
      const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
      const uri = await vscode.window.showSaveDialog({
        title: opts.title,
        defaultUri: vscode.Uri.joinPath(base, opts.defaultName),
        filters: opts.filters,
      });
      return uri?.fsPath;
    },
    async showDocument(uri, language) {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (language && doc.languageId !== language) await vscode.languages.setTextDocumentLanguage(doc, language);
      return vscode.window.showTextDocument(doc, { preview: true });
    },
  };
}

// ---- Scripted prompts for tests ----

type Matcher = string | RegExp;

/** One scripted answer, consumed in order by the next prompt. */
export type ScriptedAnswer =
  | { pick: Matcher }
  | { pickMany: Matcher[] }
  | { input: string }
  | { confirm: boolean }
  /** The path a save dialog answers. */
  | { save: string }
  /** Esc on whatever prompt comes next. */
  | { cancel: true };

/** What the scripted prompts were asked, for assertions. */
export type PromptRecord =
  | { kind: 'pickOne' | 'pickMany'; title: string; items: string[] }
  | { kind: 'input'; title: string; prompt?: string; value?: string; error?: string }
  | { kind: 'confirm'; message: string; detail: string; confirmLabel: string }
  | { kind: 'notify'; level: NoticeKind; message: string; buttons: string[] }
  | { kind: 'progress'; title: string; reports: string[] }
  | { kind: 'save'; title: string; defaultName: string }
  | { kind: 'document'; uri: string };

export interface ScriptedPromptsOptions {
  /** Answers for notifications, by message pattern (default: dismissed). */
  notifyAnswers?: { match: Matcher; button: string }[];
  /** Abort the progress signal after this many reports (simulates the Cancel button). */
  cancelProgressAfterReports?: number;
}

const matches = (m: Matcher, s: string) => (typeof m === 'string' ? s === m || s.includes(m) : m.test(s));

export class ScriptedPrompts implements Prompts {
  readonly records: PromptRecord[] = [];
  private readonly answers: ScriptedAnswer[];
  private readonly running = new Set<AbortController>();

  constructor(
    answers: ScriptedAnswer[] = [],
    private readonly options: ScriptedPromptsOptions = {},
  ) {
    this.answers = [...answers];
  }

  /** Answers not used yet. */
  get remaining(): readonly ScriptedAnswer[] {
    return this.answers;
  }

  notices(): Extract<PromptRecord, { kind: 'notify' }>[] {
    return this.records.filter((r): r is Extract<PromptRecord, { kind: 'notify' }> => r.kind === 'notify');
  }

  private next(kind: string): ScriptedAnswer {
    const a = this.answers.shift();
    if (!a) throw new Error(`ScriptedPrompts: no answer left for ${kind}`);
    return a;
  }

  async pickOne<T>(items: readonly PickItem<T>[], opts: PickOptions): Promise<T | undefined> {
    this.records.push({ kind: 'pickOne', title: opts.title ?? opts.placeHolder ?? '', items: items.map(label) });
    const a = this.next(`pickOne "${opts.title}"`);
    if ('cancel' in a) return undefined;
    if (!('pick' in a)) throw new Error(`ScriptedPrompts: expected a pick answer for "${opts.title}", got ${JSON.stringify(a)}`);
    const hit = items.find((i) => matches(a.pick, label(i)));
    if (!hit) throw new Error(`ScriptedPrompts: no item matches ${String(a.pick)} in "${opts.title}": ${items.map(label).join(' | ')}`);
    return hit.value;
  }

  async pickMany<T>(items: readonly PickItem<T>[], opts: PickOptions): Promise<T[] | undefined> {
    this.records.push({ kind: 'pickMany', title: opts.title ?? opts.placeHolder ?? '', items: items.map(label) });
    const a = this.next(`pickMany "${opts.title}"`);
    if ('cancel' in a) return undefined;
    if (!('pickMany' in a)) throw new Error(`ScriptedPrompts: expected a pickMany answer for "${opts.title}", got ${JSON.stringify(a)}`);
    const out = items.filter((i) => a.pickMany.some((m) => matches(m, label(i))));
    if (out.length !== a.pickMany.length) {
      throw new Error(`ScriptedPrompts: ${a.pickMany.length} patterns matched ${out.length} items in "${opts.title}"`);
    }
    return out.map((i) => i.value);
  }

  async input(opts: InputOptions): Promise<string | undefined> {
    const rec: PromptRecord = { kind: 'input', title: opts.title, prompt: opts.prompt, value: opts.value };
    this.records.push(rec);
    const a = this.next(`input "${opts.title}"`);
    if ('cancel' in a) return undefined;
    if (!('input' in a)) throw new Error(`ScriptedPrompts: expected an input answer for "${opts.title}", got ${JSON.stringify(a)}`);
    const error = opts.validate?.(a.input);
    if (error) {
      rec.error = error;
      throw new Error(`ScriptedPrompts: input ${JSON.stringify(a.input)} refused for "${opts.title}": ${error}`);
    }
    return a.input;
  }

  async confirm(message: string, detail: string, confirmLabel: string): Promise<boolean> {
    this.records.push({ kind: 'confirm', message, detail, confirmLabel });
    const a = this.next(`confirm "${message}"`);
    if ('cancel' in a) return false;
    if (!('confirm' in a)) throw new Error(`ScriptedPrompts: expected a confirm answer for "${message}", got ${JSON.stringify(a)}`);
    return a.confirm;
  }

  async notify(level: NoticeKind, message: string, ...buttons: string[]): Promise<string | undefined> {
    this.records.push({ kind: 'notify', level, message, buttons });
    return this.options.notifyAnswers?.find((n) => matches(n.match, message))?.button;
  }

  async saveFile(opts: SaveOptions): Promise<string | undefined> {
    this.records.push({ kind: 'save', title: opts.title, defaultName: opts.defaultName });
    const a = this.next(`save "${opts.title}"`);
    if ('cancel' in a) return undefined;
    if (!('save' in a)) throw new Error(`ScriptedPrompts: expected a save answer for "${opts.title}", got ${JSON.stringify(a)}`);
    return a.save;
  }

  /** Records the document; opens nothing. */
  async showDocument(uri: vscodeApi.Uri): Promise<vscodeApi.TextEditor | undefined> {
    this.records.push({ kind: 'document', uri: uri.toString() });
    return undefined;
  }

  async withProgress<R>(title: string, task: (report: ProgressReport, signal: AbortSignal) => Promise<R>): Promise<R> {
    const rec: Extract<PromptRecord, { kind: 'progress' }> = { kind: 'progress', title, reports: [] };
    this.records.push(rec);
    const ac = new AbortController();
    const limit = this.options.cancelProgressAfterReports;
    if (limit === 0) ac.abort();
    this.running.add(ac);
    try {
      return await task((message) => {
        rec.reports.push(message);
        if (limit !== undefined && rec.reports.length >= limit) ac.abort();
      }, ac.signal);
    } finally {
      this.running.delete(ac);
    }
  }

  /** Presses Cancel on the progress now running (as the notification's button does); false when none runs. */
  cancelProgress(): boolean {
    for (const ac of this.running) ac.abort();
    return this.running.size > 0;
  }
}

function label<T>(i: PickItem<T>): string {
  return i.description ? `${i.label} ${i.description}` : i.label;
}
