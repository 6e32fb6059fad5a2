/** RFC 3986 encoding and query parsing shared by the verifiers (independent of src/core/sign). */

export function percentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

export type Pair = [string, string];

/** Decode `a=b&c=d` ('+' is a space, as form and most gateways treat it). Throws on bad %-escapes. */
export function parsePairs(raw: string): Pair[] {
  const out: Pair[] = [];
  if (!raw) return out;
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const k = eq < 0 ? part : part.slice(0, eq);
    const v = eq < 0 ? '' : part.slice(eq + 1);
    out.push([decodeURIComponent(k.replace(/\+/g, ' ')), decodeURIComponent(v.replace(/\+/g, ' '))]);
  }
  return out;
}

/** Sort by raw key (UTF-16 code units), then value; `enc(k)=enc(v)` joined by `&`. */
export function canonicalize(pairs: Pair[]): string {
  const sorted = pairs.slice().sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return sorted.map(([k, v]) => percentEncode(k) + '=' + percentEncode(v)).join('&');
}

export function pairsToParams(pairs: Pair[]): Record<string, string> {
  const p: Record<string, string> = Object.create(null);
  for (const [k, v] of pairs) p[k] = v;
  return p;
}
