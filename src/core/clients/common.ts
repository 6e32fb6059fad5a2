/** Options and helpers shared by the provider clients. */
import { createHash, randomUUID } from 'node:crypto';
import { CloudError, LocalCodes } from '../errors';
import { Transport, type TransportSettings } from '../http/transport';
import { checkBaseUrl } from '../endpoints';
import type { CallRecord, Credentials, Provider } from '../types';
import { isCredentialError } from '../credentials/errors';

/** API codes meaning the STS token expired (or no longer matches): fetch new credentials and resend once. */
export const EXPIRED_TOKEN_CODES: Readonly<Record<Provider, readonly string[]>> = {
  volcengine: ['InvalidSecretToken'],
  aliyun: ['InvalidSecurityToken.Expired', 'SecurityTokenExpired'],
};

export interface ClientOptions {
  /** A function may carry `invalidate()`: called once when the cloud says the STS token expired, before one resend. */
  credentials: Credentials | ((() => Promise<Credentials>) & { invalidate?: () => void });
  /** Base URL override (emulator/proxy); checked by checkBaseUrl. */
  endpoint?: string;
  /** Shared per provider; created from transportSettings when absent (and closed by `close()`). */
  transport?: Transport;
  transportSettings?: Partial<TransportSettings>;
  now?: () => Date;
  onCall?: (rec: CallRecord) => void;
  /** Bounds of one listing across its pages (defaults MAX_LIST_PAGES, MAX_LIST_ITEMS). */
  listLimits?: Partial<ListLimits>;
  /** Default scheduling priority of this client's calls (Priority in http/scheduler.ts); a call's own wins. */
  priority?: number;
}

export interface ListLimits {
  maxPages: number;
  maxItems: number;
}

/** Volcengine page (token based). */
export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/** Alibaba page (numbered). */
export interface NumberedPage<T> {
  items: T[];
  pageNumber: number;
  pageSize: number;
  totalCount: number;
}

/** A ClientToken: ASCII, ≤ 64 chars, unique per logical request. */
export function newClientToken(): string {
  return `ecsx-${randomUUID()}`;
}

/**
 * The secrets of a call, for CloudError texts (see CloudErrorInit.secrets): the AccessKey secret and STS token
 * first, then `extra` (the attempt's signature). Returns the list and a setter that replaces the extras.
 */
export function callSecrets(creds: Credentials): { list: string[]; setExtra(...values: (string | undefined)[]): void } {
  const base = [creds.accessKeySecret, creds.securityToken].filter((v): v is string => !!v);
  const list = [...base];
  return {
    list,
    setExtra(...values) {
      list.length = base.length;
      for (const v of values) if (v) list.push(v);
    },
  };
}

/** Pages one listing may read (a well-behaved account of 100,000 items at 100 a page). */
export const MAX_LIST_PAGES = 1000;
/** Distinct items one listing may hold. */
export const MAX_LIST_ITEMS = 100_000;
/** Longest page token accepted from a server (it is sent back in the next request's URL). */
export const MAX_PAGE_TOKEN_LENGTH = 4096;

interface ListContext {
  provider: Provider;
  action: string;
  region: string;
}

function pagingError(c: ListContext, code: string, field: string, message: string, requestId?: string): CloudError {
  return new CloudError({
    kind: 'malformed-response',
    provider: c.provider,
    action: c.action,
    region: c.region,
    code,
    field,
    message,
    requestId,
  });
}

/**
 * The items of one listing across its pages, each ID once (the first copy is kept), within MAX_LIST_PAGES pages
 * and MAX_LIST_ITEMS items. A page that brings only IDs already listed ends the listing with PagingLoop (the
 * server ignores the page cursor); loop detection keeps one short digest per page token, not the tokens.
 */
export class Listing<T> {
  readonly items: T[] = [];
  pages = 0;
  private readonly ids = new Set<string>();
  private readonly tokens = new Set<string>();
  private readonly maxPages: number;
  private readonly maxItems: number;

  constructor(
    readonly ctx: ListContext,
    private readonly idOf: (item: T) => string,
    limits: Partial<ListLimits> = {},
  ) {
    this.maxPages = limits.maxPages ?? MAX_LIST_PAGES;
    this.maxItems = limits.maxItems ?? MAX_LIST_ITEMS;
  }

  /** Pages this listing may still read. */
  get pagesLeft(): number {
    return Math.max(0, this.maxPages - this.pages);
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /** Call before fetching a page: throws PagingLimit when the page bound is reached. */
  beforePage(): void {
    if (this.pages >= this.maxPages) {
      throw pagingError(
        this.ctx,
        LocalCodes.pagingLimit,
        'pages',
        `${this.ctx.action}: the listing did not end within ${this.maxPages} pages (${this.items.length} distinct items so far); it was stopped.`,
      );
    }
  }

  /** Adds a page's items; returns how many new IDs it brought. Throws PagingLimit past MAX_LIST_ITEMS. */
  add(items: readonly T[]): number {
    this.pages++;
    const ids = this.ids;
    let fresh = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const id = this.idOf(item);
      // One lookup per item: add, and see whether the set grew.
      const before = ids.size;
      ids.add(id);
      if (ids.size === before) continue;
      if (this.items.length >= this.maxItems) {
        ids.delete(id);
        throw pagingError(
          this.ctx,
          LocalCodes.pagingLimit,
          'items',
          `${this.ctx.action}: the listing has more than ${this.maxItems} items; it was stopped.`,
        );
      }
      this.items.push(item);
      fresh++;
    }
    return fresh;
  }

  /** PagingLoop: a page of items already listed, while the server says more follow. */
  repeated(field: string, requestId?: string): CloudError {
    return pagingError(
      this.ctx,
      LocalCodes.pagingLoop,
      field,
      `${this.ctx.action}: page ${this.pages} repeated only items already listed while ${field} said more follow; the server does not advance, so the listing was stopped.`,
      requestId,
    );
  }

  /** Starts a new token sequence (another ID group of the same listing): its tokens may repeat the last one's. */
  newSequence(): void {
    this.tokens.clear();
  }

  /** Remembers a page token; throws PagingLoop if it came before. */
  token(token: string, field: string): void {
    const d = createHash('sha256').update(token).digest('base64').slice(0, 16);
    if (this.tokens.has(d)) {
      throw pagingError(
        this.ctx,
        LocalCodes.pagingLoop,
        field,
        `${this.ctx.action}: page ${this.pages} sent a ${field} it had sent before; the listing would never end, so it was stopped.`,
      );
    }
    this.tokens.add(d);
  }

  emptyPages(n: number, field: string): CloudError {
    return pagingError(
      this.ctx,
      LocalCodes.pagingLoop,
      field,
      `${this.ctx.action}: ${n} empty pages in a row, each with a new ${field}; the listing was stopped.`,
    );
  }
}

/** A page token as a server sent it: a string of at most MAX_PAGE_TOKEN_LENGTH characters without control characters. */
export function checkPageToken(c: ListContext, token: unknown, field: string, requestId?: string): string | undefined {
  if (token === undefined || token === null || token === '') return undefined;
  let why: string | undefined;
  if (typeof token !== 'string') why = 'is not a string';
  else if (token.length > MAX_PAGE_TOKEN_LENGTH) why = `is ${token.length} characters long (at most ${MAX_PAGE_TOKEN_LENGTH})`;
  // eslint-disable-next-line no-control-regex
  else if (/[\x00-\x1f\x7f]/.test(token)) why = 'contains a control character (a line break, say)';
  if (why)
    throw pagingError(
      c,
      LocalCodes.malformed,
      field,
      `${c.action} response: field ${field} ${why}; the next page cannot be asked for.`,
      requestId,
    );
  return token as string;
}

/** Items with each key once (the first copy), in order. */
export function uniqueBy<T>(items: readonly T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  const out: T[] = [];
  for (const item of items) {
    const k = key(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(item);
  }
  return out;
}

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export function cancelledError(provider: Provider, action: string, region: string): CloudError {
  return new CloudError({
    kind: 'cancelled',
    provider,
    action,
    region,
    code: LocalCodes.cancelled,
    message: 'The operation was cancelled.',
  });
}

/** The name of the first credential value with a control character (it cannot go into a header or query), if any. */
export function badCredentialField(c: Credentials): string | undefined {
  // eslint-disable-next-line no-control-regex
  const ctl = /[\x00-\x1f\x7f]/;
  if (ctl.test(c.accessKeyId)) return 'AccessKey ID';
  if (ctl.test(c.accessKeySecret)) return 'AccessKey Secret';
  if (c.securityToken !== undefined && ctl.test(c.securityToken)) return 'STS token';
  return undefined;
}

/** Base of both clients: options, transport ownership, credentials resolved per call. */
export abstract class BaseClient {
  protected readonly transport: Transport;
  protected readonly endpoint?: string;
  protected readonly now: () => Date;
  private readonly ownsTransport: boolean;

  constructor(
    protected readonly provider: Provider,
    protected readonly options: ClientOptions,
  ) {
    if (options.endpoint) {
      checkBaseUrl(options.endpoint, provider);
      this.endpoint = options.endpoint.replace(/\/+$/, '');
    }
    this.ownsTransport = !options.transport;
    this.transport = options.transport ?? new Transport(options.transportSettings);
    this.now = options.now ?? (() => new Date());
  }

  /** Closes the transport if this client created it. */
  async close(): Promise<void> {
    if (this.ownsTransport) await this.transport.close();
  }

  protected async credentials(action: string, region: string): Promise<Credentials> {
    const c = this.options.credentials;
    let creds: Credentials | undefined;
    try {
      creds = typeof c === 'function' ? await c() : c;
    } catch (e) {
      throw new CloudError({
        kind: 'config',
        provider: this.provider,
        action,
        region,
        code: isCredentialError(e) ? e.code : LocalCodes.missingCredentials,
        message: isCredentialError(e) ? e.message : 'Could not load the AccessKey for this account.',
        cause: e,
      });
    }
    if (!creds || !creds.accessKeyId || !creds.accessKeySecret) {
      throw new CloudError({
        kind: 'config',
        provider: this.provider,
        action,
        region,
        code: LocalCodes.missingCredentials,
        message: 'No AccessKey is configured for this account.',
      });
    }
    // A control character in a header value makes the HTTP layer refuse the request; say which value, never the value.
    const bad = badCredentialField(creds);
    if (bad) {
      throw new CloudError({
        kind: 'config',
        provider: this.provider,
        action,
        region,
        code: LocalCodes.invalidCredentials,
        field: bad,
        message: `The ${bad} of this account contains a line break or another control character; it cannot be sent, so nothing was sent.`,
      });
    }
    return creds;
  }

  /**
   * Runs a call; when the cloud answers that the STS token expired and the credentials can be refreshed, drops them
   * and runs it once more (the server refused the request before acting on it).
   */
  protected async refreshingOnExpiry<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      const c = this.options.credentials;
      if (
        e instanceof CloudError &&
        e.kind === 'api' &&
        typeof c === 'function' &&
        c.invalidate &&
        EXPIRED_TOKEN_CODES[this.provider].includes(e.code)
      ) {
        c.invalidate();
        return run();
      }
      throw e;
    }
  }
}
