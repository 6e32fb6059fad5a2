/**
 * Scrubs anything that looks like a secret, signature or credential from text bound for the output
 * channel. The log is never handed secrets on purpose; this is the second line of defence. The redactor lives
 * in the core (src/core/redact.ts), which also redacts every CloudError it builds.
 */
export { REDACTED, maskKeyId, redact } from '../core/redact';
