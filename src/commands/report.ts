/** The error funnel of the action commands: cancellation is silent, everything else is logged with guidance. */
import { CloudError, guidanceFor, validationMessage } from '../core';
import { redact } from '../core/redact';
import { formatErrorBlock, type ErrorInfo } from '../output/format';
import { pick } from '../output/translate';
import type { NoticeKind } from '../ui/prompts';
import type { ActionDeps } from './deps';

export function isCancellation(e: unknown): boolean {
  if (e instanceof CloudError) return e.kind === 'cancelled';
  return (e as { name?: string } | null)?.name === 'AbortError';
}

/** The error's fields, its message in the user's language when the core has one. */
export function errorInfo(deps: Pick<ActionDeps, 'locale'>, e: unknown): ErrorInfo {
  if (e instanceof CloudError) {
    const bi = validationMessage(e);
    return {
      code: e.code,
      message: bi ? pick(bi, deps.locale()) : e.message,
      provider: e.provider,
      action: e.action,
      region: e.region,
      httpStatus: e.httpStatus,
      requestId: e.requestId,
      field: e.field,
    };
  }
  // CloudError texts are redacted when built; anything else is redacted here, for the log and the notification.
  const message = redact(e instanceof Error ? e.message : String(e));
  return { code: 'UnexpectedError', message };
}

/** Guidance for an error, looked up for its provider and action when known. */
export function guidance(deps: Pick<ActionDeps, 'locale'>, code: string, message?: string, where?: Pick<ErrorInfo, 'provider' | 'action'>) {
  return guidanceFor(code, deps.locale(), message, { provider: where?.provider, action: where?.action });
}

/** Writes the error block (code, message, where, guidance) to the channel. */
export function logError(deps: Pick<ActionDeps, 'log' | 'locale' | 't'>, info: ErrorInfo): void {
  deps.log.error(formatErrorBlock(info, guidance(deps, info.code, info.message, info), deps.t));
}

/** A notification with a "Show Output" button; not awaited by callers. */
export function notifyWithOutput(deps: Pick<ActionDeps, 'prompts' | 'log' | 't'>, kind: NoticeKind, message: string): Promise<void> {
  const show = deps.t('Show Output');
  return deps.prompts.notify(kind, message, show).then(
    (b) => {
      if (b === show) deps.log.show();
    },
    () => undefined,
  );
}

/** Logs and shows an error, or nothing when the user cancelled. */
export function reportError(deps: ActionDeps, e: unknown, title: string): void {
  if (isCancellation(e)) {
    deps.log.info(deps.t('{0}: cancelled', title));
    return;
  }
  const info = errorInfo(deps, e);
  logError(deps, info);
  const g = guidance(deps, info.code, info.message, info);
  const next = g?.next ? ` ${g.next}` : '';
  void notifyWithOutput(deps, 'error', deps.t('{0}: {1}', title, `[${info.code}] ${info.message}${next}`));
}

/** Runs a command body; cancellation is silent, other errors go through reportError. */
export async function runAction(deps: ActionDeps, title: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    reportError(deps, e, title);
  }
}
