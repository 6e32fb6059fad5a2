/** vscode.TreeItem building. Resource rows are allocation-light: per-state icons and texts, lazy tooltips. */
import * as vscode from 'vscode';
import { guidanceFor, isCloudError } from '../core';
import { redact } from '../core/redact';
import { scrubShown } from '../output/redact';
import { providerLabel as label, toLocale } from '../output/translate';
import type { Locale, Provider } from '../core/types';
import type { ResourceKind, AccountInfo } from '../contracts';
import { resourceFlags } from './eligibility';
import { kindSpec } from '../kinds';
import type { ErrorNode, FolderNode, LoadMoreNode, MessageNode, ResourceNode } from './model';
import { stateOf } from './model';
import { stateStyle, stateText, type StateText } from './styles';
import { escapeMd, resourceTooltip } from './tooltip';
import { currentRowFields, rowDescription } from './rowDescription';
import { stateName } from '../output/states';

export const VIEW_ID = 'ecsExplorer.resources';

export function currentLocale(): Locale {
  return toLocale(vscode.env.language);
}

const icons = new Map<string, vscode.ThemeIcon>();
export function icon(id: string, color?: string): vscode.ThemeIcon {
  const key = color ? `${id}|${color}` : id;
  let i = icons.get(key);
  if (!i) icons.set(key, (i = new vscode.ThemeIcon(id, color ? new vscode.ThemeColor(color) : undefined)));
  return i;
}

const stateLabelCache = new Map<string, string>();
/** Localized display text of an API state (cached; unknown states shown as is). */
export function stateLabel(state: string): string {
  let s = stateLabelCache.get(state);
  if (s !== undefined) return s;
  s = stateName(state, vscode.l10n.t);
  stateLabelCache.set(state, s);
  return s;
}

/**
 * `now` for eligibility, read once per synchronous run: VS Code asks for all of a folder's items in one loop,
 * so those rows share one clock reading (cheaper than a clock call per row, and consistent).
 */
let runNow: Date | undefined;
export function coarseNow(): Date {
  if (!runNow) {
    runNow = new Date();
    queueMicrotask(() => (runNow = undefined));
  }
  return runNow;
}

/** What the rows of one kind in one API state share: one icon object and the state's display text. */
interface StateLook extends StateText {
  readonly icon: vscode.ThemeIcon;
}
const looks = new Map<ResourceKind, Map<string, StateLook>>();
function stateLook(kind: ResourceKind, state: string): StateLook {
  let m = looks.get(kind);
  if (!m) looks.set(kind, (m = new Map()));
  let l = m.get(state);
  if (!l) {
    const st = stateStyle(kind, state);
    m.set(state, (l = { ...stateText(state ? stateLabel(state) : ''), icon: icon(st.icon, st.color) }));
  }
  return l;
}

/** A resource row: shared icon and state text, cached eligibility, no per-row closures; the tooltip comes lazily. */
export function resourceItem(node: ResourceNode): vscode.TreeItem {
  const ref = node.ref;
  const look = stateLook(ref.kind, stateOf(ref));
  const item = new vscode.TreeItem(scrubShown(ref.name), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = scrubShown(rowDescription(ref, currentRowFields(ref.kind), look.text));
  item.iconPath = look.icon;
  item.contextValue = resourceFlags(ref, coarseNow());
  return item;
}

/** Lazy tooltip for resolveTreeItem. */
export function resourceTooltipMarkdown(node: ResourceNode): vscode.MarkdownString {
  const md = new vscode.MarkdownString(scrubShown(resourceTooltip(node.ref, vscode.l10n.t, currentLocale(), new Date(), stateLabel)), true);
  md.isTrusted = false;
  md.supportHtml = false;
  return md;
}

export function providerLabel(p: Provider): string {
  return label(p, vscode.l10n.t);
}

export function kindLabel(k: ResourceKind): string {
  return kindSpec(k).label(vscode.l10n.t);
}

export function accountTooltip(p: AccountInfo, expiration?: Date): vscode.MarkdownString {
  const lines = [`**${escapeMd(p.name)}**`];
  lines.push(escapeMd(p.source === 'cli' || p.source === 'env' ? (p.description ?? '') : vscode.l10n.t('stored')));
  if (p.maskedKeyId) lines.push(escapeMd(vscode.l10n.t('AccessKey ID: {0}', p.maskedKeyId)));
  if (p.role) lines.push(escapeMd(vscode.l10n.t('Role: {0}', p.role)));
  if (expiration) lines.push(escapeMd(vscode.l10n.t('STS credentials expire at {0}', expiration.toLocaleString())));
  if (p.file) lines.push(escapeMd(p.file));
  if (p.problem) lines.push(escapeMd(p.problem));
  return new vscode.MarkdownString(lines.filter(Boolean).join('  \n'));
}

export function folderItem(node: FolderNode, description: string | undefined, expanded = false): vscode.TreeItem {
  const item = new vscode.TreeItem(
    kindLabel(node.kind),
    expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
  );
  item.id = node.id;
  item.iconPath = icon(kindSpec(node.kind).icon);
  item.contextValue = `ecsExplorer.folder.${node.kind}`;
  item.description = description;
  return item;
}

export function loadMoreItem(node: LoadMoreNode, loaded: number, total: number | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Load more…'), vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = icon('ellipsis');
  item.description = total !== undefined ? vscode.l10n.t('{0} of {1} loaded', loaded, total) : vscode.l10n.t('{0} loaded', loaded);
  item.contextValue = 'ecsExplorer.loadMore';
  item.command = { command: 'ecsExplorer.loadMore', title: vscode.l10n.t('Load more…'), arguments: [node] };
  return item;
}

export function messageItem(node: MessageNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.iconPath = icon('info');
  item.tooltip = node.tooltip;
  item.contextValue = 'ecsExplorer.message';
  return item;
}

/** What an error says: code, short explanation, next step, RequestId. */
export interface ErrorSummary {
  code: string;
  explain: string;
  next?: string;
  message: string;
  requestId?: string;
  httpStatus?: number;
  action?: string;
}

export function summarizeError(e: unknown, locale: Locale): ErrorSummary {
  if (isCloudError(e)) {
    const g = guidanceFor(e.code, locale, e.message, { provider: e.provider, action: e.action });
    return {
      code: e.code,
      explain: g.explain,
      next: g.next,
      message: e.message,
      requestId: e.requestId,
      httpStatus: e.httpStatus,
      action: e.action,
    };
  }
  // CloudError texts are redacted when built; anything else is redacted here, for the row and its tooltip.
  const err = e instanceof Error ? e : new Error(String(e));
  const message = redact(err.message);
  return { code: redact(err.name || 'Error'), explain: message, message };
}

export function errorItem(node: ErrorNode): vscode.TreeItem {
  const s = summarizeError(node.error, currentLocale());
  const item = new vscode.TreeItem(
    node.settings ? vscode.l10n.t('Settings problem') : vscode.l10n.t('Error: {0}', s.code),
    vscode.TreeItemCollapsibleState.None,
  );
  item.id = node.id;
  item.iconPath = icon('warning', 'problemsWarningIcon.foreground');
  item.description = s.explain;
  const lines = [`**${escapeMd(s.code)}**`, '', escapeMd(s.message)];
  if (s.explain && s.explain !== s.message) lines.push('', escapeMd(s.explain));
  if (s.next) lines.push('', `$(lightbulb) ${escapeMd(s.next)}`);
  const meta = [
    s.action ? vscode.l10n.t('{0}: {1}', vscode.l10n.t('Action'), escapeMd(s.action)) : '',
    s.httpStatus ? `HTTP ${s.httpStatus}` : '',
    s.requestId ? `RequestId: \`${s.requestId.replace(/`/g, '')}\`` : '',
  ].filter(Boolean);
  if (meta.length) lines.push('', meta.join('  \n'));
  item.tooltip = new vscode.MarkdownString(lines.join('\n'), true);
  item.contextValue = node.settings ? 'ecsExplorer.error.settings' : 'ecsExplorer.error';
  item.command = node.settings
    ? { command: 'workbench.action.openSettings', title: vscode.l10n.t('Open Settings'), arguments: [node.settings] }
    : { command: 'ecsExplorer.retry', title: vscode.l10n.t('Retry'), arguments: [node] };
  item.accessibilityInformation = { label: `${item.label as string}. ${s.explain}` };
  return item;
}
