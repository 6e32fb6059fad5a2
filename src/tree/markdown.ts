/** Markdown pieces of the resource tooltips (pure, a leaf module: the kind table builds tooltips with these). */
import type { Locale } from '../core/types';
import type { ResourceRef } from '../contracts';
import { stateOf } from '../kinds/types';

/** Translation function: vscode.l10n.t in the extension, identity in unit tests. `{0}` placeholders. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

/** Escapes Markdown so API values render literally. */
export function escapeMd(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, '\\$&').replace(/\r?\n/g, ' ');
}

/** `2024-01-04T19:18:46+08:00` → local `2024-01-04 19:18`; unparseable text is returned as is. */
export function formatTime(s: string | undefined): string {
  if (!s) return '';
  const t = Date.parse(s);
  if (Number.isNaN(t)) return s;
  const d = new Date(t);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

export type Row = [label: string, value: string | number | undefined];

/** Display text of an API state (`Running`); the default shows the API value. */
export type StateName = (state: string) => string;

export function table(title: string, rows: Row[], notes: string[], locale: Locale): string {
  const lines = [`**${escapeMd(title)}**`, ''];
  const colon = locale === 'zh-cn' ? '：' : ': ';
  for (const [label, value] of rows) {
    if (value === undefined || value === '') continue;
    lines.push(`${escapeMd(label)}${colon}${typeof value === 'number' ? value : escapeMd(value)}  `);
  }
  for (const n of notes) lines.push('', n);
  return lines.join('\n');
}

/** `Running (RUNNING)`: the display text, with the API value when it differs. */
export function stateRow(ref: ResourceRef, stateName: StateName, locale: Locale): string {
  const raw = stateOf(ref);
  const shown = raw ? stateName(raw) : raw;
  if (!shown || shown === raw) return raw;
  return locale === 'zh-cn' ? `${shown}（${raw}）` : `${shown} (${raw})`;
}
