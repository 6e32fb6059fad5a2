/** A failure as one log line and, when the user asked for it, one error notification (redacted). */
import { redact } from '../core/redact';
import type { ActionLog } from '../contracts';
import type { Prompts } from '../ui/prompts';

/** The error for the log: a CloudError's own description, else name and message. */
export function describeError(e: unknown): string {
  const d = (e as { describe?: () => string } | null)?.describe;
  if (typeof d === 'function') return d.call(e);
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Logs `what: error` and shows it as an error notification. */
export function reportProblem(log: Pick<ActionLog, 'error'>, prompts: Pick<Prompts, 'notify'>, e: unknown, what: string): void {
  log.error(`${what}: ${describeError(e)}`);
  void prompts.notify('error', `${what}: ${redact(e instanceof Error ? e.message : String(e))}`);
}
