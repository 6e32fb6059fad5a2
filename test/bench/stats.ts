/** Small helpers for the bench: timing, summaries, the printed table. */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(xs: readonly number[]): Summary {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const median = n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  return { median, min: s[0], max: s[n - 1], n };
}

export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

export async function timeIt(fn: () => Promise<unknown> | unknown): Promise<number> {
  const t0 = nowMs();
  await fn();
  return nowMs() - t0;
}

/** Formats a number with 3 significant digits (and thousands separators for big ones). */
export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  if (a >= 1000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

export function fmtSummary(s: Summary, unit: string): string {
  if (s.n === 0) return 'n/a';
  if (s.n === 1) return `${fmt(s.median)} ${unit}`;
  return `${fmt(s.median)} ${unit} (${fmt(s.min)}–${fmt(s.max)})`;
}

export type Verdict = 'met' | 'MISSED' | 'info' | 'missing';

/** One printed row. */
export interface Row {
  what: string;
  ours: string;
  comparedWith: string;
  baseline: string;
  ratio: string;
  target: string;
  verdict: Verdict;
  notes?: string[];
}

/** A row with a target but nothing to compare with (sizes, times in the host, tree items). */
export function targetRow(what: string, ours: string, target: string, met: boolean | 'missing', notes?: string[]): Row {
  return {
    what,
    ours,
    comparedWith: '—',
    baseline: '',
    ratio: '',
    target,
    verdict: met === 'missing' ? 'missing' : met ? 'met' : 'MISSED',
    ...(notes && { notes }),
  };
}

export function printTable(rows: readonly Row[]): string {
  const head = [
    'what',
    'ours: median (min–max)',
    'compared with',
    'baseline: median (min–max)',
    'ratio: median (min–max)',
    'target',
    'result',
  ];
  const body = rows.map((r) => [r.what, r.ours, r.comparedWith, r.baseline, r.ratio, r.target, r.verdict]);
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    '| ' + head.join(' | ') + ' |',
    '|' + head.map(() => '---').join('|') + '|',
    ...body.map((cells) => '| ' + cells.map(esc).join(' | ') + ' |'),
  ];
  const notes: string[] = [];
  for (const r of rows) {
    for (const n of r.notes ?? []) notes.push(`- ${r.what}: ${n}`);
  }
  return lines.join('\n') + (notes.length ? '\n\nNotes:\n' + notes.join('\n') : '');
}

/** Runs `pair` `runs` times; each run yields (ours, baseline); ratio is taken per pair. */
export async function pairs(
  runs: number,
  pair: (i: number) => Promise<{ ours: number; baseline: number }>,
): Promise<{ ours: number[]; baseline: number[] }> {
  const ours: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = await pair(i);
    ours.push(r.ours);
    baseline.push(r.baseline);
  }
  return { ours, baseline };
}

export function ratios(a: readonly number[], b: readonly number[]): number[] {
  return a.map((x, i) => x / b[i]);
}

let gcFn: (() => void) | undefined;

/** A full collection between runs (untimed), so one run's garbage is not collected in the next. */
export function maybeGc(): void {
  if (!gcFn) {
    gcFn = (globalThis as { gc?: () => void }).gc;
    if (!gcFn) {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    }
  }
  gcFn();
}
