/** ClientToken idempotency: same token + same parameters → first result; else mismatch / processing. */
import type { EmuResponse } from './http-types';

interface Entry {
  fingerprint: string;
  response?: EmuResponse;
}
export type Begin = { state: 'new' } | { state: 'mismatch' } | { state: 'processing' } | { state: 'done'; response: EmuResponse };

export class Idempotency {
  private entries = new Map<string, Entry>();

  begin(key: string, fingerprint: string): Begin {
    const e = this.entries.get(key);
    if (!e) {
      this.entries.set(key, { fingerprint });
      return { state: 'new' };
    }
    if (e.fingerprint !== fingerprint) return { state: 'mismatch' };
    if (!e.response) return { state: 'processing' };
    return { state: 'done', response: e.response };
  }
  /** Keep a successful result for replay; forget failures so a retry runs again. */
  finish(key: string, response: EmuResponse): void {
    if (response.status === 200) {
      const e = this.entries.get(key);
      if (e) e.response = response;
    } else {
      this.entries.delete(key);
    }
  }
  abandon(key: string): void {
    this.entries.delete(key);
  }
  clear(): void {
    this.entries.clear();
  }
  get size(): number {
    return this.entries.size;
  }
}
