/**
 * Go to Resource (`ecsExplorer.goToResource`): one quick pick over every resource of every account, region and
 * kind. Items come from the tree's loaded folders, built once per folder; folders not loaded yet are loaded
 * (completely) with the tree's loader while the pick is open, with a cancellable progress. Choosing a resource
 * reveals and selects it in the tree, then offers the commands of its context menu.
 */
import * as vscode from 'vscode';
import type { ActionLog, ResourceRef } from '../contracts';
import type { AccountStore } from '../credentials/store';
import { redact } from '../core/redact';
import type { Explorer } from './explorer';
import { gotoActionsFor, gotoItems, type FolderContext, type GotoItem } from './gotoItems';
import { currentLocale, providerLabel, stateLabel, summarizeError } from './items';
import type { FolderNode, TreeNode } from './model';
import type { Prompts } from '../ui/prompts';
import { appOf } from '../commands/context';
import type { CommandHandler } from '../commands/registry';
import { kindSpec } from '../kinds';

export interface GotoDeps {
  readonly explorer: Explorer;
  readonly view: vscode.TreeView<TreeNode>;
  readonly accounts: AccountStore;
  readonly log: ActionLog;
  readonly prompts: Prompts;
}

interface PickItem extends vscode.QuickPickItem {
  readonly ref?: ResourceRef;
  /** A folder that failed to load (choosing it shows its error row). */
  readonly folder?: FolderNode;
}

/** One folder's items, rebuilt only when the tree's list for it changed. */
interface FolderItems {
  source?: readonly ResourceRef[];
  built: number;
  items: GotoItem[];
  error?: PickItem;
}

export function kindText(kind: ResourceRef['kind']): string {
  return kindSpec(kind).one(vscode.l10n.t);
}

/** The command: a string argument (links, tests) is the initial query. */
export const goToResourceCommand: CommandHandler = (ctx, query) => {
  const { explorer, view, accounts } = appOf(ctx);
  return goToResource({ explorer, view, accounts, log: ctx.log, prompts: ctx.prompts }, typeof query === 'string' ? query : undefined);
};

/** Runs the whole flow; resolves with the resource chosen (undefined when dismissed). */
export async function goToResource(deps: GotoDeps, query?: string): Promise<ResourceRef | undefined> {
  const { explorer } = deps;
  // VS Code applies tree changes about 200 ms after they are announced; a reveal just before such a refresh of an
  // ancestor loses its selection. The reveal waits until the tree has been quiet that long (bounded by TREE_SETTLE_MS).
  let lastChange = 0;
  const changes = explorer.onDidChangeTreeData(() => (lastChange = Date.now()));
  try {
    return await run(deps, query, () => lastChange);
  } finally {
    changes.dispose();
  }
}

const TREE_SETTLE_MS = 300;

async function run(deps: GotoDeps, query: string | undefined, lastChange: () => number): Promise<ResourceRef | undefined> {
  const { explorer } = deps;
  const scope = await explorer.gotoScope();
  const qp = vscode.window.createQuickPick<PickItem>();
  qp.title = vscode.l10n.t('Go to Resource');
  qp.placeholder = vscode.l10n.t('ID, name, private or public IP, instance type or tag');
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  if (query) qp.value = query;

  const perFolder = new Map<string, FolderItems>();
  const contexts = new Map<string, FolderContext>();
  const where = (f: FolderNode): FolderContext => {
    let c = contexts.get(f.id);
    if (!c) {
      const r = f.parent;
      const account = deps.accounts.get(r.accountId)?.name ?? r.accountId;
      contexts.set(
        f.id,
        (c = {
          provider: r.provider,
          kind: f.kind,
          kindText: kindText(f.kind),
          account: `${providerLabel(r.provider)} ${account}`,
          region: r.region,
        }),
      );
    }
    return c;
  };
  /** Brings one folder's items up to date with what the tree holds (only its new resources are built). */
  const collect = (f: FolderNode): void => {
    const snap = explorer.folderSnapshot(f);
    if (!snap) return;
    let fi = perFolder.get(f.id);
    if (!fi || fi.source !== snap.items || snap.items.length < fi.built)
      perFolder.set(f.id, (fi = { source: snap.items, built: 0, items: [] }));
    fi.error = undefined;
    if (snap.error !== undefined && !snap.loading) {
      const s = summarizeError(snap.error, currentLocale());
      const c = where(f);
      fi.error = {
        label: `$(warning) ${vscode.l10n.t('Could not load {0} in {1}', c.kindText, c.region)}`,
        description: `${s.code}: ${s.explain}`,
        detail: `${c.account} · ${c.region}`,
        alwaysShow: true,
        folder: f,
      };
    }
    if (fi.built < snap.items.length) {
      gotoItems(snap.items.slice(fi.built), where(f), stateLabel, fi.items);
      fi.built = snap.items.length;
    }
  };
  const skipped: PickItem[] = scope.skipped.map((s) => ({
    label: `$(warning) ${vscode.l10n.t('Account "{0}" is not searched', deps.accounts.get(s.accountId)?.name ?? s.accountId)}`,
    description: s.problem,
    alwaysShow: true,
  }));
  let closed = false;
  const publish = (): void => {
    if (closed) return;
    const active = qp.activeItems[0];
    const all: PickItem[] = [];
    // Loops, not spreads: there can be tens of thousands.
    for (const f of scope.folders) {
      const fi = perFolder.get(f.id);
      if (!fi) continue;
      for (const it of fi.items) all.push(it);
    }
    for (const f of scope.folders) {
      const e = perFolder.get(f.id)?.error;
      if (e) all.push(e);
    }
    for (const s of skipped) all.push(s);
    if (!scope.folders.length && !skipped.length) {
      all.push({
        label: `$(info) ${vscode.l10n.t('No account with regions to search. Add an account and select regions first.')}`,
        alwaysShow: true,
      });
    }
    qp.items = all;
    if (active && all.includes(active)) qp.activeItems = [active];
  };

  for (const f of scope.folders) collect(f);
  publish();
  deps.log.info(`Go to Resource: ${qp.items.length} items from ${scope.folders.length} lists.`);

  const cancel = new AbortController();
  const pending = scope.folders.filter((f) => !explorer.folderSnapshot(f)?.complete && explorer.folderSnapshot(f)?.error === undefined);
  let loading: Promise<void> = Promise.resolve();
  if (pending.length) {
    qp.busy = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const soon = () => {
      timer ??= setTimeout(() => {
        timer = undefined;
        publish();
      }, 150);
    };
    loading = Promise.resolve(
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Go to Resource: loading {0} lists', pending.length),
          cancellable: true,
        },
        async (progress, token) => {
          const sub = token.onCancellationRequested(() => cancel.abort());
          let done = 0;
          try {
            await Promise.all(
              pending.map((f) =>
                explorer.loadFolderFully(f, cancel.signal).then(
                  () => {
                    collect(f);
                    done++;
                    progress.report({ increment: 100 / pending.length, message: vscode.l10n.t('{0} of {1}', done, pending.length) });
                    soon();
                  },
                  (e) => deps.log.warn(`Go to Resource: loading ${f.id} failed: ${redact(e instanceof Error ? e.message : String(e))}`),
                ),
              ),
            );
          } finally {
            sub.dispose();
          }
        },
      ),
    ).finally(() => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      if (!closed) qp.busy = false;
      if (cancel.signal.aborted) deps.log.info('Go to Resource: loading cancelled.');
      else {
        publish();
        deps.log.info(`Go to Resource: ${pending.length} lists loaded; ${closed ? 'the pick was closed' : `${qp.items.length} items`}.`);
      }
    });
  }

  const chosen = await new Promise<PickItem | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const it = qp.selectedItems[0] ?? qp.activeItems[0];
      if (!it || (!it.ref && !it.folder)) return;
      resolve(it);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  // Loads started for this pick stop when it closes without a choice; with a choice they finish (the tree shows them).
  if (!chosen) cancel.abort();
  closed = true;
  qp.dispose();
  void loading;
  if (!chosen) return undefined;
  const quiet = lastChange() + TREE_SETTLE_MS - Date.now();
  if (quiet > 0) await new Promise((r) => setTimeout(r, Math.min(quiet, TREE_SETTLE_MS)));
  if (chosen.folder) {
    await reveal(deps, chosen.folder, true);
    return undefined;
  }
  const ref = chosen.ref!;
  const node = explorer.findNode(ref);
  if (!node) {
    deps.log.warn(`Go to Resource: ${ref.id} is no longer in the tree.`);
    void deps.prompts.notify('warn', vscode.l10n.t('{0} is no longer in the tree (it was refreshed). Try again.', ref.id));
    return undefined;
  }
  // A refresh announced just after the reveal (an import, a follow-up poll) can still drop its selection: once the
  // tree is quiet, check the row is selected and reveal it again if not (a few rounds at most).
  let target = node;
  for (let round = 1; ; round++) {
    if (!(await reveal(deps, target, false))) return ref;
    await settled(lastChange);
    const now = explorer.findNode(ref);
    if (!now) {
      deps.log.warn(`Go to Resource: ${ref.id} is no longer in the tree.`);
      void deps.prompts.notify('warn', vscode.l10n.t('{0} is no longer in the tree (it was refreshed). Try again.', ref.id));
      return undefined;
    }
    const selected = deps.view.selection.some((n) => n.type === 'resource' && n.ref.id === ref.id);
    if (selected || round >= 3) {
      if (!selected) deps.log.warn(`Go to Resource: ${ref.id} was revealed ${round} times but the tree kept dropping its selection.`);
      target = now;
      break;
    }
    deps.log.info(`Go to Resource: the tree changed after revealing ${ref.id}; revealing it again.`);
    target = now;
  }
  await offerActions(deps, target);
  return ref;
}

/** Resolves once the tree has not changed for TREE_SETTLE_MS (VS Code applies a change that long after it is announced), within a bound. */
async function settled(lastChange: () => number): Promise<void> {
  const until = Date.now() + 10 * TREE_SETTLE_MS;
  for (;;) {
    const wait = lastChange() + TREE_SETTLE_MS - Date.now();
    if (wait <= 0 || Date.now() >= until) return;
    await new Promise((r) => setTimeout(r, Math.min(wait, until - Date.now())));
  }
}

async function reveal(deps: GotoDeps, node: TreeNode, expand: boolean): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.view.reveal(node, { select: true, focus: true, expand });
      deps.log.info(`Go to Resource: revealed ${node.id}.`);
      return true;
    } catch (e) {
      deps.log.warn(
        `Go to Resource: revealing ${node.id} failed (attempt ${attempt}): ${redact(e instanceof Error ? e.message : String(e))}`,
      );
      // A region the tree re-rendered meanwhile (its lists were still loading): once they are in, try again.
      if (attempt < 3 && !deps.explorer.filter) {
        await deps.explorer.whenIdle();
        continue;
      }
      return revealFailed(deps, e);
    }
  }
}

/** A tree filter that hides the row, or a tree that kept changing. */
function revealFailed(deps: GotoDeps, e: unknown): false {
  const msg = deps.explorer.filter
    ? vscode.l10n.t('Could not show it in the tree: the filter "{0}" hides it. Clear the filter and try again.', deps.explorer.filter)
    : vscode.l10n.t('Could not show it in the tree: {0}', redact(e instanceof Error ? e.message : String(e)));
  void deps.prompts.notify('warn', msg);
  return false;
}

/** The row's context-menu commands, in a second quick pick; runs the one chosen with the row as its argument. */
async function offerActions(deps: GotoDeps, node: Extract<TreeNode, { type: 'resource' }>): Promise<void> {
  const ref = node.ref;
  const actions = gotoActionsFor(ref, new Date());
  const picked = await deps.prompts.pickOne(
    actions.map((a) => ({ label: vscode.l10n.t(a.title), value: a.command })),
    {
      title: vscode.l10n.t('{0} ({1})', ref.name, ref.id),
      placeHolder: vscode.l10n.t('Choose an action, or press Escape to stay in the tree'),
    },
  );
  if (picked) await vscode.commands.executeCommand(picked, node, [node]);
}
