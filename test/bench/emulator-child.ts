/**
 * The emulator in its own process for the bench, so the server and the client under test each get a core.
 * Parent → child messages: { id, op: 'reset' | 'ledger' | 'cpu' | 'network' | 'stop', arg? }. Child → parent: { id, ok, value? }.
 * 'network' applies arg (a NetworkSpec: delay, rate limit) when given and answers the settings and stats.
 */
import { startEmulator, type LargeOptions, type NetworkSpec, type SeedName } from '../emulator/index';

async function main(): Promise<void> {
  const seed = (process.env.BENCH_SEED as SeedName | undefined) ?? 'large';
  const large = process.env.BENCH_LARGE ? (JSON.parse(process.env.BENCH_LARGE) as LargeOptions) : undefined;
  const emu = await startEmulator({ seed, large, transitionDelayMs: 60 * 60_000 });
  const send = (m: unknown) => process.send?.(m);
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
