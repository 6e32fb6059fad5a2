/** The forms a server might echo a known secret in: percent-encoded once or twice, base64 and base64url. */
import { MIN_KNOWN_LENGTH } from './limits';

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
export function formsOf(v: string): string[] {
  let f = formCache.get(v);
  if (!f) {
    if (formCache.size >= 256) formCache.clear();
    formCache.set(v, (f = knownForms(v)));
  }
  return f;
}
