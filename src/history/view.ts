/** The History view: recorded actions newest first; an entry opens its full record as a read-only JSON document. */
import * as vscode from 'vscode';
import type { HistoryEntry, HistoryStore } from './store';
import { resultWord } from '../commands/plan/batchOutcomes';
import { appOf } from '../commands/context';
import type { CommandHandler } from '../commands/registry';

export const HISTORY_VIEW_ID = 'ecsExplorer.history';
export const HISTORY_SCHEME = 'ecs-explorer-history';
export const HISTORY_OPEN_COMMAND = 'ecsExplorer.history.open';

/** Outcome words (history keeps them in English; shown in the user's language). Delete's words are resultWord's. */
export function outcomeWord(o: string): string {
  const t = vscode.l10n.t;
  switch (o) {
    case 'deleted':
      return t('deleted');
    case 'cancelled':
      return t('cancelled');
    case 'failed':
    case 'unknown':
      return resultWord(o, t);
    case 'not-sent':
      return t('not sent');
    case 'submitted':
      return t('submitted');
    case 'reconciled':
      return t('accepted (answer lost)');
    case 'not-applied':
      return t('not applied');
    case 'new':
      return t('new');
    default:
      // Another batch action's word ("stopped"): its translation when the bundle has one.
      return t(o);
  }
}

export function commandWord(c: string): string {
  return vscode.l10n.t(c);
}

/** `2 deleted, 1 failed · following…` */
export function entrySummary(e: HistoryEntry): string {
  const counts = new Map<string, number>();
  for (const r of e.resources) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const parts = [...counts].map(([o, n]) => `${n} ${outcomeWord(o)}`);
  const follow =
    e.follow?.state === 'pending'
      ? vscode.l10n.t('following…')
      : e.follow?.state === 'gave-up'
        ? vscode.l10n.t('final state not known')
        : undefined;
  return [parts.join(vscode.l10n.t(', ')), follow].filter(Boolean).join(' · ');
}

function localTime(iso: string): string {
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** The read-only document of one entry: its full record (already redacted by the store). */
export function entryText(e: HistoryEntry): string {
  return JSON.stringify(e, null, 2) + '\n';
}

export class HistoryView implements vscode.TreeDataProvider<HistoryEntry>, vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly docChanged = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.docChanged.event;
  private readonly subs: vscode.Disposable[] = [this.changed, this.docChanged];

  constructor(private readonly store: HistoryStore) {
    this.subs.push(
      store.onDidChange(() => {
        this.changed.fire();
        for (const d of vscode.workspace.textDocuments) if (d.uri.scheme === HISTORY_SCHEME) this.docChanged.fire(d.uri);
      }),
    );
    void store.load().then(() => this.changed.fire());
  }

  static uriFor(e: HistoryEntry): vscode.Uri {
    return vscode.Uri.from({ scheme: HISTORY_SCHEME, path: `/${encodeURIComponent(e.id)}.json` });
  }

  getChildren(e?: HistoryEntry): HistoryEntry[] {
    return e ? [] : [...this.store.list()];
  }

  getTreeItem(e: HistoryEntry): vscode.TreeItem {
    const item = new vscode.TreeItem(`${commandWord(e.command)} · ${e.region}`);
    item.id = e.id;
    item.description = `${localTime(e.time)} · ${entrySummary(e)}`;
    const account = [e.account.name, e.account.maskedKeyId].filter(Boolean).join(' · ') || e.account.profileId;
    const md = new vscode.MarkdownString(undefined, false);
    const lines = [
      `${commandWord(e.command)} (${e.action})`,
      vscode.l10n.t('Time: {0}', localTime(e.time)),
      vscode.l10n.t('Account: {0}', account),
      vscode.l10n.t('Region: {0}', e.region),
      entrySummary(e),
    ];
    lines.forEach((l, i) => {
      if (i) md.appendMarkdown('  \n');
      md.appendText(l);
    });
    item.tooltip = md;
    const bad = e.resources.some((r) => r.outcome === 'failed' || r.outcome === 'unknown');
    item.iconPath = new vscode.ThemeIcon(e.follow?.state === 'pending' ? 'sync' : bad ? 'warning' : 'history');
    item.contextValue = 'ecsExplorer.historyEntry';
    item.command = { command: HISTORY_OPEN_COMMAND, title: vscode.l10n.t('Open Record'), arguments: [e] };
    return item;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.json$/, ''));
    const e = this.store.get(id);
    return e ? entryText(e) : vscode.l10n.t('// This history entry is no longer kept (the history keeps the newest entries).') + '\n';
  }

  refresh(): void {
    this.changed.fire();
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

/** Opens an entry's full record (read-only JSON); the row passes its entry. */
export const openHistoryEntry: CommandHandler = (ctx, e) => {
  const { historyStore } = appOf(ctx);
  const entry = e && typeof e === 'object' && 'id' in e ? historyStore.get(String((e as { id: unknown }).id)) : undefined;
  return entry && ctx.prompts.showDocument(HistoryView.uriFor(entry), 'json');
};

export const refreshHistory: CommandHandler = (ctx) => appOf(ctx).historyView.refresh();

/** Deletes every record after a confirmation (a record still followed loses its final state: said so). */
export const clearHistory: CommandHandler = async (ctx) => {
  const { t } = ctx;
  const title = t('Clear History');
  const store = appOf(ctx).historyStore;
  await store.load();
  const n = store.list().length;
  if (n === 0) {
    void ctx.prompts.notify('info', t('{0}: the history is empty.', title));
    return;
  }
  const pending = store.pending().length;
  const detail = [
    t('The records are deleted from this computer; cloud resources are not affected. Use Export History… first to keep a copy.'),
    pending ? t('{0} of them are still being followed: their final state will not be recorded.', pending) : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (!(await ctx.prompts.confirm(t('Clear the history of {0} actions?', n), detail, title))) return;
  await store.clear();
  ctx.log.info(t('History cleared ({0} entries).', n));
};
