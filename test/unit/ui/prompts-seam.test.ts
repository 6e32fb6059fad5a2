/** Everything a command shows or asks goes through the Prompts seam (src/ui/): no direct vscode.window.show* elsewhere. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}

/** `window.showX`, `w.showWarningMessage`, `showTextDocument` …: any call of a window show* or of openTextDocument. */
const SHOW =
  /\bwindow\s*\.\s*show\w*|\.\s*show(?:InformationMessage|WarningMessage|ErrorMessage|QuickPick|InputBox|SaveDialog|OpenDialog|TextDocument|WorkspaceFolderPick)\b|\bopenTextDocument\b/g;

export function directShows(src: string): string[] {
  return [...src.matchAll(SHOW)].map((m) => m[0]);
}

describe('ui/prompts seam', () => {
  it('finds the calls it looks for', () => {
    assert.deepEqual(
      directShows(
        'void vscode.window.showWarningMessage(m); const w = vscode.window; w.showErrorMessage(x); await vscode.workspace.openTextDocument(u);',
      ),
      ['window.showWarningMessage', '.showErrorMessage', 'openTextDocument'],
    );
    assert.deepEqual(
      directShows('ctx.prompts.notify("warn", m); vscode.window.createTreeView(id, o); vscode.window.setStatusBarMessage(m)'),
      [],
    );
  });

  it('no file outside src/ui calls vscode.window.show* or opens a document itself', () => {
    const src = path.join(root, 'src');
    const found = files(src)
      .filter((f) => !path.relative(src, f).startsWith(`ui${path.sep}`))
      .flatMap((f) => directShows(fs.readFileSync(f, 'utf8')).map((m) => `${path.relative(root, f)}: ${m}`));
    assert.deepEqual(found, []);
  });
});
