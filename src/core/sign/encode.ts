import type { Params } from '../types';

const SUB_DELIMS = /[!'()*]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** For each ASCII code: its `%XX`, or '' when unreserved; SAFE marks the unreserved ones. */
const ASCII: string[] = [];
const SAFE = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const unreserved = /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(c));
  SAFE[c] = unreserved ? 1 : 0;
  ASCII.push(unreserved ? '' : '%' + c.toString(16).toUpperCase().padStart(2, '0'));
}

function subDelim(c: string): string {
  return '%' + c.charCodeAt(0).toString(16).toUpperCase();
}

function encodeNonAscii(s: string): string {
  let out: string;
  try {
    out = encodeURIComponent(s);
  } catch {
    out = encodeURIComponent(s.replace(LONE_SURROGATE, '\uFFFD'));
  }
  return out.replace(SUB_DELIMS, subDelim);
}

/**
 * RFC 3986 percent-encoding: only `A-Z a-z 0-9 - _ . ~` stay literal; every other UTF-8 byte becomes
 * upper-case `%XX` (space is `%20`). A lone surrogate is encoded as U+FFFD, as a UTF-8 encoder would.
 */
export function percentEncode(s: string): string {
  const n = s.length;
  let i = 0;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= 128 || SAFE[c] === 0) {
      break;
    }
    i++;
  }
  if (i === n) {
    return s;
  }
  // ASCII by table; from the first non-ASCII character on, encodeURIComponent.
  let out = s.slice(0, i);
  let last = i;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      return out + s.slice(last, i) + encodeNonAscii(s.slice(i));
    }
    if (SAFE[c] === 0) {
      out += s.slice(last, i) + ASCII[c];
      last = i + 1;
    }
  }
  return out + s.slice(last);
}

/** A value `flattenParams` accepts. */
export type ParamValue = string | number | boolean | bigint | null | undefined | ParamValue[] | { [key: string]: ParamValue };

/**
 * Flattens a request object into API parameters: arrays become 1-based `Key.N`, objects `Key.Sub`
 * (so `Configuration.2.Scope`), numbers and booleans become strings, null/undefined are dropped.
 * A dropped array item keeps its position: the following items are not renumbered.
 */
export function flattenParams(obj: Record<string, ParamValue>): Params {
  const out: Params = {};
  flattenInto(out, '', obj);
  return out;
}

function flattenInto(out: Params, key: string, value: ParamValue): void {
  if (value === null || value === undefined) {
    return;
  }
  switch (typeof value) {
    case 'string':
      out[key] = value;
      return;
    case 'number':
    case 'boolean':
    case 'bigint':
      out[key] = String(value);
      return;
    case 'object': {
      const prefix = key === '' ? '' : key + '.';
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
          flattenInto(out, prefix + (i + 1), value[i]);
        }
      } else {
        for (const k of Object.keys(value)) {
          flattenInto(out, prefix + k, value[k]);
        }
      }
      return;
    }
    default:
      throw new TypeError(`Parameter ${key} has unsupported type ${typeof value}`);
  }
}

/** Memoizes per-key-set work: API calls repeat the same parameter names, and sorting dominates signing. */
export class KeySetCache<T> {
  private readonly map = new Map<string, { keys: string[]; value: T }>();
  /** The last entry used: consecutive calls mostly repeat one key set, and comparing beats joining. */
  private last: { keys: string[]; value: T } | undefined;

  constructor(
    private readonly build: (keys: readonly string[]) => T,
    private readonly max = 256,
  ) {}

  /** The value built for this exact key list (in this order). */
  get(keys: string[]): T {
    const last = this.last;
    if (last !== undefined && sameKeys(last.keys, keys)) {
      return last.value;
    }
    const id = keys.join('\n');
    let hit = this.map.get(id);
    if (hit === undefined || !sameKeys(hit.keys, keys)) {
      if (this.map.size >= this.max) {
        this.map.delete(this.map.keys().next().value as string);
      }
      hit = { keys, value: this.build(keys) };
      this.map.set(id, hit);
    }
    this.last = hit;
    return hit.value;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** Keys sorted by UTF-16 code unit, each with its encoded form followed by `=`. */
interface SortedKeys {
  sorted: string[];
  prefixes: string[];
}

const sortedKeys = new KeySetCache<SortedKeys>((keys) => {
  const sorted = keys.slice().sort();
  return { sorted, prefixes: sorted.map((k) => percentEncode(k) + '=') };
});

/**
 * Canonical query string shared by both signers and sent on the wire: raw keys sorted by UTF-16 code
 * unit (`InstanceIds.10` before `InstanceIds.2`), pairs `enc(key)=enc(value)` joined by `&`.
 * Keys whose value is null/undefined at run time are skipped.
 */
export function canonicalQuery(params: Params): string {
  const { sorted, prefixes } = sortedKeys.get(Object.keys(params));
  let out = '';
  for (let i = 0; i < sorted.length; i++) {
    const v = params[sorted[i]] as string | null | undefined;
    if (v === undefined || v === null) {
      continue;
    }
    out += (out === '' ? '' : '&') + prefixes[i] + percentEncode(v);
  }
  return out;
}
