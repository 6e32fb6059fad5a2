/**
 * Row: list everything in the emulator's `large` seed, all pages (10 Volcengine regions × (2,000 instances +
 * 200 reservations), 10 Alibaba regions × 500 coupons), with our clients, with the raw-undici floor and with
 * the official SDKs, all at the same concurrency (every region list in parallel, ≤ 8 requests in flight per
 * provider, as our Transport's default).
 *
 * The floor: the emulator has no unsigned mode, so the floor sends the very page requests our client sent
 * (recorded once), re-signed with fresh signatures/nonces BEFORE the timer starts. Inside the timed section it
 * only sends them over undici Pools (8 connections per origin) and reads each body as text (undici's UTF-8
 * decoding; our client reads the body with undici's text() too). The server does the same work
 * in all three cases (it verifies every signature, and writes each page's list from cached bytes, so that the
 * clients, not the emulator, bound the time).
 */
import { Pool } from 'undici';
import { Transport, type RawRequest, type RequestContext } from '../../src/core/http/transport';
import { VolcengineClient } from '../../src/core/clients/volcengine';
import { AliyunClient } from '../../src/core/clients/aliyun';
import { signVolcengine } from '../../src/core/sign/volcengine';
import { aliyunTimestamp, newNonce, signAliyunRpc } from '../../src/core/sign/aliyun';
import type { Params } from '../../src/core/types';
import { popCore, volcService } from './official';
import { ALI_CREDS, Gate, startBenchEmulator, VOLC_CREDS, type BenchEmulator } from './emu';
import { fmt, fmtSummary, maybeGc, nowMs, ratios, Row, summarize } from './stats';

export interface Recorded {
  ctx: RequestContext;
  req: RawRequest;
}

/** A Transport that records every request it sends (for the floor). */
export function recordingTransport(log: Recorded[] | undefined): Transport {
  const t = new Transport();
  const send = t.send.bind(t);
  t.send = (req, signal, ctx) => {
    if (log && ctx) log.push({ ctx, req });
    return send(req, signal, ctx);
  };
  return t;
}

export interface Presigned {
  origin: string;
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

const VOLC_SIGNED_KEYS = new Set<string>();
const ALI_COMMON = new Set([
  'Signature',
  'SignatureNonce',
  'Timestamp',
  'AccessKeyId',
  'Format',
  'SignatureMethod',
  'SignatureVersion',
  'Version',
  'Action',
  'SecurityToken',
]);

/** Re-signs a recorded request with a fresh X-Date / nonce, exactly as our client would. */
export function resign(r: Recorded): Presigned {
  const isPost = r.req.method === 'POST';
  const u = new URL(r.req.url);
  const raw = isPost ? new URLSearchParams(r.req.body ?? '') : u.searchParams;
  const params: Params = {};
  for (const [k, v] of raw) params[k] = v;
  if (r.ctx.provider === 'volcengine') {
    for (const k of VOLC_SIGNED_KEYS) delete params[k];
    const s = signVolcengine({
      method: 'GET',
      host: u.host,
      path: u.pathname || '/',
      query: params,
      region: r.ctx.region,
      service: 'ecs',
      credentials: VOLC_CREDS,
      now: new Date(),
    });
    return { origin: u.origin, path: `${u.pathname || '/'}?${s.query}`, method: 'GET', headers: s.headers };
  }
  const action = params.Action;
  const version = params.Version;
  for (const k of ALI_COMMON) delete params[k];
  const qs = signAliyunRpc({
    method: r.req.method,
    action,
    version,
    params,
    credentials: ALI_CREDS,
    nonce: newNonce(),
    timestamp: aliyunTimestamp(new Date()),
  });
  return isPost
    ? { origin: u.origin, path: '/', method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: qs }
    : { origin: u.origin, path: `/?${qs}`, method: 'GET', headers: {} };
}

/**
 * Groups recorded requests the way the client sent them: one chain per provider/action/region, each chain a
 * list of steps sent one after another, the requests of a step in parallel. Volcengine pages follow NextToken,
 * so each is its own step; an Alibaba list sends page 1, then pages 2…N together.
 */
export function chains(log: Recorded[]): Recorded[][][] {
  const m = new Map<string, Recorded[][]>();
  for (const r of log) {
    const k = `${r.ctx.provider}|${r.ctx.action}|${r.ctx.region}`;
    let c = m.get(k);
    if (!c) m.set(k, (c = []));
    const laterPage = r.ctx.provider === 'aliyun' && pageNumber(r) > 1;
    if (laterPage && c.length > 0 && pageNumber(c[c.length - 1][0]) > 1) c[c.length - 1].push(r);
    else c.push([r]);
  }
  return [...m.values()];
}

function pageNumber(r: Recorded): number {
  const u = new URL(r.req.url);
  const v = (r.req.method === 'POST' ? new URLSearchParams(r.req.body ?? '') : u.searchParams).get('PageNumber');
  return v ? Number(v) : 1;
}

/**
 * Sends pre-signed chains (see chains()): chains in parallel, steps in order, a step's requests together. `parse`:
 * each body also JSON.parse-d; `keep`: and the parsed bodies held until the end (as a client that returns the items
 * holds them), returned in `kept`.
 */
export async function sendFloor(
  ch: Presigned[][][],
  connections: number,
  parse: boolean | 'keep' = false,
): Promise<{ bytes: number; requests: number; kept: unknown[] }> {
  const pools = new Map<string, Pool>();
  const pool = (o: string) => {
    let p = pools.get(o);
    if (!p) pools.set(o, (p = new Pool(o, { connections, pipelining: 1 })));
    return p;
  };
  let bytes = 0;
  let requests = 0;
  const kept: unknown[] = [];
  const send = async (r: Presigned) => {
    const res = await pool(r.origin).request({ method: r.method, path: r.path, headers: r.headers, body: r.body });
    const text = await res.body.text();
    if (res.statusCode !== 200) throw new Error(`floor request refused: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
    if (parse === 'keep') kept.push(JSON.parse(text));
    else if (parse) JSON.parse(text);
    bytes += text.length;
    requests++;
  };
  try {
    await Promise.all(
      ch.map(async (c) => {
        for (const step of c) {
          if (step.length === 1) await send(step[0]);
          else await Promise.all(step.map(send));
        }
      }),
    );
  } finally {
    await Promise.all([...pools.values()].map((p) => p.close()));
  }
  return { bytes, requests, kept };
}

export async function ours(emu: BenchEmulator, log?: Recorded[]): Promise<number> {
  const vt = recordingTransport(log);
  const at = recordingTransport(log);
  const vc = new VolcengineClient({ credentials: VOLC_CREDS, endpoint: emu.volcengineUrl, transport: vt });
  const ac = new AliyunClient({ credentials: ALI_CREDS, endpoint: emu.aliyunUrl, transport: at });
  try {
    const lists = await Promise.all([
      ...emu.volcRegions.map((r) => vc.describeInstances(r)),
      ...emu.volcRegions.map((r) => vc.describeScheduledInstances(r)),
      ...emu.aliRegions.map((r) => ac.describeReservedInstances(r)),
    ]);
    return lists.reduce((n, l) => n + l.length, 0);
  } finally {
    await Promise.all([vt.close(), at.close()]);
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function official(emu: BenchEmulator): Promise<number> {
  const Service = volcService();
  const vu = new URL(emu.volcengineUrl);
  const svc = new Service({
    host: vu.host,
    protocol: 'http:',
    region: 'cn-beijing',
    serviceName: 'ecs',
    accessKeyId: VOLC_CREDS.accessKeyId,
    secretKey: VOLC_CREDS.accessKeySecret,
    defaultVersion: '2020-04-01',
  });
  const describeInstances = svc.createAPI('DescribeInstances', { Version: '2020-04-01', method: 'GET' });
  const describeScheduled = svc.createAPI('DescribeScheduledInstances', { Version: '2020-04-01', method: 'GET' });
  const { RPCClient } = popCore();
  const ali = new RPCClient({
    endpoint: emu.aliyunUrl,
    apiVersion: '2014-05-26',
    accessKeyId: ALI_CREDS.accessKeyId,
    accessKeySecret: ALI_CREDS.accessKeySecret,
  });
  const vGate = new Gate(8);
  const aGate = new Gate(8);
  const volcAll = async (api: any, region: string, listKey: string) => {
    const out: unknown[] = [];
    let token: string | undefined;
    for (;;) {
      const query: Record<string, unknown> = { MaxResults: 100 };
      if (token) query.NextToken = token;
      const res: any = await vGate.run(() => api(query, undefined, { region }));
      if (res?.ResponseMetadata?.Error) throw new Error(`official Volcengine: ${JSON.stringify(res.ResponseMetadata.Error)}`);
      out.push(...res.Result[listKey]);
      token = res.Result.NextToken;
      if (!token) return out;
    }
  };
  // Page 1, then pages 2…N together (as our client does once page 1 gives the total).
  const aliAll = async (region: string) => {
    const page = (n: number): Promise<any> =>
      aGate.run(() => ali.request('DescribeReservedInstances', { RegionId: region, PageNumber: n, PageSize: 100 }));
    const first = await page(1);
    const out: unknown[] = [...first.ReservedInstances.ReservedInstance];
    const last = Math.ceil(Number(first.TotalCount) / 100);
    const rest = await Promise.all(Array.from({ length: Math.max(0, last - 1) }, (_, i) => page(i + 2)));
    for (const r of rest) out.push(...r.ReservedInstances.ReservedInstance);
    return out;
  };
  try {
    const lists = await Promise.all([
      ...emu.volcRegions.map((r) => volcAll(describeInstances, r, 'Instances')),
      ...emu.volcRegions.map((r) => volcAll(describeScheduled, r, 'ScheduledInstanceInfo')),
      ...emu.aliRegions.map((r) => aliAll(r)),
    ]);
    return lists.reduce((n, l) => n + l.length, 0);
  } finally {
    ali.keepAliveAgent?.destroy();
  }
}

export async function listRows(runs: number, _quick: boolean): Promise<Row[]> {
  const emu = await startBenchEmulator();
  try {
    // Discovery (untimed): the requests our client sends, and the expected item count.
    const log: Recorded[] = [];
    const expected = await ours(emu, log);
    const recorded = chains(log);
    const total = log.length;
    await official(emu); // warm-up both paths
    await ours(emu);

    type Variant = 'ours' | 'floor' | 'parsed' | 'kept' | 'official';
    const t: Record<Variant, number[]> = { ours: [], floor: [], parsed: [], kept: [], official: [] };
    // CPU per run of the client (this process) and of the emulator, to show which side bounds each variant.
    const cpu: Record<Variant, number[][]> = { ours: [], floor: [], parsed: [], kept: [], official: [] };
    const clientCpu = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const counts = new Set<number>();
    // Pair ratios of single runs spread 0.8–1.7× on the shared 2-core VM (client, emulator and their GC threads
    // share the cores): take 3× the runs (at least 15), ~2 s each.
    const n = Math.max(15, runs * 3);
    for (let i = 0; i < n; i++) {
      const variants: Variant[] = ['ours', 'floor', 'parsed', 'kept', 'official'];
      const order = variants.map((_, j) => variants[(i + j) % variants.length]);
      for (const w of order) {
        maybeGc();
        const floorLike = w === 'floor' || w === 'parsed' || w === 'kept';
        const pre = floorLike ? recorded.map((c) => c.map((step) => step.map(resign))) : []; // outside the timer
        const [c0, e0] = [clientCpu(), await emu.cpuMs()];
        const t0 = nowMs();
        if (floorLike) {
          const r = await sendFloor(pre, 8, w === 'kept' ? 'keep' : w === 'parsed');
          t[w].push(nowMs() - t0);
          if (r.requests !== total) throw new Error(`floor sent ${r.requests} requests, expected ${total}`);
        } else {
          const n = w === 'ours' ? await ours(emu) : await official(emu);
          t[w].push(nowMs() - t0);
          counts.add(n);
        }
        cpu[w].push([clientCpu() - c0, (await emu.cpuMs()) - e0]);
      }
    }
    if (counts.size !== 1 || !counts.has(expected))
      throw new Error(`item counts differ between runs/clients: ${[...counts].join(', ')} (expected ${expected})`);
    const vsFloor = summarize(ratios(t.ours, t.floor));
    const speedup = summarize(ratios(t.official, t.ours));
    const offFloor = summarize(ratios(t.official, t.floor));
    const pct = (ratio: number) => {
      const d = Math.round((ratio - 1) * 100);
      return d > 0 ? `+${d}%` : d < 0 ? `−${-d}%` : '±0%';
    };
    const cpuOf = (w: Variant) =>
      `${fmt(summarize(cpu[w].map((x) => x[0])).median)} / ${fmt(summarize(cpu[w].map((x) => x[1])).median)} ms`;
    /** An information row: ours against a variant of the floor. */
    const vsFloorVariant = (what: string, comparedWith: string, w: 'parsed' | 'kept', note: string): Row => ({
      what,
      ours: fmtSummary(summarize(t.ours), 'ms'),
      comparedWith,
      baseline: fmtSummary(summarize(t[w]), 'ms'),
      ratio: fmtSummary(summarize(ratios(t.ours, t[w])), '×'),
      target: '—',
      verdict: 'info',
      notes: [note],
    });
    const base = `${n} runs of each (order rotated); ${expected.toLocaleString('en-US')} items in ${total} page requests`;
    return [
      {
        what: 'list all (large seed) vs floor',
        ours: fmtSummary(summarize(t.ours), 'ms'),
        comparedWith: 'raw undici, pre-signed, same concurrency',
        baseline: fmtSummary(summarize(t.floor), 'ms'),
        ratio: fmtSummary(vsFloor, '×'),
        target: '≤ 1.25× floor',
        verdict: vsFloor.median <= 1.25 ? 'met' : 'MISSED',
        notes: [
          `${base}; all region lists in parallel (Alibaba pages 2…N together after page 1), ≤ 8 in flight per provider. The floor re-signs the same requests before the timer, then only sends them and reads the body text with undici's text() (no JSON parse, no validation), as our client does since issue 21 (the hand-made bytes → text path, now test/bench/json-text.ts, lost on other machines).`,
        ],
      },
      vsFloorVariant(
        'same, vs floor + JSON.parse',
        'the floor, each body also JSON.parse-d',
        'parsed',
        `the least a client that returns the items must do; floor + JSON.parse vs the floor: ${fmtSummary(summarize(ratios(t.parsed, t.floor)), '×')}.`,
      ),
      vsFloorVariant(
        'same, vs floor + JSON.parse, items kept',
        'the floor, each body JSON.parse-d and held to the end',
        'kept',
        `a client that returns the ${expected.toLocaleString('en-US')} items holds them until the listing ends (the garbage collector promotes and scans them); this floor does that and nothing else; vs floor + JSON.parse: ${fmtSummary(summarize(ratios(t.kept, t.parsed)), '×')}.`,
      ),
      {
        what: 'list all (large seed) vs official SDKs',
        ours: fmtSummary(summarize(t.ours), 'ms'),
        comparedWith: '@volcengine/openapi createAPI + @alicloud/pop-core request, same concurrency',
        baseline: fmtSummary(summarize(t.official), 'ms'),
        ratio: fmtSummary(speedup, '× faster'),
        target: '≥ 2× faster',
        verdict: speedup.median >= 2 ? 'met' : 'MISSED',
        notes: [
          'The official SDKs get the same page loops and the same 8-in-flight gate; they do no schema validation.',
          `official SDKs vs the floor: ${fmtSummary(offFloor, '×')} — how much faster than them a client at the floor would be.`,
          `time above the floor (medians): ours ${pct(vsFloor.median)}, official SDKs ${pct(offFloor.median)}.`,
          `CPU per run, client / emulator (medians): ours ${cpuOf('ours')}, floor ${cpuOf('floor')}, floor + JSON.parse ${cpuOf('parsed')}, items kept ${cpuOf('kept')}, official SDKs ${cpuOf('official')}.`,
        ],
      },
    ];
  } finally {
    await emu.stop();
  }
}
