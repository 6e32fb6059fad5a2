/** Temporary credentials (AssumeRole, instance role) cached in memory per profile step, refreshed before they expire. */
import type { Session } from './sts';

const DEFAULT_REFRESH_BEFORE_MS = 5 * 60_000;

interface CachedSession {
  fingerprint: string;
  session?: Session;
  obtained?: number;
  pending?: Promise<Session>;
}

export class SessionCache {
  private readonly sessions = new Map<string, CachedSession>();

  /**
   * @param now decides when a session is due for refresh
   * @param refreshBeforeMs refresh this long before expiry (default 5 minutes, at most half the lifetime)
   */
  constructor(
    private readonly now: () => Date,
    private readonly refreshBeforeMs = DEFAULT_REFRESH_BEFORE_MS,
  ) {}

  /**
   * The session of `key`: the cached one while it is fresh and was made from the same inputs (`fingerprint`), else
   * a new one from `fetch`; concurrent callers share one fetch.
   */
  async get(key: string, fingerprint: string, fetch: () => Promise<Session>): Promise<Session> {
    let c = this.sessions.get(key);
    if (!c || c.fingerprint !== fingerprint) {
      c = { fingerprint };
      this.sessions.set(key, c);
    }
    const now = this.now().getTime();
    if (c.session && now < this.refreshAt(c)) return c.session;
    if (!c.pending) {
      const entry: CachedSession = c;
      entry.pending = fetch().then(
        (s) => {
          entry.session = s;
          entry.obtained = this.now().getTime();
          entry.pending = undefined;
          return s;
        },
        (e: unknown) => {
          entry.pending = undefined;
          throw e;
        },
      );
    }
    return c.pending as Promise<Session>;
  }

  /** Expiry of the session cached for `key`, if any. */
  expiration(key: string): Date | undefined {
    return this.sessions.get(key)?.session?.expiration;
  }

  delete(key: string): void {
    this.sessions.delete(key);
  }

  clear(): void {
    this.sessions.clear();
  }

  private refreshAt(c: CachedSession): number {
    const exp = c.session!.expiration.getTime();
    const life = Math.max(0, exp - (c.obtained ?? exp));
    return exp - Math.min(this.refreshBeforeMs, life / 2);
  }
}
