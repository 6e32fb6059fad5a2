/**
 * Scrubs anything that looks like a secret, signature or credential from text bound for the output
 * channel. The log is never handed secrets on purpose; this is the second line of defence. The redactor lives
 * in the core (src/core/redact.ts), which also redacts every CloudError it builds.
 */
import { knownForms, MIN_KNOWN_LENGTH, redact as redactText } from '../core/redact';

export { REDACTED, maskKeyId, redact } from '../core/redact';

/** Secret values loaded this session (AccessKey secrets, STS tokens), and the forms a server might echo them in. */
const values = new Set<string>();
const forms: string[] = [];

/** Remembers a secret so text shown to the user (rows, tooltips, Go to Resource) never carries it. */
export function addKnownSecret(value: string): void {
  if (value.length < MIN_KNOWN_LENGTH || values.has(value)) return;
  values.add(value);
  for (const f of knownForms(value)) if (f.length >= MIN_KNOWN_LENGTH) forms.push(f);
}

/** The secrets remembered this session (for redacting exports and other text with them). */
export function knownSecrets(): Iterable<string> {
  return values;
}

/**
 * Text from the cloud shown in the tree or a picker: as it is, unless it holds a known secret (a hostile server
 * may echo one into a name or a tag), then redacted. A search per known form: cheap for names and short values.
 */
export function scrubShown(text: string): string {
  for (const f of forms) if (text.includes(f)) return redactText(text, values);
  return text;
}

/**
 * Redacts every string of a JSON value (then `text` shapes it, e.g. cuts it); a secret-looking key loses its value
 * whatever it holds; past `maxDepth` levels a value becomes "…". Exports and the History file both write through it.
 */
export function redactJson(
  v: unknown,
  known: Iterable<string>,
  o: { readonly maxDepth: number; readonly text?: (s: string) => string },
  depth = 0,
): unknown {
  if (typeof v === 'string') return o.text ? o.text(redactText(v, known)) : redactText(v, known);
  if (v === null || typeof v !== 'object') return v;
  if (depth > o.maxDepth) return '…';
  if (Array.isArray(v)) return v.map((x) => redactJson(x, known, o, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === undefined) continue;
    out[k] = redactText(`${k}=x`, known) !== `${k}=x` ? '[REDACTED]' : redactJson(x, known, o, depth + 1);
  }
  return out;
}
