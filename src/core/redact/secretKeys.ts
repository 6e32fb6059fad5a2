/** The keys whose values are secret, and matching them in the text without copying it. */
import { C, type Counter } from './chars';

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

/** SECRET_KEYS by their last character. */
const KEYS_BY_LAST = new Map<number, string[]>();
for (const k of SECRET_KEYS) {
  const c = k.charCodeAt(k.length - 1);
  KEYS_BY_LAST.set(c, [...(KEYS_BY_LAST.get(c) ?? []), k]);
}

/** Whether s[from, to) is a secret key: lower-cased, without `-` and `_`, it ends with one of SECRET_KEYS. */
export function isSecretKey(s: string, from: number, to: number, n: Counter): boolean {
  let last = to - 1;
  while (last >= from && (s.charCodeAt(last) === C.Dash || s.charCodeAt(last) === C.Underscore)) {
    last--;
    n.steps++;
  }
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
