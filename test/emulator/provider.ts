/** What the server needs from each provider module. */
import type { Call, EmuRequest, EmuResponse } from './http-types';
import type { Provider } from './ledger';

export type ErrorFault = 'internal-error' | 'unavailable' | 'throttle';

export interface ProviderApi {
  readonly provider: Provider;
  /** Authenticate and route; an EmuResponse means the request was refused. */
  prepare(req: EmuRequest): Call | EmuResponse;
  run(call: Call): EmuResponse;
  /** Error answer for an injected fault (no side effect). */
  faultError(call: Call, kind: ErrorFault, retryAfterMs: number): EmuResponse;
  /** An API error answer in the provider's envelope (for the 'error' fault). */
  apiError(call: Call, status: number, code: string, message: string): EmuResponse;
  /** Idempotency key + fingerprint, when the call carries a ClientToken. */
  idempotency(call: Call): { key: string; fingerprint: string } | undefined;
  idempotencyError(call: Call, which: 'mismatch' | 'processing'): EmuResponse;
  /** Remove a field the client requires (for the 'missing-field' fault). */
  dropRequiredField(body: Record<string, unknown>): void;
}
