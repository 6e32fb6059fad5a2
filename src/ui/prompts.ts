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
