/**
 * Rows under real-network conditions: the emulator holds every API request for a fixed delay (50 ms, 150 ms) and,
 * for one row, answers its own throttling error past 10 requests/s per account and action. Each row is compared
 * with a floor measured in the same run (see docs/performance-network.md). Also the body-reading question of
 * issue 21: our bytes → json-text path vs undici's text() / json() on the same bodies.
 *
 *   node out/test/bench/network.js [--runs N] [--delays 50,150] [--only list,list30,delete,rate,rate1,body,host] [--quick]
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { Pool } from 'undici';
import { VolcengineClient } from '../../src/core/clients/volcengine';
import { AliyunClient } from '../../src/core/clients/aliyun';
import { jsonText } from './json-text';
import { Transport } from '../../src/core/http/transport';
import { chains, official, ours, resign, sendFloor, type Recorded } from './list';
import { deleteSetup } from './delete';
import { ALI_CREDS, startBenchEmulator, VOLC_CREDS } from './emu';
import { fmt, fmtSummary, maybeGc, nowMs, printTable, ratios, Row, summarize } from './stats';

export interface NetworkBenchOptions {
  runs: number;
  delays: number[];
  only?: string[];
  quick?: boolean;
}

/** CPU model and flags (Linux /proc/cpuinfo; the model alone elsewhere), for the table's header. */
export function cpuDescription(): string {
  const model = os.cpus()[0]?.model ?? 'unknown cpu';
  let flags = '';
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    flags = /^flags\s*:\s*(.*)$/m.exec(info)?.[1] ?? '';
  } catch {
    /* not Linux */
  }
  return `cpu: ${model}, ${os.cpus().length} cores${flags ? `\ncpu flags: ${flags}` : ''}`;
}

const LARGE_30 = { aliyunRegions: 30 };

/** List everything at a delay: ours vs the raw-undici floor (same requests, best order) vs the official SDKs. */
async function listRow(delayMs: number, runs: number, large: Record<string, number> | undefined, label: string): Promise<Row[]> {
  const emu = await startBenchEmulator(large ? { BENCH_LARGE: JSON.stringify(large) } : {});
  try {
    const log: Recorded[] = [];
    const expected = await ours(emu, log); // discovery, no delay
    const recorded = chains(log);
    await emu.network({ delayMs });
    const t = { ours: [] as number[], floor: [] as number[], official: [] as number[] };
    for (let i = 0; i < runs; i++) {
      const order = (['ours', 'floor', 'official'] as const).map((_, j, a) => a[(i + j) % a.length]);
      for (const w of order) {
        maybeGc();
        const pre = w === 'floor' ? recorded.map((c) => c.map((step) => step.map(resign))) : [];
        const t0 = nowMs();
        if (w === 'floor') {
          const r = await sendFloor(pre, 8, true);
          if (r.requests !== log.length) throw new Error(`floor sent ${r.requests} requests, expected ${log.length}`);
        } else {
          const n = w === 'ours' ? await ours(emu) : await official(emu);
          if (n !== expected) throw new Error(`${w} listed ${n} items, expected ${expected}`);
        }
        t[w].push(nowMs() - t0);
      }
    }
    const vsFloor = summarize(ratios(t.ours, t.floor));
    const speedup = summarize(ratios(t.official, t.ours));
    const what = `list all (${label}) at ${delayMs} ms`;
    return [
      {
        what: `${what} vs floor`,
        ours: fmtSummary(summarize(t.ours), 'ms'),
        comparedWith:
          'raw undici, same requests in the best order (NextToken chains; Alibaba pages 2…N after page 1), ≤ 8 per origin, JSON.parse',
        baseline: fmtSummary(summarize(t.floor), 'ms'),
        ratio: fmtSummary(vsFloor, '×'),
        target: '≤ 1.1× floor',
        verdict: vsFloor.median <= 1.1 ? 'met' : 'MISSED',
        notes: [
          `${runs} runs of each (order rotated); ${expected.toLocaleString('en-US')} items in ${log.length} page requests; every request held ${delayMs} ms by the emulator.`,
        ],
      },
      {
        what: `${what} vs official SDKs`,
        ours: fmtSummary(summarize(t.ours), 'ms'),
        comparedWith: '@volcengine/openapi + @alicloud/pop-core, same page loops and 8-in-flight gate',
        baseline: fmtSummary(summarize(t.official), 'ms'),
        ratio: fmtSummary(speedup, '× faster'),
        target: '≥ 2× faster',
        verdict: speedup.median >= 2 ? 'met' : 'MISSED',
        notes: [`official SDKs vs the floor: ${fmtSummary(summarize(ratios(t.official, t.floor)), '×')}.`],
      },
    ];
  } finally {
    await emu.stop();
  }
}

/** Delete 2,000 instances (20 calls of 100, one at a time) at a delay vs the same 20 calls over raw undici. */
async function deleteRow(delayMs: number, runs: number): Promise<Row> {
  const { emu, region, ids, presign } = await deleteSetup();
  try {
    const t = { ours: [] as number[], floor: [] as number[] };
    for (let i = 0; i < runs * 2; i++) {
      const which = (i + Math.floor(i / 2)) % 2 === 0 ? 'ours' : 'floor';
      await emu.reset(); // also restores delay 0: set it again
      await emu.network({ delayMs });
      maybeGc();
      if (which === 'ours') {
        const client = new VolcengineClient({ credentials: VOLC_CREDS, endpoint: emu.volcengineUrl });
        const t0 = nowMs();
        const r = await client.deleteInstances(region, ids);
        t.ours.push(nowMs() - t0);
        await client.close();
        if (r.outcomes.length !== ids.length || r.calls.length !== 20) throw new Error('delete: wrong number of outcomes or calls');
      } else {
        const pre = presign();
        const t0 = nowMs();
        const r = await sendFloor(pre, 8);
        t.floor.push(nowMs() - t0);
        if (r.requests !== 20) throw new Error('floor: wrong number of calls');
      }
    }
    const ratio = summarize(ratios(t.ours, t.floor));
    return {
      what: `delete 2,000 instances at ${delayMs} ms`,
      ours: fmtSummary(summarize(t.ours), 'ms'),
      comparedWith: 'raw undici, the same 20 calls one after another, pre-signed',
      baseline: fmtSummary(summarize(t.floor), 'ms'),
      ratio: fmtSummary(ratio, '×'),
      target: '≤ 1.1× floor',
      verdict: ratio.median <= 1.1 ? 'met' : 'MISSED',
      notes: [`${runs} runs of each; floor for one call ≈ ${delayMs} ms + handling, so 20 calls ≥ ${fmt(20 * delayMs)} ms.`],
    };
  } finally {
    await emu.stop();
  }
}

const SIGNING = /^(Signature|SignatureNonce|Timestamp|SignatureMethod|SignatureVersion|AccessKeyId|SecurityToken|Format|X-.*)$/;

/**
 * BENCH_RATE_TRACE=file (bench only): each request a transport puts on the wire, as one JSON line appended to
 * file.client.jsonl: when it went (wall clock, ms, comparable with the emulator child's trace), its request key
 * (region, action, parameters without signing ones) and its flow's pacing state. The emulator child writes
 * file.emu.jsonl (test/bench/emulator-child.ts).
 */
function traceTransport(t: Transport, run: number, lines: string[]): void {
  const tt = t as unknown as { pool(origin: string): Pool; scheduler: { flows: Map<string, Record<string, unknown>> } };
  const pool = tt.pool.bind(t);
  tt.pool = (origin) => {
    const p = pool(origin);
    return {
      request: (o: { path: string; body?: string; headers: Record<string, string> }) => {
        const u = new URL(o.path, 'http://x');
        const params = new URLSearchParams(u.search);
        if (o.body) for (const [k, v] of new URLSearchParams(o.body)) params.set(k, v);
        const cred =
          params.get('X-Credential') ?? /Credential=([^,]+)/.exec(o.headers.authorization ?? o.headers.Authorization ?? '')?.[1] ?? '';
        const region = params.get('RegionId') ?? cred.split('/')[2] ?? '';
        const action = params.get('Action') ?? '';
        const keyParams = [...params.keys()]
          .filter((k) => !SIGNING.test(k))
          .sort()
          .map((k) => `${k}=${params.get(k)}`)
          .join('&');
        const flow = [...tt.scheduler.flows].find(([k]) => k.endsWith(`|${action}`))?.[1];
        const sent = performance.timeOrigin + performance.now();
        const r = (p.request as (x: unknown) => Promise<unknown>)(o);
        const state = flow && {
          rate: flow.rate,
          good: flow.good,
          bad: flow.bad,
          retryAt: flow.retryAt === 0 ? 0 : performance.timeOrigin + (flow.retryAt as number),
          retrying: [...(flow.throttled as Set<number>)].length,
        };
        lines.push(JSON.stringify({ run, sent, key: `${region}|${action}|${keyParams}`, action, flow: state }));
        return r;
      },
      close: () => p.close(),
    } as unknown as Pool;
  };
}

/**
 * List the `large` seed (--quick: 3 + 3 regions) under a rate limit of `rate` requests/s per account and action,
 * a token bucket of `burst` (default one second's worth, the emulator's default; burst 1 is the strict variant,
 * where any jitter in arrival times throttles a request paced at exactly the rate): the floor is the
 * busiest action's pages ÷ rate (each action has its own bucket). Also counts throttled answers and requests
 * throttled twice in a row (emulator stats).
 */
async function rateRow(delayMs: number, runs: number, quick: boolean, burst?: number, rate = 10): Promise<Row> {
  // The whole `large` seed (10 + 10 regions, 200 pages of the busiest action: 20 s at 10/s); --quick: 3 + 3 regions.
  const large = quick
    ? { volcengineRegions: 3, instancesPerRegion: 1000, reservationsPerRegion: 100, aliyunRegions: 3, reservedInstancesPerRegion: 1000 }
    : undefined;
  const emu = await startBenchEmulator(large ? { BENCH_LARGE: JSON.stringify(large) } : {});
  try {
    const log: Recorded[] = [];
    const expected = await ours(emu, log);
    const perAction = new Map<string, number>();
    for (const r of log) perAction.set(`${r.ctx.provider} ${r.ctx.action}`, (perAction.get(`${r.ctx.provider} ${r.ctx.action}`) ?? 0) + 1);
    const busiest = Math.max(...perAction.values());
    const floorMs = (busiest / rate) * 1000;
    const times: number[] = [];
    const throttled: number[] = [];
    const again: number[] = [];
    const limits: number[] = [];
    for (let i = 0; i < runs; i++) {
      await emu.network({ delayMs, rateLimit: { perSecond: rate, burst: burst ?? rate } }); // fresh buckets and stats
      maybeGc();
      const vt = new Transport();
      const at = new Transport();
      const trace = process.env.BENCH_RATE_TRACE;
      const traceLines: string[] = [];
      if (trace) {
        traceTransport(vt, i, traceLines);
        traceTransport(at, i, traceLines);
      }
      const vc = new VolcengineClient({ credentials: VOLC_CREDS, endpoint: emu.volcengineUrl, transport: vt });
      const ac = new AliyunClient({ credentials: ALI_CREDS, endpoint: emu.aliyunUrl, transport: at });
      const t0 = nowMs();
      try {
        const lists = await Promise.all([
          ...emu.volcRegions.map((r) => vc.describeInstances(r)),
          ...emu.volcRegions.map((r) => vc.describeScheduledInstances(r)),
          ...emu.aliRegions.map((r) => ac.describeReservedInstances(r)),
        ]);
        times.push(nowMs() - t0);
        const n = lists.reduce((k, l) => k + l.length, 0);
        if (n !== expected) throw new Error(`listed ${n} items, expected ${expected}`);
        limits.push(Math.min(vt.inFlightLimit, at.inFlightLimit));
      } finally {
        await Promise.all([vt.close(), at.close()]);
      }
      const s = (await emu.network()).stats;
      if (trace) fs.appendFileSync(`${trace}.client.jsonl`, traceLines.join('\n') + '\n');
      throttled.push(s.throttled);
      again.push(s.throttledAgain);
    }
    await emu.network({ delayMs: 0, rateLimit: null });
    const ratio = summarize(times.map((x) => x / floorMs));
    const maxAgain = Math.max(...again);
    return {
      what: `list under ${rate} requests/s per action${burst === 1 ? ' (burst 1)' : ''} at ${delayMs} ms`,
      ours: fmtSummary(summarize(times), 'ms'),
      comparedWith: `pages ÷ rate: ${busiest} pages of the busiest action ÷ ${rate}/s`,
      baseline: `${fmt(floorMs)} ms`,
      ratio: fmtSummary(ratio, '×'),
      target: burst === 1 ? 'info (strict variant)' : '≤ 1.15×, none throttled twice in a row',
      verdict: burst === 1 ? 'info' : ratio.median <= 1.15 && maxAgain === 0 ? 'met' : 'MISSED',
      notes: [
        `${runs} runs; ${expected.toLocaleString('en-US')} items in ${log.length} pages (${[...perAction].map(([k, v]) => `${k} ${v}`).join(', ')}); token bucket per account and action, burst ${burst ?? rate}.`,
        `throttled answers per run: ${throttled.join(', ')}; throttled twice in a row: ${again.join(', ')}; in-flight limit at the end (lower of the two transports): ${limits.join(', ')}.`,
      ],
    };
  } finally {
    await emu.stop();
  }
}

/**
 * The body path: the page bodies of the large seed, served from memory by a loopback server, read with undici
 * (a) as bytes → jsonText → JSON.parse (the previous path), (b) with body.text() → JSON.parse (the Transport now),
 * (c) with body.json();
 * and the same decode + parse on in-memory buffers without the network (CPU only).
 */
async function bodyRows(runs: number): Promise<Row[]> {
  const emu = await startBenchEmulator();
  const bodies: Buffer[] = [];
  try {
    const log: Recorded[] = [];
    await ours(emu, log);
    const pre = chains(log).flat(2).map(resign);
    const pool = new Map<string, Pool>();
    for (const r of pre) {
      let p = pool.get(r.origin);
      if (!p) pool.set(r.origin, (p = new Pool(r.origin, { connections: 8 })));
      const res = await p.request({ method: r.method, path: r.path, headers: r.headers, body: r.body });
      bodies.push(Buffer.from(await res.body.bytes()));
    }
    await Promise.all([...pool.values()].map((p) => p.close()));
  } finally {
    await emu.stop();
  }
  const server = http.createServer((req, res) => {
    const b = bodies[Number((req.url ?? '/').slice(1)) % bodies.length];
    res.writeHead(200, { 'content-type': 'application/json;charset=utf-8', 'content-length': b.length });
    res.end(b);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  type V = 'ours' | 'text' | 'json';
  const read: Record<V, (b: { bytes(): Promise<Uint8Array>; text(): Promise<string>; json(): Promise<unknown> }) => Promise<unknown>> = {
    ours: async (b) => JSON.parse(jsonText(await b.bytes())),
    text: async (b) => JSON.parse(await b.text()),
    json: (b) => b.json(),
  };
  const http_: Record<V, number[]> = { ours: [], text: [], json: [] };
  const cpu: Record<V, number[]> = { ours: [], text: [], json: [] };
  const mem: Record<'ours' | 'text', number[]> = { ours: [], text: [] };
  const cpuNow = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const decoder = new TextDecoder();
  try {
    const pool = new Pool(origin, { connections: 8 });
    const n = Math.max(3, runs);
    for (let i = 0; i < n; i++) {
      for (const v of (['ours', 'text', 'json'] as V[]).map((_, j, a) => a[(i + j) % 3])) {
        maybeGc();
        const c0 = cpuNow();
        const t0 = nowMs();
        let next = 0;
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            while (next < bodies.length) {
              const k = next++;
              const res = await pool.request({ method: 'GET', path: `/${k}` });
              await read[v](res.body);
            }
          }),
        );
        http_[v].push(nowMs() - t0);
        cpu[v].push(cpuNow() - c0);
      }
      for (const v of ['ours', 'text'] as const) {
        maybeGc();
        const t0 = nowMs();
        for (const b of bodies) JSON.parse(v === 'ours' ? jsonText(b) : decoder.decode(b));
        mem[v].push(nowMs() - t0);
      }
    }
    await pool.close();
    const total = bodies.reduce((k, b) => k + b.length, 0);
    const r = (a: number[], b: number[]) => fmtSummary(summarize(ratios(a, b)), '×');
    return [
      {
        what: 'body path: bytes → json-text → JSON.parse (previous) vs text() + JSON.parse (now)',
        ours: fmtSummary(summarize(http_.ours), 'ms'),
        comparedWith: `undici body.text() + JSON.parse, the same ${bodies.length} page bodies (${fmt(total / 2 ** 20)} MiB) from a loopback server, 8 at a time`,
        baseline: fmtSummary(summarize(http_.text), 'ms'),
        ratio: r(http_.ours, http_.text),
        target: 'info',
        verdict: 'info',
        notes: [
          `body.json(): ${fmtSummary(summarize(http_.json), 'ms')} (${r(http_.ours, http_.json)} ours/json). Client CPU per pass (medians): ours ${fmt(summarize(cpu.ours).median)} ms, text() ${fmt(summarize(cpu.text).median)} ms, json() ${fmt(summarize(cpu.json).median)} ms.`,
          `in memory, no network (decode + JSON.parse of all bodies): jsonText ${fmtSummary(summarize(mem.ours), 'ms')}, TextDecoder ${fmtSummary(summarize(mem.text), 'ms')} (${r(mem.ours, mem.text)}).`,
        ],
      },
    ];
  } finally {
    server.close();
    server.closeAllConnections?.();
  }
}

export async function networkRows(o: NetworkBenchOptions): Promise<Row[]> {
  const want = (k: string) => !o.only || o.only.includes(k);
  const rows: Row[] = [];
  const step = async (label: string, fn: () => Promise<Row | Row[]>) => {
    process.stderr.write(`bench network: ${label}…\n`);
    try {
      const r = await fn();
      for (const row of Array.isArray(r) ? r : [r]) {
        rows.push(row);
        process.stderr.write(`  ${row.what}: ${row.ours} / ${row.baseline} → ${row.ratio} [${row.verdict}]\n`);
      }
    } catch (e) {
      process.stderr.write(`  failed: ${e instanceof Error ? e.stack : String(e)}\n`);
      rows.push({
        what: label,
        ours: 'n/a',
        comparedWith: '',
        baseline: '',
        ratio: '',
        target: '',
        verdict: 'missing',
        notes: [`not measured: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`],
      });
    }
  };
  for (const d of o.delays) {
    if (want('list')) await step(`list all at ${d} ms`, () => listRow(d, o.runs, undefined, 'large seed, 10 + 10 regions'));
    if (want('list30'))
      await step(`list all, 30 Alibaba regions, at ${d} ms`, () => listRow(d, o.runs, LARGE_30, 'large seed, 10 + 30 regions'));
    if (want('delete')) await step(`delete 2,000 at ${d} ms`, () => deleteRow(d, o.runs));
    if (want('rate')) await step(`rate-limited list at ${d} ms`, () => rateRow(d, o.runs, !!o.quick));
    if (want('rate1')) await step(`rate-limited list, burst 1, at ${d} ms`, () => rateRow(d, 1, !!o.quick, 1));
  }
  if (want('body')) await step('body path', () => bodyRows(o.runs));
  // The real workbench (code-server + Chromium): a few minutes; skipped when the UI harness is not installed.
  if (want('host')) await step('workbench under delay', async () => (await import('./host')).hostNetworkRows(o.delays));
  return rows;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (require.main === module) {
  const runs = Math.max(1, Number(arg('--runs') ?? 3));
  const delays = (arg('--delays') ?? '50,150').split(',').map(Number);
  const only = arg('--only')?.split(',');
  const header = `ECS Explorer network bench — ${new Date().toISOString()}\n${cpuDescription()}\nnode ${process.version}, load avg ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join('/')}\n`;
  networkRows({ runs, delays, only, quick: process.argv.includes('--quick') }).then(
    (rows) => {
      console.log(header);
      console.log(printTable(rows));
      process.exit(0);
    },
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
