import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { startEmulator } from '../../../emulator/index';
import { aliV1, volc } from '../../../support/emulator-requests';

const CLI = path.resolve(__dirname, '../../../emulator/cli.js');

/** Starts the CLI; resolves with the child and its two base URLs once the ready line is printed. */
async function startCli(
  args: string[],
): Promise<{ child: ReturnType<typeof spawn>; volcUrl: string; aliUrl: string; output: () => string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '',
    err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const line = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (c) => reject(new Error(`exited ${c}: ${err}`)));
  });
  const m = /^ready volcengine=(http:\/\/127\.0\.0\.1:\d+) aliyun=(http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
  if (!m) {
    child.kill('SIGTERM');
    throw new Error(`not a ready line: ${line}`);
  }
  return { child, volcUrl: m[1], aliUrl: m[2], output: () => out + err };
}

describe('emulator: CLI', () => {
  it('--access-key-id/--access-key-secret without --provider: the pair works for both providers', async () => {
    const secret = 'both-secret-VALUE-456';
    const cli = await startCli(['--seed', 'demo', '--access-key-id', 'AKLTbothProviders', '--access-key-secret', secret]);
    try {
      const v = await volc(cli.volcUrl, { action: 'DescribeInstances', region: 'cn-beijing', ak: 'AKLTbothProviders', sk: secret });
      assert.equal(v.status, 200, v.text);
      assert.ok(v.json.Result.Instances.length > 0, 'the Volcengine account has the demo seed');
      const a = await aliV1(cli.aliUrl, {
        action: 'DescribeReservedInstances',
        params: { RegionId: 'cn-hangzhou' },
        ak: 'AKLTbothProviders',
        sk: secret,
      });
      assert.equal(a.status, 200, a.text);
      assert.ok(a.json.ReservedInstances.ReservedInstance.length > 0, 'the Alibaba account has the demo seed');
      // The pair replaced both demo pairs.
      assert.equal((await volc(cli.volcUrl, { action: 'DescribeRegions' })).status, 401);
    } finally {
      await new Promise((resolve) => {
        cli.child.on('exit', resolve);
        cli.child.kill('SIGTERM');
      });
    }
    assert.ok(!cli.output().includes(secret));
  });

  it('prints exactly one ready line, serves, never prints the secret, and exits 0 on SIGTERM', async () => {
    const secret = 'cli-secret-VALUE-123';
    const child = spawn(
      process.execPath,
      [
        CLI,
        '--seed',
        'empty',
        '--access-key-id',
        'AKLTcliTest',
        '--access-key-secret',
        secret,
        '--provider',
        'volcengine',
        '--fault',
        'DescribeZones:unavailable',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '',
      err = '';
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
    });
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('\n')) resolve(out.split('\n')[0]);
      });
      child.on('exit', (c) => reject(new Error(`exited ${c}: ${err}`)));
      setTimeout(() => reject(new Error('no ready line')), 10_000);
    });
    const m = /^ready volcengine=(http:\/\/127\.0\.0\.1:\d+) aliyun=(http:\/\/127\.0\.0\.1:\d+)$/.exec(line);
    assert.ok(m, line);
    const ok = await volc(m[1], { action: 'DescribeRegions', ak: 'AKLTcliTest', sk: secret });
    assert.equal(ok.status, 200, ok.text);
    assert.equal((await volc(m[1], { action: 'DescribeZones', ak: 'AKLTcliTest', sk: secret })).status, 503);
    assert.equal((await aliV1(m[2], { action: 'DescribeRegions' })).status, 200); // Alibaba keeps the demo key
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    assert.equal(code, 0);
    assert.equal(out.trim().split('\n').length, 1);
    assert.ok(!out.includes(secret) && !err.includes(secret));
  });
});

describe('emulator: large seed and throughput', () => {
  it('generates the default large seed and lists 10 regions × 2,000 instances at 100 per page', async function () {
    this.timeout(60_000);
    const t0 = Date.now();
    const emu = await startEmulator({ seed: 'large' });
    const seedMs = Date.now() - t0;
    try {
      const regions = emu.state.volcRegions.map((r) => r.regionId);
      assert.equal(regions.length, 10);
      const t1 = Date.now();
      let total = 0;
      await Promise.all(
        regions.map(async (region) => {
          let token = '';
          do {
            const r = await volc(emu.volcengineUrl, {
              action: 'DescribeInstances',
              region,
              params: { MaxResults: 100, ...(token ? { NextToken: token } : {}) },
            });
            assert.equal(r.status, 200);
            total += r.json.Result.Instances.length;
            token = r.json.Result.NextToken;
          } while (token);
        }),
      );
      const listMs = Date.now() - t1;
      assert.equal(total, 20_000);
      const ri = await aliV1(emu.aliyunUrl, {
        action: 'DescribeReservedInstances',
        params: { RegionId: emu.state.aliRegions[9].regionId, PageSize: 100, PageNumber: 5 },
      });
      assert.equal(ri.json.TotalCount, 500);
      assert.equal(ri.json.ReservedInstances.ReservedInstance.length, 100);
      // Speed is measured by `npm run bench`; this only shows it.
      console.log(`      seed ${seedMs} ms, 200 pages in ${listMs} ms`);
    } finally {
      await emu.stop();
    }
  });

  it('large sizes follow the options', async () => {
    const emu = await startEmulator({
      seed: 'large',
      large: { volcengineRegions: 2, instancesPerRegion: 5, reservationsPerRegion: 3, aliyunRegions: 12, reservedInstancesPerRegion: 7 },
    });
    try {
      assert.equal(emu.state.volcRegions.length, 2);
      assert.equal(emu.state.aliRegions.length, 12);
      const r = await volc(emu.volcengineUrl, { action: 'DescribeScheduledInstances', region: 'cn-shanghai' });
      assert.equal(r.json.Result.ScheduledInstanceInfo.length, 3);
      const a = await aliV1(emu.aliyunUrl, {
        action: 'DescribeReservedInstances',
        params: { RegionId: emu.state.aliRegions[11].regionId },
      });
      assert.equal(a.json.TotalCount, 7);
    } finally {
      await emu.stop();
    }
  });
});
