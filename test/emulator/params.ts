/** Parameter readers shared by both providers. Codes are passed in, since they differ per API. */
import { fail } from './api-error';

/** The error for a bad value; `message`, when given, replaces the specific text (an API that documents one message). */
export interface Codes {
  status?: number;
  code: string;
  message?: string;
}

/** Values of `Prefix.N` (or `Prefix.N.Sub` when sub given) ordered by N; N outside 1..max fails. */
export function listParam(params: Record<string, string>, prefix: string, max: number, bad: Codes, sub?: string): string[] {
  const re = sub ? new RegExp(`^${escapeRe(prefix)}\\.(\\d+)\\.${escapeRe(sub)}$`) : new RegExp(`^${escapeRe(prefix)}\\.(\\d+)$`);
  const found: [number, string][] = [];
  for (const k in params) {
    const m = re.exec(k);
    if (!m) continue;
    const n = Number(m[1]);
    if (!(n >= 1 && n <= max) || String(n) !== m[1])
      fail(bad.status ?? 400, bad.code, bad.message ?? `The parameter ${k} is out of range: N must be 1..${max}.`);
    found.push([n, params[k]]);
  }
  found.sort((a, b) => a[0] - b[0]);
  return found.map((f) => f[1]);
}

/** Indexes N present for `Prefix.N.*` keys, ascending. */
export function indexesOf(params: Record<string, string>, prefix: string, max: number, bad: Codes): number[] {
  const re = new RegExp(`^${escapeRe(prefix)}\\.(\\d+)\\.[A-Za-z]+$`);
  const set = new Set<number>();
  for (const k in params) {
    const m = re.exec(k);
    if (!m) continue;
    const n = Number(m[1]);
    if (!(n >= 1 && n <= max) || String(n) !== m[1])
      fail(bad.status ?? 400, bad.code, bad.message ?? `The parameter ${k} is out of range: N must be 1..${max}.`);
    set.add(n);
  }
  return [...set].sort((a, b) => a - b);
}

export function intParam(params: Record<string, string>, name: string, min: number, max: number, dflt: number, bad: Codes): number {
  const raw = params[name];
  if (raw === undefined || raw === '') return dflt;
  if (!/^-?\d+$/.test(raw))
    fail(bad.status ?? 400, bad.code, bad.message ?? `The specified parameter ${name} is not valid: ${raw} is not an integer.`);
  const n = Number(raw);
  if (n < min || n > max)
    fail(bad.status ?? 400, bad.code, bad.message ?? `The specified parameter ${name} is not valid: must be between ${min} and ${max}.`);
  return n;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opaque paging token carrying the last returned key. */
export function encodeToken(lastKey: string): string {
  return Buffer.from('k1:' + lastKey, 'utf8').toString('base64url');
}
export function decodeToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const s = Buffer.from(token, 'base64url').toString('utf8');
  return s.startsWith('k1:') ? s.slice(3) : undefined;
}
