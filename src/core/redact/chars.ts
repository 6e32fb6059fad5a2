/** Character classes of the redaction scanner, and its step counter. */

export const enum C {
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

export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
/** Characters of a key or word: letters, digits, `-`, `_`. */
export function isTok(c: number): boolean {
  return isAlnum(c) || c === C.Dash || c === C.Underscore;
}
export function isSpace(c: number): boolean {
  return c === C.Space || c === C.Tab || c === C.Cr || c === C.Lf || c === 0x0b || c === 0x0c;
}
export function isBlank(c: number): boolean {
  return c === C.Space || c === C.Tab;
}
/** Ends a `key=value` value. */
export function endsQueryValue(c: number): boolean {
  return c === C.Amp || c === C.Comma || c === C.Semi || c === C.RParen || c === C.Quote || c === C.Apos || isSpace(c);
}
/** Ends an unquoted JSON value. */
export function endsJsonScalar(c: number): boolean {
  return c === C.Comma || c === C.RBrace || c === C.RBracket || isSpace(c);
}
/** Ends the user or password part of `scheme://user:password@`. */
export function endsUserinfo(c: number, allowColon: boolean): boolean {
  return isSpace(c) || c === C.Slash || c === C.At || (!allowColon && c === C.Colon);
}

export interface Counter {
  steps: number;
}
