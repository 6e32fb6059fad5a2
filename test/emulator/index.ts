/** In-process entry: startEmulator() runs the Volcengine and Alibaba emulators on 127.0.0.1. */
import type { AddressInfo } from 'node:net';
import { aliyunApi } from './aliyun';
import { NonceStore } from './aliyun/nonces';
import { Clock } from './clock';
import { applyFlags, controlHandler, type FlagSpec } from './control';
import { Faults } from './faults';
import { Idempotency } from './idempotency';
import { Ledger } from './ledger';
import { Network, validateDelay, validateRateLimit, type RateLimitSpec } from './network';
import { RequestCounts } from './requests';
import { applySeed, type LargeOptions, type SeedName } from './seeds';
import { createServer } from './server';
import { DEMO_ACCOUNTS, State, type AccountSpec } from './state';
import { volcengineApi } from './volcengine';
import { startMetadata, type MetadataServer } from './metadata';
import { StsIssuer } from './sts';

export { Clock } from './clock';
export { Faults, FAULT_KINDS, type FaultKind, type FaultSpec } from './faults';
export { Ledger, type LedgerEntry, type LedgerKind } from './ledger';
export { RequestCounts, type RequestCount } from './requests';
export { Network, type NetworkSpec, type NetworkStats, type RateLimitSpec } from './network';
export { State, DEMO_ACCOUNTS, type AccountSpec } from './state';
export type { FlagSpec } from './control';
export type { SeedName, LargeOptions } from './seeds';
export { StsIssuer, ALI_STS_VERSION, VOLC_STS_VERSION } from './sts';

export interface EmulatorOptions {
  volcenginePort?: number; // 0 (default) = free port
  aliyunPort?: number;
  seed?: SeedName; // default 'demo'
  large?: LargeOptions;
  accounts?: AccountSpec[]; // default DEMO_ACCOUNTS
  faultSeed?: number; // default 1
  transitionDelayMs?: number; // default 1500
  /** Start the instance-metadata stand-in (both clouds) with these instance roles. */
  metadata?: { roles?: { aliyun?: string; volcengine?: string }; durationSeconds?: number };
  /** Fixed delay before each API request is handled (ms, real time; default 0). */
  delayMs?: number;
  /** Token-bucket limit per account and action (default none). */
  rateLimit?: RateLimitSpec;
  /** The wait used for delayMs (tests inject one; default setTimeout). */
  sleep?: (ms: number) => Promise<void>;
  /** Real time (ms) for the clock and the real-time transitions (tests inject one; default Date.now). */
  realNow?: () => number;
  /** Starts the timer that applies due transitions every `ms`; returns its stop (tests inject one; default an unref'd setInterval). */
  every?: (ms: number, fn: () => void) => () => void;
  /** The wait of the latency fault (tests inject one to hold a request until they release it; default setTimeout). */
  latencySleep?: (ms: number) => Promise<void>;
}

export interface Emulator {
  volcengineUrl: string;
  aliyunUrl: string;
  clock: Clock;
  faults: Faults;
  ledger: Ledger;
  requests: RequestCounts;
  state: State;
  /** STS AssumeRole issuer (both clouds): issued credentials, refused roles. */
  sts: StsIssuer;
  /** Instance-metadata stand-in base URL, when started with `metadata`. */
  metadataUrl?: string;
  /** Per-request delay and rate limit (configure() changes them; reset restores the start values). */
  network: Network;
  /** Reseed (default: the seed given at start); also clears ledger, faults, idempotency tokens, request counts and the
   * clock offset, and restores the transition delay, request delay and rate limit given at start. */
  reset(seed?: SeedName, large?: LargeOptions): void;
  /** Stock / sale / authorization / arrearage flags (Alibaba ModifyReservedInstances refusals). */
  setFlags(f: FlagSpec): void;
  stop(): Promise<void>;
}

function everyUnref(ms: number, fn: () => void): () => void {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const clock = new Clock(opts.realNow);
  const ledger = new Ledger();
  const faults = new Faults(opts.faultSeed ?? 1);
  const idempotency = new Idempotency();
  const nonces = new NonceStore();
  const requests = new RequestCounts();
  const transitionDelayMs = opts.transitionDelayMs ?? 1500;
  const state = new State(clock, transitionDelayMs, opts.accounts ?? DEMO_ACCOUNTS);
  const sts = new StsIssuer(clock);
  state.temporary = (ak) => sts.account(ak);
  state.expired = (acc) => sts.isExpired(acc);
  const startNetwork = { delayMs: validateDelay(opts.delayMs ?? 0), rateLimit: opts.rateLimit ? validateRateLimit(opts.rateLimit) : null };
  const network = new Network(() => clock.nowMs(), opts.sleep);
  network.configure(startNetwork);
  let lastSeed: SeedName = opts.seed ?? 'demo';
  let lastLarge = opts.large;
  const reset = (seed?: SeedName, large?: LargeOptions) => {
    lastSeed = seed ?? lastSeed;
    lastLarge = large ?? lastLarge;
    clock.reset();
    ledger.clear();
    faults.clear();
    faults.seed(opts.faultSeed ?? 1);
    idempotency.clear();
    requests.clear();
    sts.clear();
    state.transitionDelayMs = transitionDelayMs;
    network.configure(startNetwork);
    applySeed(state, lastSeed, lastLarge);
  };
  applySeed(state, lastSeed, lastLarge);
  clock.onChange = () => state.tick();
  const stopTicker = (opts.every ?? everyUnref)(100, () => state.tick());
  const control = controlHandler({ state, clock, faults, ledger, requests, reset, network });
  const volc = createServer({
    api: volcengineApi(state, ledger, sts),
    faults,
    idempotency,
    requests,
    control,
    network,
    latencySleep: opts.latencySleep,
  });
  const ali = createServer({
    api: aliyunApi(state, ledger, nonces, sts),
    faults,
    idempotency,
    requests,
    control,
    network,
    latencySleep: opts.latencySleep,
  });
  const listen = (s: typeof volc, port: number) =>
    new Promise<number>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(port, '127.0.0.1', () => resolve((s.server.address() as AddressInfo).port));
    });
  const vp = await listen(volc, opts.volcenginePort ?? 0);
  let ap: number;
  try {
    ap = await listen(ali, opts.aliyunPort ?? 0);
  } catch (e) {
    volc.server.close();
    throw e;
  }
  const close = (s: typeof volc) =>
    new Promise<void>((resolve) => {
      s.server.close(() => resolve());
      for (const sock of s.sockets) sock.destroy();
    });
  let metadata: MetadataServer | undefined;
  if (opts.metadata) {
    metadata = await startMetadata(state, sts, {
      roles: {
        aliyun: opts.metadata.roles?.aliyun ?? 'EcsExplorerInstanceRole',
        volcengine: opts.metadata.roles?.volcengine ?? 'EcsExplorerInstanceRole',
      },
      durationSeconds: opts.metadata.durationSeconds,
    });
  }
  return {
    volcengineUrl: `http://127.0.0.1:${vp}`,
    aliyunUrl: `http://127.0.0.1:${ap}`,
    clock,
    faults,
    ledger,
    requests,
    state,
    sts,
    network,
    metadataUrl: metadata?.url,
    reset,
    setFlags: (f) => applyFlags(state, f),
    stop: async () => {
      stopTicker();
      await Promise.all([close(volc), close(ali), metadata?.stop()]);
    },
  };
}
