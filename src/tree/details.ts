/** Read-only JSON documents of resources (`ecs-explorer:` virtual documents, opened by View Details). */
import * as vscode from 'vscode';
import type { ResourceRef } from '../contracts';
import { DETAILS_MAX_DEPTH, stringifyBounded } from './json';

export const DETAILS_SCHEME = 'ecs-explorer';

/** The document text of a resource: its JSON, nesting deeper than DETAILS_MAX_DEPTH levels replaced by a note. */
export function detailsText(data: unknown): string {
  const marker = vscode.l10n.t('(nested deeper than {0} levels: not shown)', DETAILS_MAX_DEPTH);
  return stringifyBounded(data, marker, DETAILS_MAX_DEPTH) + '\n';
}

export class DetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly docs = new Map<string, string>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  static uriFor(ref: ResourceRef): vscode.Uri {
    const seg = (s: string) => encodeURIComponent(s);
    return vscode.Uri.from({
      scheme: DETAILS_SCHEME,
      path: `/${seg(ref.provider)}/${seg(ref.region)}/${seg(ref.kind)}/${seg(ref.id)}.json`,
      query: `account=${seg(ref.accountId)}`,
    });
  }

  /** Stores the resource's JSON (a second call for the same resource updates the document); returns the document to open. */
  put(ref: ResourceRef): vscode.Uri {
    const uri = DetailsProvider.uriFor(ref);
    this.docs.set(uri.toString(), detailsText(ref.data));
    this.emitter.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.docs.get(uri.toString()) ??
      vscode.l10n.t('// This resource is no longer loaded. Use View Details again from the ECS Explorer view.') + '\n'
    );
  }

  dispose(): void {
    this.emitter.dispose();
    this.docs.clear();
  }
}
