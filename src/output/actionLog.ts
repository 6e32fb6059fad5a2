/** The "ECS Explorer" LogOutputChannel behind ActionLog. Everything written passes through `redact`. */
import * as vscode from 'vscode';
import type { CallRecord } from '../core/types';
import type { ActionLog } from '../contracts';
import { formatCall } from './format';
import { addKnownSecret, knownSecrets, redact } from './redact';

export const CHANNEL_NAME = 'ECS Explorer';

/** ActionLog plus test and wiring helpers. */
export interface ActionLogChannel extends ActionLog, vscode.Disposable {
  readonly channel: vscode.LogOutputChannel;
  /** Everything written so far (already redacted), newest last; the last 5000 lines. */
  text(): string;
}

const MAX_LINES = 5000;

/**
 * The channel is created on the first line written (or shown): creating it is a message the window handles (an
 * output channel backed by a log file), which would otherwise come with the view's first open.
 */
export function createActionLog(): ActionLogChannel {
  let created: vscode.LogOutputChannel | undefined;
  let disposed = false;
  const create = (): vscode.LogOutputChannel => (created ??= vscode.window.createOutputChannel(CHANNEL_NAME, { log: true }));
  // Lines written after dispose() (a load ending as the extension stops) are kept in `lines` only.
  const out = (): vscode.LogOutputChannel | undefined => (disposed ? undefined : create());
  const lines: string[] = [];
  const keep = (level: string, s: string) => {
    lines.push(`[${level}] ${s}`);
    if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
  };
  const clean = (s: string) => redact(s, knownSecrets());
  return {
    get channel() {
      return create();
    },
    info(message) {
      const s = clean(message);
      keep('info', s);
      out()?.info(s);
    },
    warn(message) {
      const s = clean(message);
      keep('warning', s);
      out()?.warn(s);
    },
    error(message) {
      const s = clean(message);
      keep('error', s);
      out()?.error(s);
    },
    call(record: CallRecord) {
      const s = clean(formatCall(record));
      if (record.errorCode) {
        keep('warning', s);
        out()?.warn(s);
      } else if (record.action.startsWith('Describe')) {
        // Successful reads (tree loads, auto-refresh, follow-up polling) would bury the actions' results: debug
        // level, shown when the channel's log level is Debug (Output view → gear, or Developer: Set Log Level…).
        keep('debug', s);
        out()?.debug(s);
      } else {
        keep('info', s);
        out()?.info(s);
      }
    },
    mask(value: string) {
      addKnownSecret(value);
    },
    show() {
      out()?.show(true);
    },
    text() {
      return lines.join('\n');
    },
    dispose() {
      disposed = true;
      created?.dispose();
    },
  };
}
