/** Options and helpers shared by the provider clients. */
import { randomUUID } from 'node:crypto';
import { CloudError, LocalCodes } from '../errors';
import { Transport, type TransportSettings } from '../http/transport';
import { checkBaseUrl } from '../endpoints';
import type { CallRecord, Credentials, Provider } from '../types';

export interface ClientOptions {
  credentials: Credentials | (() => Promise<Credentials>);
  /** Base URL override (emulator/proxy); checked by checkBaseUrl. */
  endpoint?: string;
  /** Shared per provider; created from transportSettings when absent (and closed by `close()`). */
  transport?: Transport;
  transportSettings?: Partial<TransportSettings>;
  now?: () => Date;
  onCall?: (rec: CallRecord) => void;
  /** Default scheduling priority of this client's calls (Priority in http/scheduler.ts); a call's own wins. */
  priority?: number;
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

export function chunk<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export function cancelledError(provider: Provider, action: string, region: string): CloudError {
  return new CloudError({ kind: 'cancelled', provider, action, region, code: LocalCodes.cancelled, message: 'The operation was cancelled.' });
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
      checkBaseUrl(options.endpoint);
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
        kind: 'config', provider: this.provider, action, region, code: LocalCodes.missingCredentials,
        message: 'Could not load the AccessKey for this account.', cause: e,
      });
    }
    if (!creds || !creds.accessKeyId || !creds.accessKeySecret) {
      throw new CloudError({
        kind: 'config', provider: this.provider, action, region, code: LocalCodes.missingCredentials,
        message: 'No AccessKey is configured for this account.',
      });
    }
    return creds;
  }
}
