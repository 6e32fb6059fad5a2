/** The redactor's marker and bounds. */
export const REDACTED = '[REDACTED]';
/** Characters of one text that are scanned; the rest is dropped. */
export const MAX_REDACT_INPUT = 1 << 20;
/** Characters of one output line; the rest of the line is dropped. */
export const MAX_REDACT_LINE = 16_384;
/** Known values shorter than this are ignored (they would match ordinary text). */
export const MIN_KNOWN_LENGTH = 6;
