/** Delete Instances after a request refused for a dedicated host: the offer to resend without the instance(s) on it (emulator). */
import * as assert from 'node:assert/strict';
import { canDeleteInstance, VolcengineClient, type VolcInstance } from '../../../src/core';
import { deleteInstances, hostRefusal } from '../../../src/commands/deleteInstances';
import type { ActionDeps } from '../../../src/commands/deps';
import type { ClientFactory, ResourceRef } from '../../../src/contracts';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator';
import { makeDeps } from '../../support/fakes';
import { NOW, inst } from '../../support/helpers';

const ACCOUNT = DEMO_ACCOUNTS.find((a) => a.provider === 'volcengine')!;
const REGION = 'cn-beijing';
const node = (ref: ResourceRef) => ({ type: 'resource', ref });

describe('actions: Delete Instances after a dedicated-host refusal (emulator)', () => {
  let emu: Emulator;
  let client: VolcengineClient;
  let held: ResourceRef;
  let others: ResourceRef[];

  const ref = (i: VolcInstance): ResourceRef => ({
    provider: 'volcengine',
    accountId: 'p1',
    region: REGION,
    kind: 'instance',
    id: i.InstanceId,
    name: i.InstanceName ?? i.InstanceId,
    data: i,
  });
  const withEmulator = (deps: ActionDeps): ActionDeps => ({
    ...deps,
    clients: { volcengine: async () => client, aliyun: async () => assert.fail('no Alibaba call expected') } as unknown as ClientFactory,
  });
  const hostId = (r: ResourceRef) => (r.data as { Placement?: { DedicatedHostId?: string } }).Placement?.DedicatedHostId;

  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionDelayMs: 60_000 });
  });
  after(() => emu.stop());
  beforeEach(async () => {
    emu.reset('demo');
    client = new VolcengineClient({
      credentials: { accessKeyId: ACCOUNT.accessKeyId, accessKeySecret: ACCOUNT.accessKeySecret },
      endpoint: emu.volcengineUrl,
      transportSettings: { retryBaseMs: 1, retryMaxMs: 5 },
    });
    const list = await client.describeInstances(REGION);
    held = ref(list.find((i) => i.InstanceName === 'on-dedicated-host')!);
    others = list
      .filter(
        (i) =>
          i !== held.data &&
          !hostId(ref(i)) &&
          i.Status === 'RUNNING' &&
          i.InstanceChargeType === 'PostPaid' &&
          canDeleteInstance(i, NOW).ok,
      )
      .slice(0, 2)
      .map(ref);
    assert.ok(hostId(held), 'the seed has an instance on a dedicated host');
    assert.equal(others.length, 2);
    emu.setFlags({ provider: 'volcengine', region: REGION, dedicatedHostId: hostId(held)!, dedicatedHostUnavailable: true });
  });

  const deletedIds = () => emu.ledger.entries({ provider: 'volcengine', action: 'DeleteInstances' }).flatMap((e) => e.resourceIds);

  it('offers to send the others without the instance on the host; confirmed as usual, they are deleted and it is not', async () => {
    const { deps, prompts, log } = makeDeps([{ input: '3' }, { input: '2' }], {
      prompts: { notifyAnswers: [{ match: /dedicated host/, button: 'Delete the Others…' }] },
    });
    const run = await deleteInstances(withEmulator(deps), undefined, [held, ...others].map(node));
    assert.ok(run);
    // The first request was refused as a whole: one failed outcome each, nothing deleted by it.
    assert.deepEqual(
      run.results.map((r) => [r.ref.id, r.kind, r.code]),
      [held, ...others].map((r) => [r.id, 'failed', 'InvalidDedicatedHostStatus.Unsupported']),
    );
    const offer = prompts.notices()[0];
    assert.equal(offer.level, 'warn');
    assert.match(
      offer.message,
      /^Delete Instances: 0 deleted, 3 failed\. No instance of the refused request was deleted\. On a dedicated host whose status does not allow deletion: on-dedicated-host \(i-\w+\)\.$/,
    );
    assert.deepEqual(offer.buttons, ['Delete the Others…', 'Show Output']);
    // Confirmed as usual: the count of the others, the one on the host left out with the reason.
    const inputs = prompts.records.filter((r) => r.kind === 'input');
    assert.equal(inputs.length, 2);
    assert.ok(
      inputs[1].kind === 'input' &&
        /^Type 2 to delete: /.test(inputs[1].prompt ?? '') &&
        /left out: on-dedicated-host/.test(inputs[1].prompt ?? ''),
      JSON.stringify(inputs[1]),
    );
    assert.ok(run.resend);
    assert.deepEqual(
      run.resend.results.map((r) => [r.ref.id, r.kind]),
      [...others.map((r) => [r.id, 'done']), [held.id, 'skipped']],
    );
    assert.deepEqual(deletedIds().sort(), others.map((r) => r.id).sort());
    assert.match(log.text, /Why: The whole request was refused because an instance in it runs on a dedicated host/);
    assert.equal(prompts.notices().at(-1)!.message, 'Delete Instances: 2 deleted, 0 failed, 1 left out');
  });

  it('declining the offer, or the confirmation, sends nothing more', async () => {
    const dismissed = makeDeps([{ input: '3' }]);
    const a = await deleteInstances(withEmulator(dismissed.deps), undefined, [held, ...others].map(node));
    assert.equal(a!.resend, undefined);
    assert.equal(dismissed.prompts.remaining.length, 0);

    const notConfirmed = makeDeps([{ input: '3' }, { cancel: true }], {
      prompts: { notifyAnswers: [{ match: /dedicated host/, button: 'Delete the Others…' }] },
    });
    const b = await deleteInstances(withEmulator(notConfirmed.deps), undefined, [held, ...others].map(node));
    assert.equal(b!.resend, undefined);
    assert.match(notConfirmed.log.text, /Delete Instances: not confirmed; nothing was sent\./);
    assert.deepEqual(deletedIds(), []);
  });

  it('zh: the offer and its button are translated', async () => {
    const { deps, prompts } = makeDeps([{ input: '3' }], { locale: 'zh-cn' });
    await deleteInstances(withEmulator(deps), undefined, [held, ...others].map(node));
    const offer = prompts.notices()[0];
    assert.match(
      offer.message,
      /^删除实例：已删除 0 个，失败 3 个。被拒绝的请求中没有任何实例被删除。所在专有宿主机的状态不支持删除的实例：on-dedicated-host \(i-\w+\)。$/,
    );
    assert.deepEqual(offer.buttons, ['删除其余实例…', '查看输出']);
  });
});

describe('actions: Delete Instances dedicated-host offer (fake client)', () => {
  it('names at most three held instances in the notification, all of them in the output', async () => {
    const code = 'InvalidDedicatedHostStatus.Unsupported';
    const onHost = ['i-h1', 'i-h2', 'i-h3', 'i-h4', 'i-h5'].map((id) => inst(id, { Placement: { DedicatedHostId: 'dh-1' } }));
    const other = inst('i-ooo');
    const failures = Object.fromEntries([...onHost, other].map((r) => [r.id, code]));
    const { deps, prompts, log } = makeDeps([{ input: '6' }], { fake: { deleteFailures: failures } });
    await deleteInstances(deps, undefined, [...onHost, other].map(node));
    const offer = prompts.notices()[0];
    assert.match(offer.message, /allow deletion: web-h1 \(i-h1\), web-h2 \(i-h2\), web-h3 \(i-h3\) and 2 more\.$/);
    assert.match(log.text, /allow deletion: web-h1 \(i-h1\), web-h2 \(i-h2\), web-h3 \(i-h3\), web-h4 \(i-h4\), web-h5 \(i-h5\)\./);
  });
});

describe('hostRefusal', () => {
  const r = (id: string, over: { code?: string; message?: string; host?: string; kind?: 'failed' | 'done' } = {}) => ({
    ref: {
      provider: 'volcengine',
      accountId: 'p1',
      region: REGION,
      kind: 'instance',
      id,
      name: id,
      data: { InstanceId: id, Status: 'RUNNING', Placement: { DedicatedHostId: over.host ?? '' } },
    } as ResourceRef,
    kind: over.kind ?? 'failed',
    code: over.code ?? 'InvalidDedicatedHostStatus.Unsupported',
    message: over.message ?? 'The status of the specified dedicated host does not support this request.',
  });

  it('holds back the instances the message names, else those on a dedicated host; nothing to offer when it cannot tell', () => {
    const named = hostRefusal([
      r('i-a', { message: 'Instance i-b: host not available' }),
      r('i-b', { message: 'Instance i-b: host not available' }),
      r('i-c', { host: 'dh-1' }),
    ]);
    assert.deepEqual(named && [named.held.map((x) => x.id), named.others.map((x) => x.id)], [['i-b'], ['i-a', 'i-c']]);
    const byHost = hostRefusal([r('i-a'), r('i-b', { host: 'dh-1' }), r('i-c')]);
    assert.deepEqual(byHost && [byHost.held.map((x) => x.id), byHost.others.map((x) => x.id)], [['i-b'], ['i-a', 'i-c']]);
    assert.equal(hostRefusal([r('i-a'), r('i-b')]), undefined, 'no instance can be told apart');
    assert.equal(hostRefusal([r('i-a', { host: 'dh-1' }), r('i-b', { host: 'dh-2' })]), undefined, 'no other instance to send');
    assert.equal(hostRefusal([r('i-a', { code: 'InvalidInstanceStatus' }), r('i-b', { host: 'dh-1', kind: 'done' })]), undefined);
  });
});
