/** Fault injection: per action or global, probability (seeded PRNG) and/or count. */
import type { Provider } from './ledger';
import { documentedError, isDocumentedAction, DOCUMENTED_ERRORS } from './documented-errors';

export const FAULT_KINDS = [
  'latency', // delay before handling (the request stays "in process" meanwhile)
  'internal-error', // 500 InternalError, no side effect
  'unavailable', // 503 ServiceUnavailable, no side effect
  'throttle', // 429 FlowLimitExceeded (Volcengine) / 400 Throttling + x-acs-retry-after (Alibaba), no side effect
  'reset-before', // connection reset before the side effect
  'reset-after', // side effect applied, then connection reset
  'hang', // side effect applied, no response ever (until the client gives up or the server stops)
  'truncated-json', // side effect applied, body cut in half
  'malformed-json', // side effect applied, body is not JSON
  'missing-field', // side effect applied, a required response field removed
  'error', // a documented error of the action (see documented-errors.ts), no side effect
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  kind: FaultKind;
  provider?: Provider; // default: both
  action?: string; // default '*' (every action)
  probability?: number; // 0..1, default 1
  count?: number; // fire at most N times, then the rule is removed
  latencyMs?: number; // for 'latency' (default 2000)
  retryAfterMs?: number; // for Alibaba 'throttle' (default 1000)
  // For 'error': the documented row to answer with (action must be one of the documented actions).
  code?: string;
  status?: number; // picks the row with this status when the code is documented with several
  variant?: number; // 0-based, among the rows left (e.g. the second OperationDenied)
  message?: string; // fills a '%s' message (default: the code)
}

export interface ActiveFault extends FaultSpec {
  id: number;
  fired: number;
}

/** mulberry32: small, fast, reproducible. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function validateFault(spec: unknown): FaultSpec {
  const s = spec as FaultSpec;
  if (!s || typeof s !== 'object') throw new Error('fault spec must be an object');
  if (!FAULT_KINDS.includes(s.kind)) throw new Error(`unknown fault kind ${String(s.kind)}; one of ${FAULT_KINDS.join(', ')}`);
  if (s.provider !== undefined && s.provider !== 'volcengine' && s.provider !== 'aliyun')
    throw new Error('provider must be volcengine or aliyun');
  if (s.action !== undefined && typeof s.action !== 'string') throw new Error('action must be a string');
  if (s.probability !== undefined && !(typeof s.probability === 'number' && s.probability >= 0 && s.probability <= 1))
    throw new Error('probability must be in 0..1');
  if (s.count !== undefined && !(Number.isInteger(s.count) && s.count >= 1)) throw new Error('count must be an integer >= 1');
  if (s.latencyMs !== undefined && !(typeof s.latencyMs === 'number' && s.latencyMs >= 0)) throw new Error('latencyMs must be >= 0');
  if (s.retryAfterMs !== undefined && !(typeof s.retryAfterMs === 'number' && s.retryAfterMs >= 0))
    throw new Error('retryAfterMs must be >= 0');
  if (s.kind === 'error') {
    if (!s.action || !isDocumentedAction(s.action))
      throw new Error(`an 'error' fault needs action ${Object.keys(DOCUMENTED_ERRORS).join(', ')}`);
    if (typeof s.code !== 'string') throw new Error("an 'error' fault needs a code");
    if (s.status !== undefined && !Number.isInteger(s.status)) throw new Error('status must be an integer');
    if (s.variant !== undefined && !(Number.isInteger(s.variant) && s.variant >= 0)) throw new Error('variant must be an integer >= 0');
    if (s.message !== undefined && typeof s.message !== 'string') throw new Error('message must be a string');
    documentedError(s.action, s.code, s); // throws when the action does not document it
  }
  return { ...s };
}

/** Parse the CLI form `action:kind[:probability]` (action `*` = all). */
export function parseFaultArg(arg: string): FaultSpec {
  const [action, kind, p] = arg.split(':');
  return validateFault({ action: action || '*', kind, probability: p === undefined ? undefined : Number(p) });
}

export class Faults {
  private rules: ActiveFault[] = [];
  private nextId = 1;
  private rand: () => number;
  /** Fired faults in order, for tests: kind and action. */
  readonly log: { id: number; kind: FaultKind; provider: Provider; action: string }[] = [];

  constructor(seed = 1) {
    this.rand = prng(seed);
  }

  seed(n: number): void {
    this.rand = prng(n);
  }

  add(spec: FaultSpec): number {
    const f: ActiveFault = { ...validateFault(spec), id: this.nextId++, fired: 0 };
    this.rules.push(f);
    return f.id;
  }
  remove(id: number): void {
    this.rules = this.rules.filter((r) => r.id !== id);
  }
  clear(): void {
    this.rules = [];
    this.log.length = 0;
  }
  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** The fault to apply to this call, if any (consumes count / PRNG draws). */
  pick(provider: Provider, action: string): ActiveFault | undefined {
    if (this.rules.length === 0) return undefined;
    for (const r of this.rules) {
      if (r.provider && r.provider !== provider) continue;
      if (r.action && r.action !== '*' && r.action !== action) continue;
      const p = r.probability ?? 1;
      if (p < 1 && !(this.rand() < p)) continue;
      r.fired++;
      this.log.push({ id: r.id, kind: r.kind, provider, action });
      if (r.count !== undefined && r.fired >= r.count) this.remove(r.id);
      return { ...r };
    }
    return undefined;
  }
}
