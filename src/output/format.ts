/** Text blocks for the "ECS Explorer" output channel. Pure: no `vscode` import. */
import type { CallRecord } from '../core/types';
import type { Translate } from './translate';

/** One row of a batch action's result table. */
export interface OutcomeRow {
  readonly id: string;
  readonly name: string;
  /** Localised result word (deleted / cancelled / failed / left out / not sent). */
  readonly result: string;
  readonly code?: string;
  readonly message?: string;
}

/** Guidance for an error code, as the core catalogue gives it. */
export interface GuidanceText {
  readonly explain: string;
  readonly next: string;
}

/** An error as shown in the channel. */
export interface ErrorInfo {
  readonly code: string;
  readonly message: string;
  readonly provider?: string;
  readonly action?: string;
  readonly region?: string;
  readonly httpStatus?: number;
  readonly requestId?: string;
  readonly field?: string;
}

/** `volcengine cn-beijing DeleteInstances ClientToken=… RequestId=… HTTP 200 1 attempt 123 ms`. */
export function formatCall(rec: CallRecord): string {
  const parts = [rec.provider, rec.region || '-', rec.action];
  if (rec.clientToken) parts.push(`ClientToken=${rec.clientToken}`);
  parts.push(`RequestId=${rec.requestId ?? '-'}`);
  if (rec.httpStatus !== undefined) parts.push(`HTTP ${rec.httpStatus}`);
  if (rec.errorCode) parts.push(`Error=${rec.errorCode}`);
  parts.push(rec.attempts === 1 ? '1 attempt' : `${rec.attempts} attempts`);
  parts.push(`${Math.round(rec.durationMs)} ms`);
  return parts.join(' ');
}

/** Display width: CJK and full-width characters count as two columns. */
export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w +=
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000
        ? 2
        : 1;
  }
  return w;
}

function padEnd(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - textWidth(s)));
}

/** One line, no control characters, at most `max` characters (cut only after redaction-safe flattening). */
export function oneLine(s: string, max = Infinity): string {
  // eslint-disable-next-line no-control-regex -- control characters are what this removes
  const flat = s.replace(/[\r\n\t\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** Fixed-width text table with a header row and a rule. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const cells = rows.map((r) => headers.map((_, i) => oneLine(r[i] ?? '')));
  const widths = headers.map((h, i) => Math.max(textWidth(h), ...cells.map((r) => textWidth(r[i]))));
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : padEnd(c, widths[i])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** The per-resource table of a batch action run; `kind` names the ID column ("Instance" → "Instance ID"). */
export function formatOutcomeTable(rows: readonly OutcomeRow[], t: Translate, kind?: string): string {
  return formatTable(
    [kind ? t('{0} ID', kind) : t('Instance ID'), t('Name'), t('Result'), t('Code'), t('Message')],
    rows.map((r) => [r.id, r.name, r.result, r.code ?? '', r.message ?? '']),
  );
}

/** Error block: code, message, where, and the catalogue's explanation and next step. */
export function formatErrorBlock(err: ErrorInfo, guidance: GuidanceText | undefined, t: Translate): string {
  const lines = [`${t('Error')} [${err.code}] ${oneLine(err.message)}`];
  const where = [err.provider, err.action, err.region].filter(Boolean).join(' ');
  const extra = [
    where,
    err.httpStatus ? `HTTP ${err.httpStatus}` : '',
    err.requestId ? `RequestId ${err.requestId}` : '',
    err.field ? `${t('Field')} ${err.field}` : '',
  ].filter(Boolean);
  if (extra.length) lines.push(`  ${extra.join(', ')}`);
  if (guidance?.explain) lines.push(`  ${t('{0}: {1}', t('Why'), oneLine(guidance.explain))}`);
  if (guidance?.next) lines.push(`  ${t('{0}: {1}', t('Next step'), oneLine(guidance.next))}`);
  return lines.join('\n');
}

/** `Request: RegionId=cn-hangzhou&ReservedInstanceId.1=…` shown one parameter a line. */
export function formatParams(params: Readonly<Record<string, string>>): string {
  return Object.entries(params)
    .map(([k, v]) => `  ${k}=${v}`)
    .join('\n');
}

/** `1 h 05 min`, `12 min`, `45 s`. */
export function formatDuration(ms: number, t: Translate): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return t('{0} d {1} h', d, h);
  if (h > 0) return t('{0} h {1} min', h, m);
  if (m > 0) return t('{0} min', m);
  return t('{0} s', s);
}
