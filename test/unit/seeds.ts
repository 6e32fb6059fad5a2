/** The seed API documents and reference notes in ../shared (beside the repository), read by the unit tests. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Repo root: the nearest folder above this file with package.json; shared/ sits beside it. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = up;
  }
  return dir;
}
export const ROOT = repoRoot();
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const SEEDS = path.join(SHARED, 'seeds');
export const REFERENCE = path.join(SHARED, 'reference');

export const CODE = /^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

/** The seed documents: file name and text. */
export function seedDocuments(): { file: string; text: string }[] {
  if (!fs.existsSync(SEEDS)) throw new Error(`seed folder missing: ${SEEDS}`);
  return fs
    .readdirSync(SEEDS)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((file) => ({ file, text: fs.readFileSync(path.join(SEEDS, file), 'utf8') }));
}

export interface SeedErrorRow {
  status: number;
  code: string;
  message: string;
}

/**
 * The error table of a seed document, row by row: Volcengine pages give status, code and message on lines of
 * their own; the Alibaba page gives markdown rows `| status | code | message | description |`.
 */
export function seedErrorRows(text: string): SeedErrorRow[] {
  const out: SeedErrorRow[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const row = /^\|?\s*(\d{3})\s*\|\s*([^|\s]+)\s*\|\s*([^|]*?)\s*\|/.exec(lines[i]);
    if (row && CODE.test(row[2])) out.push({ status: Number(row[1]), code: row[2], message: row[3] });
    else if (/^\d{3}$/.test(lines[i]) && CODE.test(lines[i + 1] ?? '')) {
      out.push({ status: Number(lines[i]), code: lines[i + 1], message: lines[i + 2] ?? '' });
    }
  }
  return out;
}

/** Error codes in a seed document: its error table and the codes of its examples. */
export function seedCodes(text: string): Set<string> {
  const codes = new Set<string>(seedErrorRows(text).map((r) => r.code));
  for (const m of text.matchAll(/"Code"\s*:\s*"([^"]+)"/g)) if (CODE.test(m[1])) codes.add(m[1]);
  return codes;
}

/** The action a seed document describes (the first `Action` value its request examples name). */
export function seedAction(text: string): string | undefined {
  return /[?&]Action=([A-Za-z]+)/.exec(text)?.[1];
}
