import type { Params } from '../types';

const SUB_DELIMS = /[!'()*]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** For each ASCII code: '' when unreserved, else its `%XX`. */
const ASCII: string[] = [];
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII.push(/[A-Za-z0-9\-_.~]/.test(ch) ? '' : '%' + c.toString(16).toUpperCase().padStart(2, '0'));
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
  // ASCII by table; from the first non-ASCII character on, encodeURIComponent.
  let out = '';
  let last = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) {
      return out + s.slice(last, i) + encodeNonAscii(s.slice(i));
    }
    const e = ASCII[c];
    if (e !== '') {
      out += s.slice(last, i) + e;
      last = i + 1;
    }
  }
  return last === 0 ? s : out + s.slice(last);
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

/**
 * Canonical query string shared by both signers and sent on the wire: raw keys sorted by UTF-16 code
 * unit (`InstanceIds.10` before `InstanceIds.2`), pairs `enc(key)=enc(value)` joined by `&`.
 * Keys whose value is null/undefined at run time are skipped.
 */
export function canonicalQuery(params: Params): string {
  const keys = Object.keys(params).sort();
  let out = '';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = params[k] as string | null | undefined;
    if (v === undefined || v === null) {
      continue;
    }
    out += (out === '' ? '' : '&') + percentEncode(k) + '=' + percentEncode(v);
  }
  return out;
}
