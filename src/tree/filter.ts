/** The Resources filter: the query (kept per workspace), what it matches, and how the view shows it. */
import * as vscode from 'vscode';
import type { ContextKeys } from './contextKeys';
import type { ResourceRef } from '../contracts';
import { stateLabel } from './items';
import type { FolderNode } from './model';
import { filterTerms, matchesFilter } from './styles';
import type { Folder } from './store';

const FILTER_KEY = 'ecsExplorer.filter';
/** Folders a new filter expands at most (each reveal is a round trip to the workbench). */
const MAX_REVEALED = 20;

export class TreeFilter {
  private terms: string[];

  constructor(
    private readonly state: vscode.Memento,
    private readonly keys: ContextKeys,
  ) {
    this.terms = filterTerms(this.query);
  }

  get query(): string | undefined {
    return this.state.get<string>(FILTER_KEY) || undefined;
  }

  get active(): boolean {
    return this.terms.length > 0;
  }

  async set(query: string | undefined): Promise<string | undefined> {
    const q = query?.trim() || undefined;
    await this.state.update(FILTER_KEY, q);
    this.terms = filterTerms(q);
    return q;
  }

  matches(ref: ResourceRef): boolean {
    return !this.terms.length || matchesFilter(ref, this.terms, stateLabel);
  }

  /** How many of `items` match. */
  count(items: readonly ResourceRef[]): number {
    let n = 0;
    for (const r of items) if (this.matches(r)) n++;
    return n;
  }

  /** Whether a folder is fully loaded (all pages, no error) and holds nothing that matches. */
  excludes(st: Folder): boolean {
    if (!this.active || !st.complete) return false;
    return !st.items.some((r) => this.matches(r));
  }

  /** The "no matches" text of a region or folder. */
  noMatchText(): string {
    return vscode.l10n.t('No matches for filter "{0}"', this.query ?? '');
  }

  /** Shows the filter on the view (description and message) and in the `ecsExplorer.filtered` context key. */
  show(view: vscode.TreeView<unknown> | undefined): void {
    const q = this.query;
    this.keys.set('ecsExplorer.filtered', !!q);
    if (!view) return;
    // Each assignment is a message to the window, even of the same value.
    const description = q ? vscode.l10n.t('Filter: {0}', q) : undefined;
    if ((view.description || undefined) !== description) view.description = description;
    // The description is hidden when the view's title merges into the container's: say it in the message too.
    const message = q ? vscode.l10n.t('Filtered by "{0}". Use Clear Filter to show everything.', q) : undefined;
    if ((view.message || undefined) !== message) view.message = message;
  }

  /** Expands the given loaded folders that hold matches (and their parents), so matches show without clicking. */
  async reveal(view: vscode.TreeView<FolderNode> | undefined, folders: Iterable<[FolderNode, Folder]>): Promise<void> {
    if (!view?.visible || !this.active) return;
    const shown: FolderNode[] = [];
    for (const [node, st] of folders) {
      if (st.loading || st.failed) continue;
      if (st.items.some((r) => this.matches(r))) shown.push(node);
      if (shown.length >= MAX_REVEALED) break;
    }
    for (const f of shown) {
      try {
        await view.reveal(f, { expand: true, select: false, focus: false });
      } catch {
        // The node is no longer in the tree (refreshed or its account hidden): nothing to show.
      }
    }
  }
}
