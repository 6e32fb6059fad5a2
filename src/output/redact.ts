/**
 * Scrubs anything that looks like a secret, signature or credential from text bound for the output
 * channel. The log is never handed secrets on purpose; this is the second line of defence.
 */

export const REDACTED = '[REDACTED]';

/** Keys whose values are secret, in headers, query strings, JSON and `key=value` text. */
const SECRET_KEYS = [
  'authorization',
  'proxy-authorization',
  'signature',
  'x-security-token',
  'x-acs-security-token',
  'securitytoken',
  'security_token',
  'sessiontoken',
  'session_token',
  'accesskeysecret',
  'access_key_secret',
  'secretaccesskey',
  'secret_access_key',
  'secretkey',
  'secret_key',
  'secret',
  'password',
  'passwd',
  'x-acs-signature-nonce',
  'signaturenonce',
  'cookie',
  'set-cookie',
];

const KEY_ALT = SECRET_KEYS.map((k) => k.replace(/[-_]/g, '[-_]?')).join('|');

// "Key": "value"  (JSON, either quote)
const JSON_PAIR = new RegExp(`(["'](?:${KEY_ALT})["']\\s*:\\s*)(["'])((?:\\\\.|(?!\\2).)*)\\2`, 'gi');
// Key: value up to end of line (HTTP header style)
const HEADER_LINE = new RegExp(`(^|[\\s{,;])((?:${KEY_ALT})\\s*:\\s*)([^\\r\\n]+)`, 'gim');
// Key=value up to a separator (query strings, form bodies, `k=v` logs)
const QUERY_PAIR = new RegExp(`((?:^|[?&\\s,;(])(?:${KEY_ALT})=)([^&\\s,;)]+)`, 'gi');
// Volcengine Authorization parts, in case the header name was dropped
const SIGNATURE_PART = /(Signature=)[0-9a-fA-F]{16,}/g;
// user:password@ in URLs
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:)([^\s@/]+)(@)/gi;
// AccessKey IDs: keep a recognisable prefix and suffix only.
const ACCESS_KEY_ID = /\b(AKLT|AKTP|LTAI|STS\.)([A-Za-z0-9]{6,})/g;

/** Masks an AccessKey ID for display: `AKLT…3xQ`. */
export function maskKeyId(id: string): string {
  if (id.length <= 8) return '…';
  return `${id.slice(0, 4)}…${id.slice(-3)}`;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Returns `text` with secrets replaced. `known` are literal values to scrub wherever they appear
 * (for instance the AccessKey secrets loaded from SecretStorage); values shorter than 6 are ignored.
 */
export function redact(text: string, known: Iterable<string> = []): string {
  let out = text;
  for (const v of known) {
    if (v && v.length >= 6) out = out.replace(new RegExp(escapeRe(v), 'g'), REDACTED);
  }
  out = out.replace(JSON_PAIR, (_m, k: string, q: string) => `${k}${q}${REDACTED}${q}`);
  out = out.replace(HEADER_LINE, (_m, pre: string, k: string) => `${pre}${k}${REDACTED}`);
  out = out.replace(QUERY_PAIR, (_m, k: string) => `${k}${REDACTED}`);
  out = out.replace(SIGNATURE_PART, (_m, k: string) => `${k}${REDACTED}`);
  out = out.replace(URL_USERINFO, (_m, a: string, _p: string, at: string) => `${a}${REDACTED}${at}`);
  out = out.replace(ACCESS_KEY_ID, (m) => maskKeyId(m));
  return out;
}
