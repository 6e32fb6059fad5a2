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
 *
 * The parts are in redact/: limits (marker, bounds), encodings (pass 1's forms), scanner (pass 2), secretKeys, chars.
 */

import { formsOf } from './redact/encodings';
import { MAX_REDACT_INPUT, MAX_REDACT_LINE, MIN_KNOWN_LENGTH, REDACTED } from './redact/limits';
import type { Counter } from './redact/chars';
import { scanPatterns } from './redact/scanner';

export { knownForms } from './redact/encodings';
export { MAX_REDACT_INPUT, MAX_REDACT_LINE, MIN_KNOWN_LENGTH, REDACTED } from './redact/limits';
export { maskKeyId } from './redact/scanner';

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
