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

export function createActionLog(): ActionLogChannel {
  const channel = vscode.window.createOutputChannel(CHANNEL_NAME, { log: true });
  const lines: string[] = [];
  const keep = (level: string, s: string) => {
    lines.push(`[${level}] ${s}`);
    if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
  };
  const clean = (s: string) => redact(s, knownSecrets());
  return {
    channel,
    info(message) {
      const s = clean(message);
      keep('info', s);
      channel.info(s);
    },
    warn(message) {
      const s = clean(message);
      keep('warning', s);
      channel.warn(s);
    },
    error(message) {
      const s = clean(message);
      keep('error', s);
      channel.error(s);
    },
    call(record: CallRecord) {
      const s = clean(formatCall(record));
      if (record.errorCode) {
        keep('warning', s);
        channel.warn(s);
      } else if (record.action.startsWith('Describe')) {
        // Successful reads (tree loads, auto-refresh, follow-up polling) would bury the actions' results: debug
        // level, shown when the channel's log level is Debug (Output view → gear, or Developer: Set Log Level…).
        keep('debug', s);
        channel.debug(s);
      } else {
        keep('info', s);
        channel.info(s);
      }
    },
    mask(value: string) {
      addKnownSecret(value);
    },
    show() {
      channel.show(true);
    },
    text() {
      return lines.join('\n');
    },
    dispose() {
      channel.dispose();
    },
  };
}
