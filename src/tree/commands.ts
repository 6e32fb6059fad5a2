/** Tree commands' handlers: refresh, filter, copy ID, open in console, view details, load more, select regions. Registered by commands/registry.ts. */
import * as vscode from 'vscode';
import { consoleUrl, type Provider } from '../core';
import type { ResourceRef } from '../contracts';
import { appOf, pickProvider, type CommandContext } from '../commands/context';
import type { CommandHandler } from '../commands/registry';
import { refsFromArgs } from '../commands/plan/refs';
import { isRegionId } from '../settings/validate';
import { providerLabel, summarizeError, VIEW_ID } from './items';
import type { LoadMoreNode, TreeNode } from './model';
import { kindSpec } from '../kinds';

/** Resources a command acts on (refsFromArgs); with no row at all (palette, keybinding), the tree's selection. */
export function selectedRefs(node: unknown, nodes: unknown, view?: vscode.TreeView<TreeNode>): ResourceRef[] {
  const none = node === undefined && !(Array.isArray(nodes) && nodes.length);
  return refsFromArgs(node, none ? view?.selection : nodes);
}

export function providerOf(node: unknown): Provider | undefined {
  const n = node as TreeNode | undefined;
  if (!n || typeof n !== 'object') return undefined;
  switch (n.type) {
    case 'provider':
    case 'account':
    case 'region':
      return n.provider;
    case 'folder':
      return n.parent.provider;
    case 'resource':
      return n.ref.provider;
    case 'error':
      return providerOf(n.parent);
    default:
      return undefined;
  }
}

const asNode = (node: unknown): TreeNode | undefined =>
  node && typeof node === 'object' && 'type' in node ? (node as TreeNode) : undefined;

// A row's Refresh whose row was refreshed away refreshes everything (a superset, nothing lost).
export const refresh: CommandHandler = (ctx, node) => appOf(ctx).explorer.refreshNode(asNode(node));

export const loadMore: CommandHandler = (ctx, node) => {
  const n = asNode(node);
  return n?.type === 'loadMore' ? appOf(ctx).explorer.loadMore(n as LoadMoreNode) : undefined;
};

export const loadAll: CommandHandler = (ctx, node) => {
  const n = asNode(node);
  return n?.type === 'loadMore' ? appOf(ctx).explorer.loadAll(n as LoadMoreNode) : undefined;
};

/** With a string argument (links, tests) it filters by it; otherwise it asks. */
export const filter: CommandHandler = async (ctx, query) => {
  const { explorer } = appOf(ctx);
  const value =
    typeof query === 'string'
      ? query
      : await ctx.prompts.input({
          title: vscode.l10n.t('Filter ECS Explorer'),
          prompt: vscode.l10n.t('Show resources whose name, ID or state contains all of these words. Leave empty to clear.'),
          placeHolder: vscode.l10n.t('e.g. web running'),
          value: explorer.filter ?? '',
        });
  if (value === undefined) return;
  await explorer.setFilter(value);
};

export const clearFilter: CommandHandler = (ctx) => appOf(ctx).explorer.setFilter(undefined);

export const copyId: CommandHandler = async (ctx, node, nodes) => {
  const refs = selectedRefs(node, nodes, appOf(ctx).view);
  if (!refs.length) return;
  await vscode.env.clipboard.writeText(refs.map((r) => r.id).join('\n'));
  vscode.window.setStatusBarMessage(
    refs.length === 1 ? vscode.l10n.t('Copied {0}', refs[0].id) : vscode.l10n.t('Copied {0} IDs', refs.length),
    3000,
  );
};

export const openInConsole: CommandHandler = async (ctx, node, nodes) => {
  const refs = selectedRefs(node, nodes, appOf(ctx).view);
  if (!refs.length) return;
  // One tab per distinct page (at most 5). Where the console has no page per resource, the link opens the
  // region's list and the IDs go to the clipboard for its search box.
  const urls = new Set<string>();
  const notInUrl: string[] = [];
  for (const r of refs) {
    const url = consoleUrl(r.provider, kindSpec(r.kind).console, r.region, r.id);
    urls.add(url);
    if (!url.includes(encodeURIComponent(r.id))) notInUrl.push(r.id);
  }
  for (const url of [...urls].slice(0, 5)) await vscode.env.openExternal(vscode.Uri.parse(url));
  if (notInUrl.length) {
    await vscode.env.clipboard.writeText(notInUrl.join('\n'));
    vscode.window.setStatusBarMessage(
      vscode.l10n.t(
        'Copied {0} for the console search box',
        notInUrl.length === 1 ? notInUrl[0] : vscode.l10n.t('{0} IDs', notInUrl.length),
      ),
      5000,
    );
  }
};

export const viewDetails: CommandHandler = async (ctx, node, nodes) => {
  const { view, details } = appOf(ctx);
  const refs = selectedRefs(node, nodes, view).slice(0, 5);
  for (const r of refs) await ctx.prompts.showDocument(details.put(r), 'json');
};

// A row's Select Regions whose row was refreshed away asks for the provider, as the palette does.
export const selectRegionsCommand: CommandHandler = (ctx, node) => selectRegions(ctx, providerOf(node));

/** Multi-pick of regions filled from DescribeRegions (current picks kept even when not listed). */
export async function selectRegions(ctx: CommandContext, provider?: Provider, picked?: string[]): Promise<string[] | undefined> {
  const deps = appOf(ctx);
  provider ??= await pickProvider(ctx, vscode.l10n.t('Select regions for which cloud?'));
  if (!provider) return undefined;
  const p = provider;
  if (picked) {
    const bad = picked.filter((r) => !isRegionId(r));
    if (bad.length) throw new Error(vscode.l10n.t('Not a region ID: {0}', bad.join(', ')));
    await deps.settings.setRegions(p, picked);
    return picked;
  }
  const current = [...deps.settings.regions(p)];
  let available: { id: string; name?: string }[] = [];
  const account = deps.accounts.shown(p)[0];
  if (account) {
    try {
      available = await ctx.prompts.withProgress(
        vscode.l10n.t('Loading regions…'),
        async () =>
          p === 'volcengine'
            ? (await (await deps.clients.volcengine(account.id)).describeRegions()).map((r) => ({ id: r.RegionId }))
            : (
                await (
                  await deps.clients.aliyun(account.id)
                ).describeRegions({ acceptLanguage: ctx.locale() === 'zh-cn' ? 'zh-CN' : 'en-US' })
              ).map((r) => ({ id: r.RegionId, name: r.LocalName })),
        { viewId: VIEW_ID, cancellable: false },
      );
    } catch (e) {
      const s = summarizeError(e, ctx.locale());
      ctx.log.warn(`DescribeRegions for ${p} failed: ${s.code} ${s.message}`);
      void ctx.prompts.notify(
        'warn',
        vscode.l10n.t('Could not list the regions ({0}: {1}). Showing the configured regions only.', s.code, s.explain),
      );
    }
  }
  const ids = new Set(available.map((a) => a.id));
  for (const c of current) if (!ids.has(c)) available.push({ id: c });
  const items = available.map((a) => ({ label: a.id, description: a.name, picked: current.includes(a.id), value: a.id }));
  const regions = await ctx.prompts.pickMany(items, {
    title: vscode.l10n.t('{0}: regions to show', providerLabel(p)),
    placeHolder: account ? undefined : vscode.l10n.t('Add an account to list all regions'),
  });
  if (!regions) return undefined;
  await deps.settings.setRegions(p, regions);
  return regions;
}
