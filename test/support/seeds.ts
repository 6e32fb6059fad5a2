/**
 * Facts of the API documents the product follows, as data this project maintains under test/fixtures/documented
 * (error table rows, example codes, parameter limits, other codes to explain). Read by the unit tests; nothing
 * here reads a path outside the repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Repo root: the nearest folder above this file with package.json. */
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
export const FIXTURES = path.join(ROOT, 'test', 'fixtures');
export const DOCUMENTED = path.join(FIXTURES, 'documented');

export const CODE = /^[A-Z][A-Za-z0-9]*(\.[A-Za-z0-9]+)*$/;

export function readFixture<T = unknown>(...parts: string[]): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, ...parts), 'utf8')) as T;
}

export interface SeedErrorRow {
  status: number;
  code: string;
  message: string;
}
export interface DocumentedRow extends SeedErrorRow {
  action: string;
  /** The document (and its error table) the row comes from. */
  source: string;
}
export interface DocumentFacts {
  action: string;
  provider: 'volcengine' | 'aliyun';
  version: string;
  source: string;
  exampleCodes: string[];
  limits: Record<string, Record<string, unknown> | number>;
}

/** Every error table row of the documents, in document order. */
export function documentedRows(): DocumentedRow[] {
  return readFixture<{ rows: DocumentedRow[] }>('documented', 'errors.json').rows;
}

/** The documents: action, source, example codes, limits. */
export function documentFacts(): DocumentFacts[] {
  return readFixture<{ documents: DocumentFacts[] }>('documented', 'documents.json').documents;
}

/** The error table of one document, row by row. */
export function seedErrorRows(action: string): SeedErrorRow[] {
  return documentedRows()
    .filter((r) => r.action === action)
    .map(({ status, code, message }) => ({ status, code, message }));
}

/** Error codes of a document: its error table and the codes of its examples. */
export function seedCodes(action: string): Set<string> {
  const doc = documentFacts().find((d) => d.action === action);
  return new Set([...seedErrorRows(action).map((r) => r.code), ...(doc?.exampleCodes ?? [])]);
}

/** Codes outside the documents' tables the product must explain (gateway codes, other actions), by group. */
export function otherCodeGroups(): { source: string; provider: string; codes: string[] }[] {
  return readFixture<{ groups: { source: string; provider: string; codes: string[] }[] }>('documented', 'other-codes.json').groups;
}
