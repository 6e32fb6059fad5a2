/**
 * Scrubs secrets, signatures and credentials from text: log lines, and every CloudError built from a server's
 * answer (errors.ts), so no surface shows them.
 *
 * A hand-written scanner, no regular expressions over the text: time and memory are linear in the input. Each
 * character is examined a bounded number of times (`redactCounted` counts them; the fuzz test checks the bound).
 * Input past MAX_REDACT_INPUT characters is dropped, and output lines longer than MAX_REDACT_LINE are cut;
 * both cuts end with the marker `…[+N]` (N characters not shown).
 *
 * Two passes:
 * 1. Known values (the call's AccessKey secret, STS token, signature; secrets registered with the log) are
 *    replaced wherever they appear, also percent-encoded once or twice (either hex case) and in base64 or
 *    base64url, alone or inside a longer encoded text (the three byte alignments).
 * 2. Values after secret-looking keys: `"key": "value"` (JSON, either quote; a string without its closing quote
 *    is redacted to the end of the line), `key: value` and `\"key\": value` (JSON inside a JSON string), both to
 *    the end of the line, and `key=value` (to `&`, `,`, `;`, `)`, a quote or whitespace), where the key, ignoring
 *    case, `-` and `_`, ends with one of SECRET_KEYS. Also `scheme://user:password@`, and AccessKey IDs are masked
 *    (`AKLT…3xQ`).
 */

export const REDACTED = '[REDACTED]';
/** Characters of one text that are scanned; the rest is dropped. */
export const MAX_REDACT_INPUT = 1 << 20;
/** Characters of one output line; the rest of the line is dropped. */
export const MAX_REDACT_LINE = 16_384;
/** Known values shorter than this are ignored (they would match ordinary text). */
export const MIN_KNOWN_LENGTH = 6;

/** Keys whose values are secret (lower case, without `-` and `_`); a key matches when it ends with one. */
const SECRET_KEYS = [
  'authorization',
  'signature',
  'securitytoken',
  'sessiontoken',
  'secret',
  'secretkey',
  'secretaccesskey',
  'password',
  'passwd',
  'signaturenonce',
  'cookie',
];

/**
 * The one AccessKey ID mask (tree, tooltips, history, logs and the redactor agree): `AKLTZGVtby1lY3MtZXhwbG9yZXI`
 * → `AKLT…ZXI`. An ID of 8 characters or fewer shows none of them: 7 shown characters would be most of it.
 */
export function maskKeyId(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '…';
  return `${s.slice(0, 4)}…${s.slice(-3)}`;
}

// ---- known values and their encoded forms

/**
 * For each byte alignment (0, 1, 2), the part of the base64 text of `…v…` that depends only on v's bytes: found
 * in the base64 of any text that contains v, whatever comes before or after it.
 */
function base64Cores(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const b = shift === 0 ? bytes : Buffer.concat([Buffer.alloc(shift), bytes]);
    const full = b.toString('base64').replace(/=+$/, '');
    const front = shift === 0 ? 0 : shift + 1;
    const back = b.length % 3 === 0 ? 0 : 1;
    out.push(full.slice(front, full.length - back));
  }
  return out;
}

function toUrlAlphabet(s: string): string {
  return s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function percentRfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `v` and the forms a server might echo it in. */
export function knownForms(v: string): string[] {
  const forms = new Set<string>([v]);
  for (const once of [encodeURIComponent(v), percentRfc3986(v)]) {
    const twice = once.replace(/%/g, '%25');
    for (const f of [once, twice]) {
      forms.add(f);
      forms.add(f.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()));
    }
  }
  const bytes = Buffer.from(v, 'utf8');
  const b64 = bytes.toString('base64');
  forms.add(b64);
  forms.add(toUrlAlphabet(b64));
  for (const core of base64Cores(bytes)) {
    forms.add(core);
    forms.add(toUrlAlphabet(core));
  }
  return [...forms].filter((f) => f.length >= MIN_KNOWN_LENGTH);
}

const formCache = new Map<string, string[]>();
function formsOf(v: string): string[] {
  let f = formCache.get(v);
  if (!f) {
    if (formCache.size >= 256) formCache.clear();
    formCache.set(v, (f = knownForms(v)));
  }
  return f;
}

// ---- the scanner

const enum C {
  Tab = 9,
  Lf = 10,
  Cr = 13,
  Space = 32,
  Quote = 34,
  Hash = 35,
  Amp = 38,
  Apos = 39,
  RParen = 41,
  Comma = 44,
  Dash = 45,
  Dot = 46,
  Slash = 47,
  Colon = 58,
  Semi = 59,
  Eq = 61,
  At = 64,
  LBracket = 91,
  Backslash = 92,
  RBracket = 93,
  Underscore = 95,
  LBrace = 123,
  RBrace = 125,
}

function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** Characters of a key or word: letters, digits, `-`, `_`. */
function isTok(c: number): boolean {
  return isAlnum(c) || c === C.Dash || c === C.Underscore;
}
function isSpace(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.Cr || c === C.Lf || c === 0x0b || c === 0x0c;
}
function isBlank(c: number): boolean {
  return c === C.Space || c === C.Tab;
}
/** Ends a `key=value` value. */
function endsQueryValue(c: number): boolean {
  return c === C.Amp || c === C.Comma || c === C.Semi || c === C.RParen || c === C.Quote || c === C.Apos || isSpace(c);
}
/** Ends an unquoted JSON value. */
function endsJsonScalar(c: number): boolean {
  return c === C.Comma || c === C.RBrace || c === C.RBracket || isSpace(c);
}
/** Ends the user or password part of `scheme://user:password@`. */
function endsUserinfo(c: number, allowColon: boolean): boolean {
  return isSpace(c) || c === C.Slash || c === C.At || (!allowColon && c === C.Colon);
}

interface Counter {
  steps: number;
}

/** SECRET_KEYS by their last character. */
const KEYS_BY_LAST = new Map<number, string[]>();
for (const k of SECRET_KEYS) {
  const c = k.charCodeAt(k.length - 1);
  KEYS_BY_LAST.set(c, [...(KEYS_BY_LAST.get(c) ?? []), k]);
}

/** Whether s[from, to) is a secret key: lower-cased, without `-` and `_`, it ends with one of SECRET_KEYS. */
function isSecretKey(s: string, from: number, to: number, n: Counter): boolean {
  let last = to - 1;
  while (last >= from && (s.charCodeAt(last) === C.Dash || s.charCodeAt(last) === C.Underscore)) { last--; n.steps++; }
  if (last < from) return false;
  const lc = s.charCodeAt(last) | 0x20;
  const keys = KEYS_BY_LAST.get(lc);
  if (!keys) return false;
  for (const key of keys) {
    let k = key.length - 1;
    let p = last;
    for (; k >= 0 && p >= from; p--) {
      n.steps++;
      const c = s.charCodeAt(p);
      if (c === C.Dash || c === C.Underscore) continue;
      if ((c >= 65 && c <= 90 ? c + 32 : c) !== key.charCodeAt(k)) break;
      k--;
    }
    if (k < 0) return true;
  }
  return false;
}

const AK_PREFIXES = ['AKLT', 'AKTP', 'LTAI'];

/**
 * Pass 2 over `s`. `cut`: the text was cut, so an unfinished `user:password` at its end is still a password.
 *
 * Values are hidden as regions of `s`, replaced by one REDACTED each (overlapping or touching regions merge).
 * A value that runs to the end of the line (`key: value`, a JSON string without its closing quote) is scanned
 * again inside, since it may hold a key whose value goes on past it (`password: {"token":` + a next line);
 * the end of the line is found once per line. Other values (quoted strings, `key=value`) are skipped over.
 */
function scanPatterns(s: string, cut: boolean, n: Counter): string {
  const len = s.length;
  let out = '';
  let flushed = 0; // s[flushed, …) is still to be copied to out
  let hideFrom = -1;
  let hideTo = -1;
  const flushHidden = () => {
    if (hideFrom < 0) return;
    out += s.slice(flushed, hideFrom) + REDACTED;
    flushed = hideTo;
    hideFrom = -1;
  };
  const hide = (from: number, to: number) => {
    if (to <= from) return;
    if (hideFrom >= 0 && from <= hideTo) {
      if (to > hideTo) hideTo = to;
      return;
    }
    flushHidden();
    hideFrom = from;
    hideTo = to;
  };
  const hidden = (at: number) => hideFrom >= 0 && at >= hideFrom && at < hideTo;
  const mask = (from: number, to: number) => {
    if (hidden(from)) return;
    flushHidden();
    out += s.slice(flushed, from) + maskKeyId(s.slice(from, to));
    flushed = to;
  };
  // End of the line that holds position `at` (the index of its \r or \n, or len); each line is scanned once.
  let eolFrom = -1;
  let eol = -1;
  const lineEnd = (at: number): number => {
    if (at >= eolFrom && at <= eol) return eol;
    let e = at;
    while (e < len && s.charCodeAt(e) !== C.Lf && s.charCodeAt(e) !== C.Cr) { e++; n.steps++; }
    eolFrom = at;
    eol = e;
    return e;
  };

  let i = 0;
  while (i < len) {
    n.steps++;
    const c = s.charCodeAt(i);

    // "key": "value"
    if (c === C.Quote || c === C.Apos) {
      let j = i + 1;
      while (j < len && isTok(s.charCodeAt(j))) { j++; n.steps++; }
      const close = j < len ? s.charCodeAt(j) : -1;
      if (j > i + 1 && (close === C.Quote || close === C.Apos) && isSecretKey(s, i + 1, j, n)) {
        let k = j + 1;
        while (k < len && isSpace(s.charCodeAt(k))) { k++; n.steps++; }
        if (k < len && s.charCodeAt(k) === C.Colon) {
          k++;
          while (k < len && isSpace(s.charCodeAt(k))) { k++; n.steps++; }
          const q = k < len ? s.charCodeAt(k) : -1;
          if (q === C.Quote || q === C.Apos) {
            let e = k + 1;
            for (; e < len; e++) {
              n.steps++;
              const d = s.charCodeAt(e);
              if (d === C.Backslash) e++;
              else if (d === q || d === C.Lf || d === C.Cr) break;
            }
            if (e > len) e = len;
            if (e < len && s.charCodeAt(e) === q) {
              hide(k + 1, e);
              i = e + 1;
            } else {
              // No closing quote on this line: hidden to the end of the line, and scanned inside.
              hide(k + 1, e);
              i = k + 1;
            }
            continue;
          }
          if (q !== -1 && q !== C.LBrace && q !== C.LBracket) {
            let e = k;
            while (e < len && !endsJsonScalar(s.charCodeAt(e))) { e++; n.steps++; }
            if (s.slice(k, e) !== 'null') hide(k, e);
            i = e;
            continue;
          }
        }
      }
      i++;
      continue;
    }

    // scheme://user:password@
    if (c === C.Colon && s.charCodeAt(i + 1) === C.Slash && s.charCodeAt(i + 2) === C.Slash) {
      const u = i + 3;
      let p = u;
      while (p < len && !endsUserinfo(s.charCodeAt(p), false)) { p++; n.steps++; }
      if (p > u && p < len && s.charCodeAt(p) === C.Colon) {
        let e = p + 1;
        while (e < len && !endsUserinfo(s.charCodeAt(e), true)) { e++; n.steps++; }
        if (e > p + 1 && (e < len ? s.charCodeAt(e) === C.At : cut)) {
          hide(p + 1, e);
          i = e;
          continue;
        }
      }
      i += 3;
      continue;
    }

    if (!isTok(c)) {
      i++;
      continue;
    }

    // A word: s[i, j)
    let j = i;
    while (j < len && isTok(s.charCodeAt(j))) { j++; n.steps++; }
    if (isSecretKey(s, i, j, n)) {
      // key=value
      if (j < len && s.charCodeAt(j) === C.Eq) {
        let e = j + 1;
        while (e < len && !endsQueryValue(s.charCodeAt(e))) { e++; n.steps++; }
        if (e > j + 1) {
          hide(j + 1, e);
          i = e;
          continue;
        }
      }
      // key: value (to the end of the line, scanned inside); also \"key\": (JSON inside a JSON string)
      let k = j;
      if (s.charCodeAt(k) === C.Backslash && (s.charCodeAt(k + 1) === C.Quote || s.charCodeAt(k + 1) === C.Apos)) k += 2;
      while (k < len && isBlank(s.charCodeAt(k))) { k++; n.steps++; }
      if (k < len && s.charCodeAt(k) === C.Colon && !(s.charCodeAt(k + 1) === C.Slash && s.charCodeAt(k + 2) === C.Slash)) {
        let v = k + 1;
        while (v < len && isBlank(s.charCodeAt(v))) { v++; n.steps++; }
        const e = lineEnd(v);
        if (e > v) {
          hide(v, e);
          i = v;
          continue;
        }
      }
    }
    // AccessKey IDs at the start of the word or after a `-`: PREFIX + at least 6 letters or digits.
    for (let seg = i; seg < j; ) {
      let end = seg;
      while (end < j && s.charCodeAt(end) !== C.Dash) { end++; n.steps++; }
      const f = s.charCodeAt(seg);
      const isPrefix = end - seg >= 10 && (f === 65 || f === 76) && AK_PREFIXES.includes(s.slice(seg, seg + 4));
      if (isPrefix) {
        let a = seg + 4;
        while (a < end && isAlnum(s.charCodeAt(a))) { a++; n.steps++; }
        if (a - seg >= 10) mask(seg, a);
      } else if (end === j && end - seg === 3 && s.startsWith('STS', seg) && s.charCodeAt(j) === C.Dot) {
        // STS.xxxxxx: the word ends at the dot
        let a = j + 1;
        while (a < len && isAlnum(s.charCodeAt(a))) { a++; n.steps++; }
        if (a - j - 1 >= 6) {
          mask(seg, a);
          j = a;
        }
        break;
      }
      seg = end + 1;
    }
    i = j;
  }
  flushHidden();
  return out + s.slice(flushed);
}

/** Cuts output lines longer than MAX_REDACT_LINE (the text is already redacted: cutting reveals nothing). */
function capLines(s: string, n: Counter): string {
  if (s.length <= MAX_REDACT_LINE) return s;
  let out = '';
  let from = 0;
  while (from <= s.length) {
    let nl = s.indexOf('\n', from);
    if (nl < 0) nl = s.length;
    n.steps += Math.min(nl - from, MAX_REDACT_LINE) + 1;
    if (nl - from > MAX_REDACT_LINE) {
      let end = from + MAX_REDACT_LINE;
      const h = s.charCodeAt(end - 1);
      if (h >= 0xd800 && h <= 0xdbff) end--; // do not split a surrogate pair
      out += `${s.slice(from, end)}…[+${nl - end}]`;
    } else out += s.slice(from, nl);
    if (nl < s.length) out += '\n';
    from = nl + 1;
  }
  return out;
}

/**
 * Redacts `text`; `steps` counts the characters pass 2 examined (for the fuzz test's bound). Pass 1 is one native
 * `indexOf` search over the text per known form (a bounded number per known value).
 */
export function redactCounted(text: string, known: Iterable<string> = []): { text: string; steps: number } {
  const n: Counter = { steps: 0 };
  const forms: string[] = [];
  let longest = 0;
  for (const v of known) {
    if (typeof v !== 'string' || v.length < MIN_KNOWN_LENGTH) continue;
    for (const f of formsOf(v)) {
      forms.push(f);
      if (f.length > longest) longest = f.length;
    }
  }
  const cut = text.length > MAX_REDACT_INPUT;
  let limit = cut ? MAX_REDACT_INPUT : text.length;
  // Far enough past the limit to see every known value that starts before it.
  const window = cut ? text.slice(0, limit + longest) : text;

  // Pass 1: where known values occur, merged into disjoint intervals.
  let spans: [number, number][] = [];
  for (const f of forms) {
    for (let at = window.indexOf(f); at >= 0; at = window.indexOf(f, at + f.length)) spans.push([at, at + f.length]);
  }
  let src = window.slice(0, limit);
  if (spans.length) {
    spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const sp of spans) {
      const last = merged[merged.length - 1];
      if (last && sp[0] <= last[1]) last[1] = Math.max(last[1], sp[1]);
      else merged.push(sp);
    }
    spans = merged;
    const crossing = spans.find(([a, b]) => a < limit && b > limit);
    if (crossing) limit = crossing[1];
    let s = '';
    let from = 0;
    for (const [a, b] of spans) {
      if (a >= limit) break;
      s += window.slice(from, a) + REDACTED;
      from = b;
    }
    src = s + window.slice(from, limit);
  }

  // Pass 2: values after secret keys, userinfo, AccessKey IDs. Then the line cap.
  let out = capLines(scanPatterns(src, cut, n), n);
  if (cut) out += `…[+${text.length - limit}]`;
  return { text: out, steps: n.steps };
}

/**
 * Returns `text` with secrets replaced. `known` are literal values to scrub wherever they appear, also in
 * their encoded forms (see the module comment); values shorter than MIN_KNOWN_LENGTH are ignored.
 */
export function redact(text: string, known: Iterable<string> = []): string {
  return redactCounted(text, known).text;
}
