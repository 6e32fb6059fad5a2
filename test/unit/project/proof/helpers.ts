/**
 * Shared by the proof suites: an in-process emulator with proof accounts (distinctive secrets and STS tokens,
 * so the security suite can look for them), fast client settings, and an evidence log of everything the
 * product printed or reported (CallRecords, error texts, stderr) for the secret scan.
 */
import { CloudError } from '../../../../src/core/errors';
import { VolcengineClient } from '../../../../src/core/clients/volcengine';
import { AliyunClient } from '../../../../src/core/clients/aliyun';
import type { TransportSettings } from '../../../../src/core/http/transport';
import type { CallRecord, Credentials } from '../../../../src/core/types';
import { startEmulator, DEMO_ACCOUNTS, type Emulator, type LargeOptions } from '../../../emulator/index';

export const VOLC: Credentials = {
  accessKeyId: 'AKLTcHJvb2Ytc3VpdGUta2V5',
  accessKeySecret: 'UHJvb2ZTZWNyZXQtVm9sYy05ZjNlMmExYg==',
  securityToken: 'STSProofTokenVolc-4b9d7e1c2a',
};
export const ALI: Credentials = {
  accessKeyId: 'LTAI5tProofSuiteKey0001',
  accessKeySecret: 'ProofSecretAliyun7d2c91e4',
  securityToken: 'CAIS.ProofTokenAliyun-8e1f3b',
};
/** Values that must never appear in any output. */
export const SECRETS = [VOLC.accessKeySecret, ALI.accessKeySecret, VOLC.securityToken!, ALI.securityToken!];

export const FAST: Partial<TransportSettings> = {
  connectTimeoutMs: 1000,
  headersTimeoutMs: 400,
  bodyTimeoutMs: 400,
  maxRetries: 3,
  retryBaseMs: 1,
  retryMaxMs: 4,
};

/** Everything the product said during the proof suites. */
export const evidence = {
  calls: [] as CallRecord[],
  texts: [] as string[],
};

export function record(e: unknown): void {
  if (e instanceof CloudError) {
    evidence.texts.push(e.message, e.describe(), e.stack ?? '', JSON.stringify({ ...e }));
    let c: unknown = (e as { cause?: unknown }).cause;
    for (let i = 0; c && i < 5; i++) {
      evidence.texts.push(c instanceof Error ? `${c.message}\n${c.stack ?? ''}` : String(c));
      c = (c as { cause?: unknown }).cause;
    }
  } else if (e instanceof Error) evidence.texts.push(e.message, e.stack ?? '');
  else evidence.texts.push(safeJson(e));
}

export function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

// Capture stderr (the emulator logs failures there) for the scan, and still print it.
let stderrHooked = false;
export function hookStderr(): void {
  if (stderrHooked) return;
  stderrHooked = true;
  const orig = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: unknown, ...rest: unknown[]) => {
    evidence.texts.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
    return (orig as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stderr.write;
}

export const SMALL: LargeOptions = {
  volcengineRegions: 1,
  instancesPerRegion: 300,
  reservationsPerRegion: 30,
  aliyunRegions: 1,
  reservedInstancesPerRegion: 40,
};

/** `latencySleep`: the wait of the latency fault (a test holds requests with it; default a real timer). */
export async function proofEmulator(
  large: LargeOptions = SMALL,
  faultSeed = 7,
  latencySleep?: (ms: number) => Promise<void>,
): Promise<Emulator> {
  hookStderr();
  return startEmulator({
    seed: 'large',
    large,
    faultSeed,
    latencySleep,
    transitionDelayMs: 60 * 60_000,
    accounts: [...DEMO_ACCOUNTS, { provider: 'volcengine', ...VOLC } as never, { provider: 'aliyun', ...ALI } as never],
  });
}

export function clients(
  emu: Emulator,
  settings: Partial<TransportSettings> = FAST,
): { volc: VolcengineClient; ali: AliyunClient; close(): Promise<void> } {
  const onCall = (r: CallRecord) => evidence.calls.push(r);
  const volc = new VolcengineClient({ credentials: VOLC, endpoint: emu.volcengineUrl, transportSettings: settings, onCall });
  // Waits (retry backoff, a lost Modify answer's reconciliation window) pass at once: no wall-clock sleeping.
  const ali = new AliyunClient({
    credentials: ALI,
    endpoint: emu.aliyunUrl,
    transportSettings: { sleep: async () => undefined, ...settings },
    onCall,
  });
  return { volc, ali, close: async () => void (await Promise.all([volc.close(), ali.close()])) };
}

/** Runs fn, records what it threw, returns the value or the error. */
export async function settle<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    record(error);
    return { ok: false, error };
  }
}

/** State of one region of the proof account, straight from the emulator (not through the client). */
export function volcRegion(emu: Emulator) {
  const acc = emu.state.account(VOLC.accessKeyId)!;
  emu.state.tick();
  const region = emu.state.volcRegions[0].regionId;
  return { region, state: emu.state.volcRegion(acc, region)! };
}

export function aliRegion(emu: Emulator) {
  const acc = emu.state.account(ALI.accessKeyId)!;
  emu.state.tick();
  const region = emu.state.aliRegions[0].regionId;
  return { region, state: emu.state.aliRegion(acc, region)! };
}
