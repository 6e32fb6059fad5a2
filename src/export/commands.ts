/** Export… (resources shown in the tree, or the history) to JSON or CSV through a save dialog. */
import * as vscode from 'vscode';
import { appOf, type CommandContext } from '../commands/context';
import type { CommandHandler } from '../commands/registry';
import type { HistoryEntry } from '../history/store';
import type { TreeNode } from '../tree/model';
import { redactDeep, resourceRecords, toCsv, toJson } from './format';
import { knownSecrets } from '../output/redact';

export type ExportFormat = 'json' | 'csv';

function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

/** History as CSV rows: one per resource of each entry. */
export function historyRows(entries: readonly HistoryEntry[]): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  for (const e of entries) {
    for (const r of e.resources) {
      rows.push({
        time: e.time,
        provider: e.provider,
        account: e.account.name ?? e.account.profileId,
        accessKeyId: e.account.maskedKeyId,
        region: e.region,
        action: e.action,
        command: e.command,
        resourceId: r.id,
        name: r.name,
        outcome: r.outcome,
        code: r.code,
        message: r.message,
        requestId: r.requestId,
        clientToken: r.clientToken,
        finalState: r.finalState,
        followUp: e.follow?.state,
        entryId: e.id,
      });
    }
  }
  return rows;
}

async function write(
  ctx: CommandContext,
  title: string,
  base: string,
  count: number,
  json: () => unknown,
  csv: () => string,
): Promise<vscode.Uri | undefined> {
  const { t, prompts } = ctx;
  const format = await prompts.pickOne<ExportFormat>(
    [
      { label: 'JSON', description: t('all fields, as the API returned them'), value: 'json' },
      { label: 'CSV', description: t('one row per item; nested values as JSON text (UTF-8 with BOM)'), value: 'csv' },
    ],
    { title, placeHolder: t('Export {0} items as', count) },
  );
  if (!format) return undefined;
  const file = await prompts.saveFile({
    title,
    defaultName: `${base}-${stamp(ctx.now())}.${format}`,
    filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
  });
  if (!file) return undefined;
  const uri = vscode.Uri.file(file);
  const text = format === 'json' ? toJson(json()) : csv();
  try {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  } catch (e) {
    const msg = t('{0}: could not write {1}: {2}', title, uri.fsPath, (e as Error).message);
    ctx.log.error(msg);
    void prompts.notify('error', msg);
    return undefined;
  }
  const msg = t('{0}: {1} items written to {2}', title, count, uri.fsPath);
  ctx.log.info(msg);
  void prompts.notify('info', msg);
  return uri;
}

/** Export… on a row (its shown resources) or from the title bar / palette (everything shown). */
export const exportResources: CommandHandler = async (ctx, node) => {
  const title = ctx.t('Export');
  const n = node && typeof node === 'object' && 'type' in node ? (node as TreeNode) : undefined;
  const refs = appOf(ctx).explorer.shownRefs(n);
  if (refs.length === 0) {
    void ctx.prompts.notify(
      'info',
      ctx.t('{0}: no resources are shown here. Expand the regions to load them, or clear the filter.', title),
    );
    return undefined;
  }
  const accounts = appOf(ctx).accounts;
  const records = () =>
    redactDeep(
      resourceRecords(refs, (id) => accounts.get(id)),
      knownSecrets(),
    ) as Record<string, unknown>[];
  return write(ctx, title, 'ecs-resources', refs.length, records, () => toCsv(records()));
};

export const exportHistory: CommandHandler = async (ctx) => {
  const title = ctx.t('Export History');
  const store = appOf(ctx).historyStore;
  await store.load();
  const entries = store.list();
  if (entries.length === 0) {
    void ctx.prompts.notify('info', ctx.t('{0}: the history is empty.', title));
    return undefined;
  }
  // The store keeps entries redacted; redacted again on the way out.
  return write(
    ctx,
    title,
    'ecs-history',
    entries.length,
    () => redactDeep(entries, knownSecrets()),
    () => toCsv(redactDeep(historyRows(entries), knownSecrets()) as Record<string, unknown>[]),
  );
};
