/**
 * Response bytes → the text handed to JSON.parse.
 *
 * A page of 100 Volcengine instances is ASCII but for one character in each OsName ("CentOS 7.9 64位"). Decoded
 * as UTF-8, that one character makes V8 build the whole page as a two-byte string through its slow decoder, and
 * JSON.parse then reads two bytes per character: the decoding alone cost as much as the parsing (CPU profiles
 * of a full listing). Here each run of non-ASCII bytes is written as JSON \u escapes instead, so the page stays
 * a one-byte (Latin-1) string, copied rather than decoded; JSON.parse reads the escapes back into the same
 * characters, so the parsed value is exactly the UTF-8 text's.
 *
 * Exact for every input: where the escape could change what JSON.parse makes of the text — invalid UTF-8
 * (the decoder would put U+FFFD there), or a run right after a string escape's backslash ("\位" is not valid
 * JSON, "\\u4f4d" would be) — the body is decoded as UTF-8 as before. So is a body dense in non-ASCII text
 * (all-Chinese descriptions, say), where escaping costs more than it saves: past one run per 256 bytes or one
 * non-ASCII byte in 16, the escaping stops and the body is decoded. A leading byte order mark is dropped, as
 * undici's text() does.
 */
import { isAscii } from 'node:buffer';

const NON_ASCII = /[\x80-\xff]+/g;
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function jsonText(bytes: Uint8Array): string {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const start = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const body = start === 0 ? buf : buf.subarray(start);
  if (isAscii(body)) return body.toString('latin1');
  const latin1 = body.toString('latin1');
  let runs = 1 + (body.length >> 8);
  let nonAscii = 1 + (body.length >> 4);
  let out = '';
  let from = 0;
  // An exec loop, not replace(): replace with a callback finds every match before the first call, so it could not
  // stop early, and it took ~3× as long on a page.
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(latin1); m; m = NON_ASCII.exec(latin1)) {
    const run = m[0];
    const escaped = --runs < 0 || (nonAscii -= run.length) < 0 || afterEscape(latin1, m.index) ? undefined : escapeUtf8(run);
    if (escaped === undefined) return body.toString('utf8');
    out += latin1.slice(from, m.index) + escaped;
    from = m.index + run.length;
  }
  return out + latin1.slice(from);
}

/** Whether position `at` follows an odd number of backslashes (it is the character of a string escape). */
function afterEscape(s: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && s.charCodeAt(at - n - 1) === 0x5c) n++;
  return n % 2 === 1;
}

/** A run of bytes >= 0x80 (as Latin-1 characters) decoded as UTF-8 and written as \uXXXX; undefined if invalid. */
function escapeUtf8(run: string): string | undefined {
  let out = '';
  for (let i = 0; i < run.length;) {
    const b0 = run.charCodeAt(i);
    let cp: number;
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      n = 1;
      cp = b0 & 0x1f;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      n = 2;
      cp = b0 & 0x0f;
      if (b0 === 0xe0) lo = 0xa0;
      else if (b0 === 0xed) hi = 0x9f;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      n = 3;
      cp = b0 & 0x07;
      if (b0 === 0xf0) lo = 0x90;
      else if (b0 === 0xf4) hi = 0x8f;
    } else {
      return undefined;
    }
    if (i + n >= run.length) return undefined;
    for (let k = 1; k <= n; k++) {
      const b = run.charCodeAt(i + k);
      if (b < (k === 1 ? lo : 0x80) || b > (k === 1 ? hi : 0xbf)) return undefined;
      cp = (cp << 6) | (b & 0x3f);
    }
    i += n + 1;
    if (cp >= 0x10000) {
      const v = cp - 0x10000;
      out += unit(0xd800 + (v >> 10)) + unit(0xdc00 + (v & 0x3ff));
    } else {
      out += unit(cp);
    }
  }
  return out;
}

function unit(u: number): string {
  return '\\u' + HEX[u >> 8] + HEX[u & 0xff];
}
