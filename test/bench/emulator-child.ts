/**
 * The emulator in its own process for the bench, so the server and the client under test each get a core.
 * Parent → child messages: { id, op: 'reset' | 'ledger' | 'cpu' | 'network' | 'stop', arg? }. Child → parent: { id, ok, value? }.
 * 'network' applies arg (a NetworkSpec: delay, rate limit) when given and answers the settings and stats.
 */
import { appendFileSync } from 'node:fs';
import { startEmulator, type LargeOptions, type NetworkSpec, type SeedName } from '../emulator/index';
import type { Call } from '../emulator/http-types';
import type { Provider } from '../emulator/ledger';
import type { Network } from '../emulator/network';

const SIGNING = /^(Signature|SignatureNonce|Timestamp|SignatureMethod|SignatureVersion|AccessKeyId|SecurityToken|Format|X-.*)$/;
const wall = () => performance.timeOrigin + performance.now();

/**
 * BENCH_RATE_TRACE=file: appends one JSON line per API request as the emulator saw it (arrival before the delay,
 * when its bucket was checked and the time the bucket took for it, admitted or not), for the rate rows' traces.
 * Bench only.
 */
function traceNetwork(network: Network, file: string): () => void {
  const lines: string[] = [];
  const arrivals: number[] = []; // FIFO: the delay is the same for every request, so wake-ups keep arrival order
  const sleep = network.sleep.bind(network);
  (network as { sleep: (ms: number) => Promise<void> }).sleep = (ms) => {
    arrivals.push(wall());
    return sleep(ms);
  };
  const admit = network.admit.bind(network);
  network.admit = (provider: Provider, call: Call, at?: number) => {
    const r = admit(provider, call, at);
    const checked = wall();
    const bucketAt = at === undefined ? checked : checked - (network.arrival() - at);
    const params = Object.keys(call.params)
      .filter((k) => !SIGNING.test(k))
      .sort()
      .map((k) => `${k}=${call.params[k]}`)
      .join('&');
    lines.push(
      JSON.stringify({
        arrived: arrivals.shift(),
        checked,
        bucketAt,
        provider,
        action: call.action,
        key: `${call.region}|${call.action}|${params}`,
        ok: r.ok,
      }),
    );
    return r;
  };
  return () => {
    if (lines.length) appendFileSync(file, lines.join('\n') + '\n');
    lines.length = 0;
  };
}

async function main(): Promise<void> {
  const seed = (process.env.BENCH_SEED as SeedName | undefined) ?? 'large';
  const large = process.env.BENCH_LARGE ? (JSON.parse(process.env.BENCH_LARGE) as LargeOptions) : undefined;
  const emu = await startEmulator({ seed, large, transitionDelayMs: 60 * 60_000 });
  const send = (m: unknown) => process.send?.(m);
  const flush = process.env.BENCH_RATE_TRACE ? traceNetwork(emu.network, process.env.BENCH_RATE_TRACE + '.emu.jsonl') : () => undefined;
  send({
    ready: true,
    volcengineUrl: emu.volcengineUrl,
    aliyunUrl: emu.aliyunUrl,
    volcRegions: emu.state.volcRegions.map((r) => r.regionId),
    aliRegions: emu.state.aliRegions.map((r) => r.regionId),
  });
  process.on('message', async (m: { id: number; op: string; arg?: unknown }) => {
    try {
      let value: unknown;
      if (m.op === 'reset') {
        emu.reset();
        // Collect the old state's garbage now (untimed), not during the next timed run.
        (globalThis as { gc?: () => void }).gc?.();
      } else if (m.op === 'ledger') value = emu.ledger.entries();
      else if (m.op === 'network') {
        flush();
        if (m.arg) emu.network.configure(m.arg as NetworkSpec);
        value = { delayMs: emu.network.delayMs, rateLimit: emu.network.rateLimit ?? null, stats: emu.network.stats() };
      } else if (m.op === 'cpu') {
        const u = process.cpuUsage();
        value = (u.user + u.system) / 1000;
      } else if (m.op === 'stop') {
        await emu.stop();
        send({ id: m.id, ok: true });
        process.exit(0);
      }
      send({ id: m.id, ok: true, value });
    } catch (e) {
      send({ id: m.id, ok: false, value: String(e) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((e) => {
  process.stderr.write(`bench emulator: ${String(e)}\n`);
  process.exit(1);
});
