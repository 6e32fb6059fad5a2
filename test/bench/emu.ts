/** Starts test/bench/emulator-child in its own process and talks to it over IPC. */
import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { NetworkSpec, NetworkStats } from '../emulator/index';

export interface BenchEmulator {
  volcengineUrl: string;
  aliyunUrl: string;
  volcRegions: string[];
  aliRegions: string[];
  reset(): Promise<void>;
  ledger(): Promise<{ action: string; resourceIds: string[]; clientToken?: string }[]>;
  /** CPU time (user + system, ms) the emulator process has used so far. */
  cpuMs(): Promise<number>;
  /** Sets the per-request delay / rate limit (when given; zeroes the stats) and reads them back with the stats. */
  network(spec?: NetworkSpec): Promise<{ delayMs: number; stats: NetworkStats }>;
  stop(): Promise<void>;
}

export const VOLC_CREDS = { accessKeyId: 'AKLTZGVtby1lY3MtZXhwbG9yZXI', accessKeySecret: 'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==' };
export const ALI_CREDS = { accessKeyId: 'LTAI5tDemoEcsExplorer01', accessKeySecret: 'DemoAliyunSecretEcsExplorer01' };

export async function startBenchEmulator(env: Record<string, string> = {}): Promise<BenchEmulator> {
  const child: ChildProcess = fork(path.join(__dirname, 'emulator-child.js'), [], {
    env: { ...process.env, ...env },
    execArgv: [...process.execArgv, '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let next = 1;
  const waiting = new Map<number, (m: { ok: boolean; value?: unknown }) => void>();
  const ready = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`bench emulator exited (${code})`)));
    child.on('message', (m: Record<string, unknown>) => {
      if (m.ready) resolve(m);
      else waiting.get(m.id as number)?.(m as { ok: boolean; value?: unknown });
    });
  });
  const info = await ready;
  const call = (op: string, arg?: unknown) =>
    new Promise<unknown>((resolve, reject) => {
      const id = next++;
      waiting.set(id, (m) => {
        waiting.delete(id);
        if (m.ok) resolve(m.value);
        else reject(new Error(String(m.value)));
      });
      child.send({ id, op, arg });
    });
  return {
    volcengineUrl: info.volcengineUrl as string,
    aliyunUrl: info.aliyunUrl as string,
    volcRegions: info.volcRegions as string[],
    aliRegions: info.aliRegions as string[],
    reset: async () => {
      await call('reset');
    },
    ledger: async () => (await call('ledger')) as { action: string; resourceIds: string[]; clientToken?: string }[],
    cpuMs: async () => (await call('cpu')) as number,
    network: async (spec) => (await call('network', spec)) as { delayMs: number; stats: NetworkStats },
    stop: async () => {
      child.removeAllListeners('exit');
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        child.send({ id: next++, op: 'stop' });
      } catch {
        /* already gone */
      }
      const t = setTimeout(() => child.kill(), 5000);
      await gone;
      clearTimeout(t);
    },
  };
}

/** Tiny semaphore used to give the official SDKs the same in-flight limit as our Transport. */
export class Gate {
  private active = 0;
  private queue: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.queue.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

/** Every instance of the default seed's Volcengine regions, as the API returned them (the tree and Go to Resource rows' data). */
export async function cachedVolcInstances(): Promise<{ regions: string[]; data: Record<string, unknown>[][] }> {
  const { VolcengineClient } = await import('../../src/core/clients/volcengine');
  const emu = await startBenchEmulator();
  try {
    const c = new VolcengineClient({ credentials: VOLC_CREDS, endpoint: emu.volcengineUrl });
    const regions = emu.volcRegions;
    const data = (await Promise.all(regions.map((r) => c.describeInstances(r)))) as unknown as Record<string, unknown>[][];
    await c.close();
    return { regions, data };
  } finally {
    await emu.stop();
  }
}
