/** Export… (resources shown in the tree, or the history) to JSON or CSV through a save dialog. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ActionLog, ResourceRef } from '../services';
import type { Prompts } from '../ui/prompts';
import type { HistoryEntry, HistoryStore } from '../history/store';
import type { TreeNode } from '../tree/model';
import { lostRow } from '../tree/menuArgs';
import { redactDeep, resourceRecords, toCsv, toJson } from './format';

export const EXPORT_COMMANDS = {
  resources: 'ecsExplorer.export',
  history: 'ecsExplorer.history.export',
} as const;

export type ExportFormat = 'json' | 'csv';

/** The save dialog (tests replace it). */
export type SaveDialog = (o: { defaultName: string; format: ExportFormat; title: string }) => Promise<vscode.Uri | undefined>;

export interface ExportDeps {
  readonly shownRefs: (node?: TreeNode) => ResourceRef[];
  readonly store: HistoryStore;
  readonly prompts: () => Prompts;
  readonly log: ActionLog;
  readonly now?: () => Date;
  /** A row's menu whose row is not among its arguments: say so, export nothing. */
  readonly reportLostRow?: (title: string) => unknown;
}

export interface ExportHandle {
  /** Replace the save dialog (tests); returns a restore function. */
  useSaveDialog(d: SaveDialog): () => void;
}

const vscodeSaveDialog: SaveDialog = async (o) => {
  const base = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  return vscode.window.showSaveDialog({
    title: o.title,
    defaultUri: vscode.Uri.joinPath(base, o.defaultName),
    filters: o.format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
  });
};

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

export function registerExportCommands(context: vscode.ExtensionContext, deps: ExportDeps): ExportHandle {
  let save = vscodeSaveDialog;
  const t = vscode.l10n.t;
  const now = deps.now ?? (() => new Date());

  async function write(title: string, base: string, count: number, json: () => unknown, csv: () => string): Promise<vscode.Uri | undefined> {
    const format = await deps.prompts().pickOne<ExportFormat>(
      [
        { label: 'JSON', description: t('all fields, as the API returned them'), value: 'json' },
        { label: 'CSV', description: t('one row per item; nested values as JSON text (UTF-8 with BOM)'), value: 'csv' },
      ],
      { title, placeHolder: t('Export {0} items as', count) },
    );
    if (!format) return undefined;
    const uri = await save({ defaultName: `${base}-${stamp(now())}.${format}`, format, title });
    if (!uri) return undefined;
    const text = format === 'json' ? toJson(json()) : csv();
    try {
      await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    } catch (e) {
      const msg = t('{0}: could not write {1}: {2}', title, uri.fsPath, (e as Error).message);
      deps.log.error(msg);
      void deps.prompts().notify('error', msg);
      return undefined;
    }
    const msg = t('{0}: {1} items written to {2}', title, count, uri.fsPath);
    deps.log.info(msg);
    void deps.prompts().notify('info', msg);
    return uri;
  }

  context.subscriptions.push(
    vscode.commands.registerCommand(EXPORT_COMMANDS.resources, async (...args: unknown[]) => {
      const title = t('Export');
      if (lostRow(args)) return deps.reportLostRow?.(title);
      const node = args[0];
      const n = node && typeof node === 'object' && 'type' in node ? (node as TreeNode) : undefined;
      const refs = deps.shownRefs(n);
      if (refs.length === 0) {
        void deps.prompts().notify('info', t('{0}: no resources are shown here. Expand the regions to load them, or clear the filter.', title));
        return undefined;
      }
      const records = () => redactDeep(resourceRecords(refs)) as Record<string, unknown>[];
      return write(title, 'ecs-resources', refs.length, records, () => toCsv(records()));
    }),
    vscode.commands.registerCommand(EXPORT_COMMANDS.history, async () => {
      const title = t('Export History');
      await deps.store.load();
      const entries = deps.store.list();
      if (entries.length === 0) {
        void deps.prompts().notify('info', t('{0}: the history is empty.', title));
        return undefined;
      }
      // The store keeps entries redacted; redacted again on the way out.
      return write(title, 'ecs-history', entries.length, () => redactDeep(entries), () => toCsv(redactDeep(historyRows(entries)) as Record<string, unknown>[]));
    }),
  );

  return {
    useSaveDialog(d) {
      const prev = save;
      save = d;
      return () => {
        save = prev;
      };
    },
  };
}
