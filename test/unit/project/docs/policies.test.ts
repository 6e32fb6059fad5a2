/**
 * docs/policies/*.json against what the clients really send: every public method of VolcengineClient and
 * AliyunClient runs against the emulator, and the Actions seen (onCall records and the emulator's own request
 * counts) must be exactly the read-only policy (Describe*) plus the actions policy (the rest), per cloud.
 * The READMEs link the four policy files (a copy there would be one more place to change when an action is added).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AliyunClient } from '../../../../src/core/clients/aliyun';
import { VolcengineClient } from '../../../../src/core/clients/volcengine';
import type { CallRecord, Provider } from '../../../../src/core/types';
import { canCancelReservation } from '../../../../src/core/rules/eligibility';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../../emulator';

const ROOT = join(__dirname, '..', '..', '..', '..', '..');
const POLICIES = join(ROOT, 'docs', 'policies');
const CLIENTS_SRC = join(ROOT, 'src', 'core', 'clients');

const VOLC_REGION = 'cn-beijing';
const ALI_REGION = 'cn-hangzhou';

let emu: Emulator;

type Recipe<C> = (c: C) => Promise<unknown>;

// How to call each public method so that it sends its request(s). A method without a recipe fails the test.
const VOLC_RECIPES: Record<string, Recipe<VolcengineClient>> = {
  describeRegions: (c) => c.describeRegions(),
  describeZones: (c) => c.describeZones(VOLC_REGION),
  describeInstancesPage: (c) => c.describeInstancesPage(VOLC_REGION, { maxResults: 10 }),
  describeInstances: (c) => c.describeInstances(VOLC_REGION),
  describeScheduledInstancesPage: (c) => c.describeScheduledInstancesPage(VOLC_REGION, { maxResults: 10 }),
  describeScheduledInstances: (c) => c.describeScheduledInstances(VOLC_REGION),
  deleteInstances: async (c) => c.deleteInstances(VOLC_REGION, [(await c.describeInstances(VOLC_REGION))[0].InstanceId]),
  deleteScheduledInstance: async (c) => {
    const res = (await c.describeScheduledInstances(VOLC_REGION)).find((r) => canCancelReservation(r, emu.clock.now()).ok)!;
    return c.deleteScheduledInstance(VOLC_REGION, res.ScheduledInstanceId);
  },
  deleteScheduledInstances: async (c) => {
    const res = (await c.describeScheduledInstances(VOLC_REGION)).find((r) => canCancelReservation(r, emu.clock.now()).ok)!;
    return c.deleteScheduledInstances(VOLC_REGION, [res.ScheduledInstanceId]);
  },
};

type Dynamic = Record<string, (...a: unknown[]) => Promise<unknown>>;
const ALI_RECIPES: Record<string, Recipe<AliyunClient>> = {
  describeRegions: (c) => c.describeRegions(),
  describeZones: (c) => c.describeZones(ALI_REGION),
  describeReservedInstancesPage: (c) => c.describeReservedInstancesPage(ALI_REGION, { pageSize: 10 }),
  describeReservedInstances: (c) => c.describeReservedInstances(ALI_REGION),
  // Added to AliyunClient on another branch; called only when the class has them.
  describeInstanceTypes: (c) => (c as unknown as Dynamic).describeInstanceTypes(ALI_REGION),
  followModify: async (c) => {
    const src = (await c.describeReservedInstances(ALI_REGION)).find((r) => r.Status === 'Active')!;
    return (c as unknown as Dynamic).followModify(ALI_REGION, [src.ReservedInstanceId], [], { intervalMs: 1, maxMs: 50, appearMs: 0 });
  },
  modifyReservedInstances: async (c) => {
    const src = (await c.describeReservedInstances(ALI_REGION)).find((r) => r.Status === 'Active')!;
    // A scope change to Region: valid for any active coupon, computing power unchanged.
    return c.modifyReservedInstances(ALI_REGION, {
      reservedInstanceIds: [src.ReservedInstanceId],
      configurations: [
        {
          instanceType: src.InstanceType,
          instanceAmount: src.InstanceAmount,
          scope: src.Scope === 'Region' ? 'Zone' : 'Region',
          zoneId: src.Scope === 'Region' ? `${ALI_REGION}-h` : undefined,
        },
      ],
    });
  },
};

/** Async methods that send nothing. */
const LOCAL_ONLY = new Set(['close']);

/** Names of the methods in src/core/clients that return a promise (declared async, or typed `Promise<…>`). */
function promiseMethods(): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(CLIENTS_SRC).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(CLIENTS_SRC, f), 'utf8');
    for (const m of text.matchAll(
      /^ {2}(?:(?:public|private|protected|static|override)\s+)*(async\s+)?(\w+)\s*(?:<[^(]*>)?\(([\s\S]*?)\{\n/gm,
    )) {
      if (m[1] || /\):\s*Promise</.test(m[3])) out.add(m[2]);
    }
  }
  return out;
}

/** Names declared private or protected in src/core/clients (runtime prototypes keep them). */
function hiddenMembers(): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(CLIENTS_SRC).filter((n) => n.endsWith('.ts'))) {
    const text = readFileSync(join(CLIENTS_SRC, f), 'utf8');
    for (const m of text.matchAll(/^\s+(?:private|protected)\s+(?:readonly\s+)?(?:async\s+)?(\w+)/gm)) out.add(m[1]);
  }
  return out;
}

/** The public methods of a client class, its base classes included. */
function publicMethods(cls: { prototype: object }): string[] {
  const hidden = hiddenMembers();
  const names = new Set<string>();
  for (let p: object | null = cls.prototype; p && p !== Object.prototype; p = Object.getPrototypeOf(p)) {
    for (const n of Object.getOwnPropertyNames(p)) {
      if (n !== 'constructor' && typeof Object.getOwnPropertyDescriptor(p, n)?.value === 'function' && !hidden.has(n)) names.add(n);
    }
  }
  return [...names].sort();
}

interface Policy {
  Version?: string;
  Statement: { Effect: string; Action: string[]; Resource: string | string[] }[];
}
const policy = (name: string): Policy => JSON.parse(readFileSync(join(POLICIES, `${name}.json`), 'utf8'));
const actionsOf = (p: Policy) =>
  p.Statement.flatMap((s) => s.Action)
    .map((a) => a.replace(/^ecs:/, ''))
    .sort();

describe('docs/policies (least privilege)', function () {
  this.timeout(60_000);
  const seen: Record<Provider, Map<string, string[]>> = { volcengine: new Map(), aliyun: new Map() };

  before(async () => {
    emu = await startEmulator({ seed: 'demo', transitionDelayMs: 0 });
  });
  after(async () => {
    await emu.stop();
  });

  it('finds the public methods of both clients', () => {
    const hidden = hiddenMembers();
    for (const n of ['call', 'allPages', 'credentials']) assert.ok(hidden.has(n), n);
    const volc = publicMethods(VolcengineClient);
    assert.ok(volc.includes('deleteInstances') && volc.includes('describeRegions') && !volc.includes('call'), volc.join());
    assert.ok(publicMethods(AliyunClient).includes('modifyReservedInstances'));
    const async = promiseMethods();
    for (const n of ['describeRegions', 'deleteInstances', 'modifyReservedInstances', 'describeReservedInstancesPage', 'close'])
      assert.ok(async.has(n), n);
    assert.ok(!async.has('constructor'));
  });

  for (const [provider, cls, recipes] of [
    ['volcengine', VolcengineClient, VOLC_RECIPES],
    ['aliyun', AliyunClient, ALI_RECIPES],
  ] as const) {
    it(`${provider}: every public method sends its requests to the emulator`, async () => {
      const account = DEMO_ACCOUNTS.find((a) => a.provider === provider)!;
      // Synchronous methods cannot wait for an answer: only methods returning a promise can call the cloud.
      const async = promiseMethods();
      const methods = publicMethods(cls).filter((m) => async.has(m) && !LOCAL_ONLY.has(m));
      const missing = methods.filter((m) => !(m in recipes));
      assert.deepEqual(
        missing,
        [],
        `no recipe for ${cls.name}.${missing.join(', ')}: add one to this test and the Action to docs/policies`,
      );
      for (const m of methods) {
        emu.reset('demo');
        const calls: CallRecord[] = [];
        const client = new cls({
          credentials: { accessKeyId: account.accessKeyId, accessKeySecret: account.accessKeySecret },
          endpoint: provider === 'volcengine' ? emu.volcengineUrl : emu.aliyunUrl,
          transportSettings: { retryBaseMs: 1, retryMaxMs: 5 },
          onCall: (r) => calls.push(r),
        });
        try {
          await (recipes as Record<string, Recipe<typeof client>>)[m](client);
        } finally {
          await client.close();
        }
        const wire = emu.requests.list({ provider }).map((r) => r.action);
        const reported = [...new Set(calls.map((c) => c.action))];
        assert.ok(calls.length > 0, `${cls.name}.${m} sent nothing`);
        assert.deepEqual(reported.sort(), [...new Set(wire)].sort(), `${cls.name}.${m}: onCall and the emulator disagree`);
        assert.ok(
          calls.every((c) => c.httpStatus === 200),
          `${cls.name}.${m}: ${JSON.stringify(calls.map((c) => [c.action, c.httpStatus, c.errorCode]))}`,
        );
        seen[provider].set(m, reported);
      }
    });
  }

  for (const provider of ['volcengine', 'aliyun'] as const) {
    it(`${provider}: read-only policy = the Describe* actions sent, actions policy = the rest`, function () {
      if (seen[provider].size === 0) this.skip(); // the run above failed
      const all = [...new Set([...seen[provider].values()].flat())].sort();
      assert.deepEqual(
        actionsOf(policy(`${provider}-readonly`)),
        all.filter((a) => a.startsWith('Describe')),
      );
      assert.deepEqual(
        actionsOf(policy(`${provider}-actions`)),
        all.filter((a) => !a.startsWith('Describe')),
      );
    });
  }

  it("policies follow each cloud's syntax", () => {
    for (const name of ['aliyun-readonly', 'aliyun-actions']) {
      // Alibaba RAM: Version "1"; Resource "*".
      const p = policy(name);
      assert.equal(p.Version, '1', name);
      assert.deepEqual(Object.keys(p).sort(), ['Statement', 'Version'], name);
      for (const s of p.Statement) assert.deepEqual({ ...s, Action: [] }, { Effect: 'Allow', Action: [], Resource: '*' }, name);
    }
    for (const name of ['volcengine-readonly', 'volcengine-actions']) {
      // Volcengine IAM: no Version; Action and Resource are arrays.
      const p = policy(name);
      assert.deepEqual(Object.keys(p), ['Statement'], name);
      for (const s of p.Statement) assert.deepEqual({ ...s, Action: [] }, { Effect: 'Allow', Action: [], Resource: ['*'] }, name);
    }
    for (const name of ['aliyun-readonly', 'aliyun-actions', 'volcengine-readonly', 'volcengine-actions']) {
      for (const a of policy(name).Statement.flatMap((s) => s.Action)) assert.match(a, /^ecs:[A-Z][A-Za-z]+$/, `${name}: ${a}`);
    }
  });

  it('README.md and README.zh-CN.md link every policy file (the files are the policies; the READMEs hold no copy)', () => {
    for (const readme of ['README.md', 'README.zh-CN.md']) {
      const text = readFileSync(join(ROOT, readme), 'utf8');
      for (const name of ['aliyun-readonly', 'aliyun-actions', 'volcengine-readonly', 'volcengine-actions']) {
        assert.ok(text.includes(`](docs/policies/${name}.json)`), `${readme} does not link docs/policies/${name}.json`);
      }
      assert.doesNotMatch(text, /"Action"\s*:/, `${readme} holds a copy of a policy; link the file instead`);
    }
  });
});
