/**
 * Go to Resource: the quick-pick fields of each resource and the actions offered for it (pure, no vscode import).
 * Items are built once per folder from the tree's loaded data; VS Code's own filter matches label, description
 * and detail (`matchOnDescription`, `matchOnDetail`), so typing does no work of ours.
 */
import type { Provider } from '../core/types';
import type { ResourceKind, ResourceRef } from '../contracts';
import { stateOf } from './model';
import { kindSpec, type KindAction } from '../kinds';
import { resourceFlags } from './eligibility';
import { scrubShown } from '../output/redact';

export type Translate = (message: string, ...args: Array<string | number>) => string;

/** What one row of the quick pick shows and matches. */
export interface GotoFields {
  /** `$(icon) name` (the ID when unnamed). */
  readonly label: string;
  /** ID · instance type · private IPs · public IP. */
  readonly description: string;
  /** Kind · state · account · region · tags. */
  readonly detail: string;
}

export interface GotoItem extends GotoFields {
  readonly ref: ResourceRef;
}

/** Where a folder lives and what it holds, computed once per folder. */
export interface FolderContext {
  readonly provider: Provider;
  readonly kind: ResourceKind;
  /** Localized kind, e.g. "Instance". */
  readonly kindText: string;
  /** Account display name. */
  readonly account: string;
  readonly region: string;
}

type Tag = { Key?: unknown; Value?: unknown; TagKey?: unknown; TagValue?: unknown };

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Tags as `key=value` (Volcengine `Tags[]` of Key/Value, Alibaba `Tags.Tag[]` of TagKey/TagValue), at most 10. */
export function tagsOf(data: unknown): string[] {
  const d = data as { Tags?: unknown } | null;
  const raw = d?.Tags;
  const list = Array.isArray(raw) ? raw : Array.isArray((raw as { Tag?: unknown } | undefined)?.Tag) ? (raw as { Tag: unknown[] }).Tag : [];
  const out: string[] = [];
  for (const t of list as Tag[]) {
    if (out.length >= 10) break;
    if (!t || typeof t !== 'object') continue;
    const k = str(t.Key) || str(t.TagKey);
    const v = str(t.Value) || str(t.TagValue);
    if (k) out.push(v ? `${k}=${v}` : k);
  }
  return out;
}

/** Instance type, private and public IPs of a resource (what engineers search for besides ID and name). */
export function searchFields(ref: ResourceRef): { type: string; privateIps: string[]; publicIp: string } {
  return kindSpec(ref.kind).search(ref.data);
}

/** The quick-pick fields of one resource. `stateText` gives a state's display name. */
export function gotoFields(ref: ResourceRef, where: FolderContext, stateText: (state: string) => string): GotoFields {
  const f = searchFields(ref);
  const description = [ref.id, f.type, ...f.privateIps, f.publicIp].filter(Boolean).join(' · ');
  const state = stateOf(ref);
  const detail = [where.kindText, state ? stateText(state) : '', `${where.account} · ${where.region}`, ...tagsOf(ref.data)]
    .filter(Boolean)
    .join(' · ');
  return {
    label: `$(${kindSpec(ref.kind).icon}) ${scrubShown(ref.name)}`,
    description: scrubShown(description),
    detail: scrubShown(detail),
  };
}

/** Items of one folder's resources (a loop, no spread: folders can be large). */
export function gotoItems(
  refs: readonly ResourceRef[],
  where: FolderContext,
  stateText: (state: string) => string,
  out: GotoItem[] = [],
): GotoItem[] {
  for (const ref of refs) {
    const f = gotoFields(ref, where, stateText);
    out.push({ label: f.label, description: f.description, detail: f.detail, ref });
  }
  return out;
}

/** A command offered after choosing a resource: the same ones (and eligibility) as the row's context menu. */
export interface GotoAction {
  readonly command: string;
  /** English title, translated by the caller (strings shared with the commands' own titles). */
  readonly title: string;
}

const VIEW: readonly GotoAction[] = [
  { command: 'ecsExplorer.viewDetails', title: 'View Details' },
  { command: 'ecsExplorer.openInConsole', title: 'Open in Console' },
  { command: 'ecsExplorer.copyId', title: 'Copy ID' },
];

/**
 * The actions a resource's context menu would offer, given its eligibility (see tree/eligibility.ts): the view
 * commands, then the kind's actions (kind table) that can act, are offered anyway, or their explanation.
 */
export function gotoActions(kind: ResourceKind, eligible: boolean | ((a: KindAction) => boolean)): readonly GotoAction[] {
  const can = typeof eligible === 'function' ? eligible : () => eligible;
  const out = [...VIEW];
  for (const a of kindSpec(kind).actions) {
    if (a.offerIneligible || can(a)) out.push({ command: a.command, title: a.title });
    else if (a.explain) out.push(a.explain);
  }
  return out;
}

/** The actions a resource's context menu offers now: each action by its own flag (the row's contextValue). */
export function gotoActionsFor(ref: ResourceRef, now: Date): readonly GotoAction[] {
  const flags = resourceFlags(ref, now);
  return gotoActions(ref.kind, (a) => flags.includes(`;${a.flag};`));
}
