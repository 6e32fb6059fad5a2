/**
 * Row: delete 2,000 instances (an emulator seeded with one region of 2,000) = 20 DeleteInstances calls of 100, with our
 * client vs the raw-undici floor doing the same 20 calls (pre-signed before the timer, same order, one at a
 * time as the client sends them). The emulator is reseeded before every run (untimed).
 */
import { randomUUID } from 'node:crypto';
import { VolcengineClient } from '../../src/core/clients/volcengine';
import { signVolcengine } from '../../src/core/sign/volcengine';
import { flattenParams } from '../../src/core/sign/encode';
import { sendFloor, type Presigned } from './list';
import { startBenchEmulator, VOLC_CREDS, type BenchEmulator } from './emu';
import { fmtSummary, maybeGc, nowMs, ratios, Row, summarize } from './stats';

/**
 * The delete rows' setup: an emulator with one region of 2,000 instances, their IDs, and the floor's 20 DeleteInstances
 * calls of 100 IDs, signed afresh on each use (one chain of single-request steps: sequential, like the client).
 */
export async function deleteSetup(): Promise<{ emu: BenchEmulator; region: string; ids: string[]; presign: () => Presigned[][][] }> {
  const emu = await startBenchEmulator({
    BENCH_LARGE: JSON.stringify({
      volcengineRegions: 1,
      instancesPerRegion: 2000,
      reservationsPerRegion: 1,
      aliyunRegions: 1,
      reservedInstancesPerRegion: 1,
    }),
  });
  try {
    const region = emu.volcRegions[0];
    const lister = new VolcengineClient({ credentials: VOLC_CREDS, endpoint: emu.volcengineUrl });
    const ids = (await lister.describeInstances(region)).map((i) => i.InstanceId).slice(0, 2000);
    await lister.close();
    if (ids.length !== 2000) throw new Error(`expected 2,000 instances in ${region}, got ${ids.length}`);
    const u = new URL(emu.volcengineUrl);
    const presign = (): Presigned[][][] => {
      const calls: Presigned[] = [];
      for (let i = 0; i < ids.length; i += 100) {
        const q = flattenParams({
          Action: 'DeleteInstances',
          Version: '2020-04-01',
          InstanceIds: ids.slice(i, i + 100),
          ClientToken: `ecsx-${randomUUID()}`,
        });
        const s = signVolcengine({
          method: 'GET',
          host: u.host,
          path: '/',
          query: q,
          region,
          service: 'ecs',
          credentials: VOLC_CREDS,
          now: new Date(),
        });
        calls.push({ origin: u.origin, path: `/?${s.query}`, method: 'GET', headers: s.headers });
      }
      return [calls.map((c) => [c])];
    };
    return { emu, region, ids, presign };
  } catch (e) {
    await emu.stop();
    throw e;
  }
}

export async function deleteRows(runs: number): Promise<Row[]> {
  // One region of 2,000 instances: the reset before each run is quick and the emulator's heap small, so its
  // garbage collection adds less noise to a row whose runs last ~60 ms.
  const { emu, region, ids, presign } = await deleteSetup();
  try {
    const tOurs: number[] = [];
    const tFloor: number[] = [];
    let okCount = -1;
    // One run is 20 calls of ~3 ms, so the shared machine's noise is large against it: take 5× the runs.
    const n = Math.max(25, runs * 5);
    for (let i = 0; i < n * 2; i++) {
      const which = (i + Math.floor(i / 2)) % 2 === 0 ? 'ours' : 'floor';
      await emu.reset();
      maybeGc();
      if (which === 'ours') {
        const client = new VolcengineClient({ credentials: VOLC_CREDS, endpoint: emu.volcengineUrl });
        const t0 = nowMs();
        const r = await client.deleteInstances(region, ids);
        tOurs.push(nowMs() - t0);
        await client.close();
        if (r.outcomes.length !== ids.length || r.calls.length !== 20) throw new Error('delete: wrong number of outcomes or calls');
        const ok = r.outcomes.filter((o) => o.ok).length;
        if (okCount >= 0 && ok !== okCount) throw new Error('delete: outcomes differ between runs');
        okCount = ok;
      } else {
        const pre = presign();
        const t0 = nowMs();
        const r = await sendFloor(pre, 8);
        tFloor.push(nowMs() - t0);
        if (r.requests !== 20) throw new Error('floor: wrong number of calls');
      }
    }
    const ratio = summarize(ratios(tOurs, tFloor));
    return [
      {
        what: 'delete 2,000 instances (20 calls of 100)',
        ours: fmtSummary(summarize(tOurs), 'ms'),
        comparedWith: 'raw undici, pre-signed, same 20 calls in the same order',
        baseline: fmtSummary(summarize(tFloor), 'ms'),
        ratio: fmtSummary(ratio, '×'),
        target: '≤ 1.25× floor',
        verdict: ratio.median <= 1.25 ? 'met' : 'MISSED',
        notes: [
          `${okCount} of 2,000 deleted per run (the rest are unexpired subscriptions, refused per item); the client sends its 20 calls one after another, so the floor does too.`,
        ],
      },
    ];
  } finally {
    await emu.stop();
  }
}
