/**
 * JSON of server values for the details view and the reload comparison, safe at any depth: a server can send a
 * field nested 100,000 levels deep (JSON.parse reads it), and JSON.stringify of it throws a RangeError (stack
 * overflow). Pure; no `vscode`.
 */

/** Levels of a value the details view shows; deeper objects and arrays are replaced by a marker string. */
export const DETAILS_MAX_DEPTH = 64;

function isSkipped(v: unknown): boolean {
  return v === undefined || typeof v === 'function' || typeof v === 'symbol';
}

function toJsonValue(v: unknown): unknown {
  return v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function'
    ? (v as { toJSON(): unknown }).toJSON()
    : v;
}

function primitive(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return String(v);
  return JSON.stringify(String(v));
}

/**
 * As `JSON.stringify(value, null, indent)` for values at most `maxDepth` levels deep. An object or array deeper
 * than that, or met again inside itself, is written as the string `marker`. Recursion is bounded by maxDepth.
 */
export function stringifyBounded(value: unknown, marker: string, maxDepth = DETAILS_MAX_DEPTH, indent = 2): string {
  const pad = ' '.repeat(indent);
  const open = new Set<object>();
  const write = (v: unknown, depth: number, at: string): string | undefined => {
    v = toJsonValue(v);
    if (isSkipped(v)) return undefined;
    if (v === null || typeof v !== 'object') return primitive(v);
    if (depth >= maxDepth || open.has(v)) return JSON.stringify(marker);
    open.add(v);
    const inner = at + pad;
    let out: string;
    if (Array.isArray(v)) {
      const parts: string[] = [];
      for (let k = 0; k < v.length; k++) parts.push(write(v[k], depth + 1, inner) ?? 'null');
      out = parts.length ? `[\n${inner}${parts.join(`,\n${inner}`)}\n${at}]` : '[]';
    } else {
      const parts: string[] = [];
      for (const key of Object.keys(v)) {
        const s = write((v as Record<string, unknown>)[key], depth + 1, inner);
        if (s !== undefined) parts.push(`${JSON.stringify(key)}: ${s}`);
      }
      out = parts.length ? `{\n${inner}${parts.join(`,\n${inner}`)}\n${at}}` : '{}';
    }
    open.delete(v);
    return out;
  };
  return write(value, 0, '') ?? '';
}

/**
 * Whether two JSON values (acyclic, as parsed from JSON) are equal as `JSON.stringify(a) === JSON.stringify(b)`
 * would say (key order counts; undefined object fields are absent), at any depth: an explicit stack, no recursion.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length) {
    const [x0, y0] = stack.pop()!;
    const x = toJsonValue(x0);
    const y = toJsonValue(y0);
    const xs = isSkipped(x) ? null : x; // only array items reach here skipped (object fields are filtered below)
    const ys = isSkipped(y) ? null : y;
    const xo = xs !== null && typeof xs === 'object';
    const yo = ys !== null && typeof ys === 'object';
    if (!xo || !yo) {
      if (xo || yo) return false;
      if (xs !== ys && primitive(xs) !== primitive(ys)) return false;
      continue;
    }
    if (xs === ys) continue;
    const xa = Array.isArray(xs);
    if (xa !== Array.isArray(ys)) return false;
    if (xa) {
      const xl = xs as unknown[];
      const yl = ys as unknown[];
      if (xl.length !== yl.length) return false;
      for (let k = xl.length - 1; k >= 0; k--) stack.push([xl[k], yl[k]]);
      continue;
    }
    const xr = xs as Record<string, unknown>;
    const yr = ys as Record<string, unknown>;
    const xk = Object.keys(xr).filter((k) => !isSkipped(toJsonValue(xr[k])));
    const yk = Object.keys(yr).filter((k) => !isSkipped(toJsonValue(yr[k])));
    if (xk.length !== yk.length) return false;
    for (let k = 0; k < xk.length; k++) if (xk[k] !== yk[k]) return false;
    for (let k = xk.length - 1; k >= 0; k--) stack.push([xr[xk[k]], yr[yk[k]]]);
  }
  return true;
}
