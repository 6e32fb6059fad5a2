/** Scripted prompts for tests: answers in order, records what was asked (the product's prompts are src/ui/prompts.ts). */
import type * as vscodeApi from 'vscode';
import type { PickItem, PickOptions, InputOptions, NoticeKind, ProgressReport, SaveOptions, Prompts } from '../../src/ui/prompts';

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
