/** Signature nonces seen within the freshness window, per access key. */
export const ALI_WINDOW_MS = 15 * 60_000;

export class NonceStore {
  private seen = new Map<string, number>(); // key → expiry (real ms)
  private lastSweep = 0;

  /** True when the nonce is new (and records it). */
  use(accessKeyId: string, nonce: string): boolean {
    const now = Date.now();
    if (now - this.lastSweep > 60_000) {
      for (const [k, exp] of this.seen) if (exp <= now) this.seen.delete(k);
      this.lastSweep = now;
    }
    const key = accessKeyId + '\n' + nonce;
    const exp = this.seen.get(key);
    if (exp !== undefined && exp > now) return false;
    this.seen.set(key, now + 2 * ALI_WINDOW_MS);
    return true;
  }
  clear(): void {
    this.seen.clear();
  }
}

/** ISO 8601 UTC `yyyy-MM-ddTHH:mm:ssZ` (optionally with milliseconds). NaN when malformed. */
export function parseAliTimestamp(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/.exec(s);
  if (!m) return NaN;
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  return new Date(t).getUTCDate() === +m[3] ? t : NaN;
}
