/**
 * The record of mutating actions (plain Node, no vscode): one JSON file in the extension's global storage,
 * written atomically (a temporary file, then rename), newest first, bounded to `maxEntries` entries and
 * `maxBytes` bytes (the oldest entries are dropped). Every string is redacted before it is kept.
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { redact, redactJson } from '../output/redact';
import type { Provider } from '../core/types';

/** One resource of an action: its outcome when the answer came, and its state after the follow-up. */
export interface HistoryResource {
  readonly id: string;
  readonly name?: string;
  /** deleted | cancelled | submitted | failed | unknown | not-applied | cancelled-before-send | new … */
  outcome: string;
  code?: string;
  message?: string;
  requestId?: string;
  clientToken?: string;
  /** After the follow-up: the resource's last status, or `gone` when it is no longer listed. */
  finalState?: string;
}

export interface HistoryCall {
  readonly clientToken?: string;
  readonly requestId?: string;
  readonly resourceIds?: readonly string[];
}

export type FollowState = 'pending' | 'done' | 'gave-up';

export interface HistoryEntry {
  readonly id: string;
  /** ISO time the action was sent. */
  readonly time: string;
  readonly provider: Provider;
  /** The account: its account ID, name and masked AccessKey ID (never a secret). */
  readonly account: { readonly profileId: string; readonly name?: string; readonly maskedKeyId?: string }; // storage key, kept for saved data
  readonly region: string;
  /** The API action (DeleteInstances, DeleteScheduledInstance, ModifyReservedInstances). */
  readonly action: string;
  /** What the user chose (Delete Instances, Split Reserved Instance, Delete the Others…), in English. */
  readonly command: string;
  readonly resources: HistoryResource[];
  readonly calls: HistoryCall[];
  /** ModifyReservedInstances: the request's configurations and the new coupons' IDs. */
  readonly request?: unknown;
  readonly newIds?: readonly string[];
  /** The follow-up after the answer; `pending` ones resume when the window reopens. */
  follow?: { state: FollowState; updated: string; note?: string };
}

export interface HistoryIo {
  readFile(file: string): Promise<string>;
  writeFile(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(dir: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const NODE_IO: HistoryIo = {
  readFile: (f) => fsp.readFile(f, 'utf8'),
  writeFile: (f, t) => fsp.writeFile(f, t, { encoding: 'utf8', mode: 0o600 }),
  rename: (a, b) => fsp.rename(a, b),
  mkdir: async (d) => {
    await fsp.mkdir(d, { recursive: true });
  },
  unlink: (f) => fsp.unlink(f),
};

export const HISTORY_FILE = 'history.json';
export const HISTORY_MAX_ENTRIES = 500;
export const HISTORY_MAX_BYTES = 2 * 1024 * 1024;
/** A longer string in an entry (an error message) is cut. */
export const HISTORY_MAX_STRING = 2000;
/** Resources kept in one entry; a larger batch keeps the first ones and counts the rest. */
export const HISTORY_MAX_RESOURCES = 1000;

export interface HistoryStoreOptions {
  readonly maxEntries?: number;
  readonly maxBytes?: number;
  readonly io?: HistoryIo;
  /** Values to scrub besides what `redact` finds (secrets known to the log). */
  readonly known?: () => Iterable<string>;
  /** Called when the file cannot be read or written (the record is then kept in memory only). */
  readonly onError?: (e: Error) => void;
}

/** Redacts every string of a JSON value (and cuts long ones); a secret-looking key loses its value. */
export function scrub(v: unknown, known: Iterable<string> = []): unknown {
  return redactJson(v, known, { maxDepth: 8, text: cut });
}

function cut(s: string): string {
  return s.length > HISTORY_MAX_STRING ? `${s.slice(0, HISTORY_MAX_STRING)}…[+${s.length - HISTORY_MAX_STRING}]` : s;
}

function isEntry(x: unknown): x is HistoryEntry {
  const e = x as HistoryEntry;
  return (
    !!e &&
    typeof e === 'object' &&
    typeof e.id === 'string' &&
    typeof e.time === 'string' &&
    typeof e.action === 'string' &&
    Array.isArray(e.resources)
  );
}

export class HistoryStore {
  private entries: HistoryEntry[] = [];
  private loaded: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  /** IDs this store dropped (bounds, clear): not brought back from another window's file. */
  private readonly dropped = new Set<string>();
  readonly maxEntries: number;
  readonly maxBytes: number;
  private readonly io: HistoryIo;
  /** Why the file could not be read when loading (it was set aside), for the view to say. */
  loadProblem: string | undefined;

  constructor(
    readonly file: string,
    private readonly o: HistoryStoreOptions = {},
  ) {
    this.maxEntries = o.maxEntries ?? HISTORY_MAX_ENTRIES;
    this.maxBytes = o.maxBytes ?? HISTORY_MAX_BYTES;
    this.io = o.io ?? NODE_IO;
  }

  onDidChange(f: () => void): { dispose(): void } {
    this.listeners.add(f);
    return { dispose: () => this.listeners.delete(f) };
  }

  /** Reads the file once; a missing file is an empty history, an unreadable one is set aside (`.bad`). */
  load(): Promise<void> {
    this.loaded ??= (async () => {
      let text: string;
      try {
        text = await this.io.readFile(this.file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.fail(e);
        return;
      }
      try {
        if (text.length > this.maxBytes * 2) throw new Error(`larger than ${this.maxBytes * 2} bytes`);
        const data = JSON.parse(text) as { entries?: unknown };
        if (!data || !Array.isArray(data.entries)) throw new Error('no "entries" list');
        const kept = data.entries.filter(isEntry);
        // Entries added before the load finished stay first.
        this.entries = this.bound([...this.entries, ...kept.map((e) => scrub(e, this.known()) as HistoryEntry)]);
      } catch (e) {
        this.loadProblem = (e as Error).message;
        await this.io.rename(this.file, `${this.file}.bad`).catch(() => undefined);
      }
    })();
    return this.loaded;
  }

  /** Newest first. */
  list(): readonly HistoryEntry[] {
    return this.entries;
  }

  get(id: string): HistoryEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  /** Entries whose follow-up has not ended. */
  pending(): HistoryEntry[] {
    return this.entries.filter((e) => e.follow?.state === 'pending');
  }

  /** A fresh entry ID: the time and a counter. */
  newId(time: Date): string {
    return `${time.toISOString().replace(/[-:.]/g, '')}-${(++this.seq).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  }

  /** Adds an entry (redacted, resources bounded) as the newest and writes the file. */
  async add(entry: HistoryEntry): Promise<HistoryEntry> {
    await this.load();
    let e = entry;
    if (e.resources.length > HISTORY_MAX_RESOURCES) {
      const more = e.resources.length - HISTORY_MAX_RESOURCES;
      e = { ...e, resources: [...e.resources.slice(0, HISTORY_MAX_RESOURCES), { id: `… ${more} more`, outcome: 'not-recorded' }] };
    }
    const clean = scrub(e, this.known()) as HistoryEntry;
    this.entries = this.bound([clean, ...this.entries.filter((x) => x.id !== clean.id)]);
    await this.save();
    return clean;
  }

  /** Changes an entry in place (e.g. its final states) and writes the file; false when it is gone. */
  async update(id: string, change: (e: HistoryEntry) => void): Promise<boolean> {
    await this.load();
    const i = this.entries.findIndex((e) => e.id === id);
    if (i < 0) return false;
    const copy = JSON.parse(JSON.stringify(this.entries[i])) as HistoryEntry;
    change(copy);
    this.entries[i] = scrub(copy, this.known()) as HistoryEntry;
    this.entries = this.bound(this.entries);
    await this.save();
    return true;
  }

  async clear(): Promise<void> {
    await this.load();
    for (const e of this.entries) this.remember(e.id);
    this.entries = [];
    await this.save();
  }

  /** The file's text for the current entries. */
  serialize(): string {
    return JSON.stringify({ version: 1, entries: this.entries }, null, 1) + '\n';
  }

  /** Newest `maxEntries`, then drops the oldest until the file fits `maxBytes` (at least the newest stays). */
  private bound(list: HistoryEntry[]): HistoryEntry[] {
    const out = list.slice(0, this.maxEntries);
    let bytes = 40 + out.reduce((n, e) => n + Buffer.byteLength(JSON.stringify(e, null, 1)) + 2, 0);
    while (out.length > 1 && bytes > this.maxBytes) bytes -= Buffer.byteLength(JSON.stringify(out.pop(), null, 1)) + 2;
    for (let i = out.length; i < list.length; i++) this.remember(list[i].id);
    return out;
  }

  private remember(id: string): void {
    this.dropped.add(id);
    // Bounded too: the oldest forgotten first.
    if (this.dropped.size > this.maxEntries * 4) this.dropped.delete(this.dropped.values().next().value as string);
  }

  /** Writes are queued: each one writes the whole list to a temporary file, then renames it over the file. */
  private save(): Promise<void> {
    const run = async () => {
      const tmp = `${this.file}.${process.pid}.tmp`;
      try {
        await this.mergeFromDisk();
        await this.io.mkdir(path.dirname(this.file));
        await this.io.writeFile(tmp, this.serialize());
        await this.io.rename(tmp, this.file);
      } catch (e) {
        await this.io.unlink(tmp).catch(() => undefined);
        this.fail(e);
      }
    };
    this.writing = this.writing.then(run, run);
    for (const f of this.listeners) f();
    return this.writing;
  }

  /**
   * Another window (same global storage) may have written since we read: its entries we do not have are kept,
   * ours win for the same ID, newest first. An unreadable file is left to `load` (it is overwritten).
   */
  private async mergeFromDisk(): Promise<void> {
    let text: string;
    try {
      text = await this.io.readFile(this.file);
    } catch {
      return;
    }
    if (text.length > this.maxBytes * 2) return;
    let theirs: unknown[];
    try {
      const data = JSON.parse(text) as { entries?: unknown };
      theirs = Array.isArray(data?.entries) ? data.entries : [];
    } catch {
      return;
    }
    const mine = new Set(this.entries.map((e) => e.id));
    const gone = this.dropped;
    const extra = theirs.filter((e): e is HistoryEntry => isEntry(e) && !mine.has(e.id) && !gone.has(e.id));
    if (extra.length === 0) return;
    const all = [...this.entries, ...extra.map((e) => scrub(e, this.known()) as HistoryEntry)];
    all.sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
    this.entries = this.bound(all);
  }

  /** Resolves when queued writes are done. */
  flush(): Promise<void> {
    return this.writing;
  }

  private known(): Iterable<string> {
    return this.o.known?.() ?? [];
  }

  private fail(e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e));
    this.o.onError?.(new Error(redact(err.message, this.known())));
  }
}
