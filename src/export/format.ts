/**
 * Resources and history as JSON or CSV (pure, no vscode).
 *
 * CSV: one row per record; columns are the union of the records' top-level fields in first-seen order; nested
 * values (objects, arrays) are JSON text; RFC 4180 quoting (a field with a comma, quote, CR or LF is quoted, quotes
 * doubled), CRLF line ends, and a UTF-8 BOM so spreadsheet programs read Chinese text as UTF-8. A text cell that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or CR, and not a number) gets a leading `'`.
 * Every string passes through the redactor (a second line of defence: resources carry no secrets).
 */
import { redactJson } from '../output/redact';

export const BOM = '\ufeff';

/** Redacts every string of a JSON value; secret-looking keys lose their value. */
export function redactDeep(v: unknown, known: Iterable<string> = []): unknown {
  return redactJson(v, known, { maxDepth: 64 });
}

/** One CSV field, quoted when needed. */
export function csvField(v: unknown): string {
  let s: string;
  if (v === undefined || v === null) s = '';
  else if (typeof v === 'string') s = /^[=+\-@\t\r]/.test(v) && !/^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(v) ? `'${v}` : v;
  else if (typeof v === 'object') s = JSON.stringify(v);
  else s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The union of the records' top-level keys, first seen first. */
export function csvColumns(rows: readonly Record<string, unknown>[]): string[] {
  const cols = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) cols.add(k);
  return [...cols];
}

/** A CSV document (with BOM) of the records; `columns` first when given, then the others. */
export function toCsv(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const all = csvColumns(rows);
  const cols = columns ? [...columns, ...all.filter((c) => !columns.includes(c))] : all;
  const lines = [cols.map(csvField).join(',')];
  for (const r of rows) lines.push(cols.map((c) => csvField(r[c])).join(','));
  return BOM + lines.join('\r\n') + '\r\n';
}

export function toJson(v: unknown): string {
  return JSON.stringify(v, null, 2) + '\n';
}

export interface ExportRecord {
  readonly provider: string;
  readonly accountId: string;
  readonly region: string;
  readonly kind: string;
  readonly data: unknown;
}

/** What an export says of an account: its name and masked AccessKey ID (never the internal ID alone). */
export interface ExportAccount {
  readonly name: string;
  readonly maskedKeyId: string;
}

/**
 * Resources as records: where they live (the account by name, with its masked AccessKey ID as the History
 * export does; the internal ID when the account is gone), then all the API's fields (as returned).
 */
export function resourceRecords(
  refs: readonly ExportRecord[],
  accountOf: (id: string) => ExportAccount | undefined = () => undefined,
): Record<string, unknown>[] {
  return refs.map((r) => {
    const data = r.data && typeof r.data === 'object' && !Array.isArray(r.data) ? (r.data as Record<string, unknown>) : { value: r.data };
    const a = accountOf(r.accountId);
    const account = a ? { account: a.name, accessKeyId: a.maskedKeyId } : { account: r.accountId };
    return { provider: r.provider, ...account, region: r.region, kind: r.kind, ...data };
  });
}
