/**
 * Pass 2 of the redactor: a hand-written scanner (no regular expressions over the text) that hides the values
 * after secret-looking keys and in `scheme://user:password@`, and masks AccessKey IDs. Linear in the input; `n.steps`
 * counts the characters examined.
 */
import { C, endsJsonScalar, endsQueryValue, endsUserinfo, isAlnum, isBlank, isSpace, isTok, type Counter } from './chars';
import { REDACTED } from './limits';
import { isSecretKey } from './secretKeys';

/**
 * The one AccessKey ID mask (tree, tooltips, history, logs and the redactor agree): `AKLTZGVtby1lY3MtZXhwbG9yZXI`
 * → `AKLT…ZXI`. An ID of 8 characters or fewer shows none of them: 7 shown characters would be most of it.
 */
export function maskKeyId(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '…';
  return `${s.slice(0, 4)}…${s.slice(-3)}`;
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
export function scanPatterns(s: string, cut: boolean, n: Counter): string {
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
    while (e < len && s.charCodeAt(e) !== C.Lf && s.charCodeAt(e) !== C.Cr) {
      e++;
      n.steps++;
    }
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
      while (j < len && isTok(s.charCodeAt(j))) {
        j++;
        n.steps++;
      }
      const close = j < len ? s.charCodeAt(j) : -1;
      if (j > i + 1 && (close === C.Quote || close === C.Apos) && isSecretKey(s, i + 1, j, n)) {
        let k = j + 1;
        while (k < len && isSpace(s.charCodeAt(k))) {
          k++;
          n.steps++;
        }
        if (k < len && s.charCodeAt(k) === C.Colon) {
          k++;
          while (k < len && isSpace(s.charCodeAt(k))) {
            k++;
            n.steps++;
          }
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
            while (e < len && !endsJsonScalar(s.charCodeAt(e))) {
              e++;
              n.steps++;
            }
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
      while (p < len && !endsUserinfo(s.charCodeAt(p), false)) {
        p++;
        n.steps++;
      }
      if (p > u && p < len && s.charCodeAt(p) === C.Colon) {
        let e = p + 1;
        while (e < len && !endsUserinfo(s.charCodeAt(e), true)) {
          e++;
          n.steps++;
        }
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
    while (j < len && isTok(s.charCodeAt(j))) {
      j++;
      n.steps++;
    }
    if (isSecretKey(s, i, j, n)) {
      // key=value
      if (j < len && s.charCodeAt(j) === C.Eq) {
        let e = j + 1;
        while (e < len && !endsQueryValue(s.charCodeAt(e))) {
          e++;
          n.steps++;
        }
        if (e > j + 1) {
          hide(j + 1, e);
          i = e;
          continue;
        }
      }
      // key: value (to the end of the line, scanned inside); also \"key\": (JSON inside a JSON string)
      let k = j;
      if (s.charCodeAt(k) === C.Backslash && (s.charCodeAt(k + 1) === C.Quote || s.charCodeAt(k + 1) === C.Apos)) k += 2;
      while (k < len && isBlank(s.charCodeAt(k))) {
        k++;
        n.steps++;
      }
      if (k < len && s.charCodeAt(k) === C.Colon && !(s.charCodeAt(k + 1) === C.Slash && s.charCodeAt(k + 2) === C.Slash)) {
        let v = k + 1;
        while (v < len && isBlank(s.charCodeAt(v))) {
          v++;
          n.steps++;
        }
        const e = lineEnd(v);
        if (e > v) {
          hide(v, e);
          i = v;
          continue;
        }
      }
    }
    // AccessKey IDs at the start of the word or after a `-`: PREFIX + at least 6 letters or digits.
    for (let seg = i; seg < j;) {
      let end = seg;
      while (end < j && s.charCodeAt(end) !== C.Dash) {
        end++;
        n.steps++;
      }
      const f = s.charCodeAt(seg);
      const isPrefix = end - seg >= 10 && (f === 65 || f === 76) && AK_PREFIXES.includes(s.slice(seg, seg + 4));
      if (isPrefix) {
        let a = seg + 4;
        while (a < end && isAlnum(s.charCodeAt(a))) {
          a++;
          n.steps++;
        }
        if (a - seg >= 10) mask(seg, a);
      } else if (end === j && end - seg === 3 && s.startsWith('STS', seg) && s.charCodeAt(j) === C.Dot) {
        // STS.xxxxxx: the word ends at the dot
        let a = j + 1;
        while (a < len && isAlnum(s.charCodeAt(a))) {
          a++;
          n.steps++;
        }
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
