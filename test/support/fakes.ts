/** Fake deps for driving the command handlers under plain Node. */
import { CloudError, type CallRecord, type Locale } from '../../src/core';
import type { ActionDeps, ConfirmMode } from '../../src/commands/deps';
import type { ActionLog, ClientFactory, ResourceRef, AccountSource, TreeControl } from '../../src/contracts';
import { formatCall } from '../../src/output/format';
import { redact } from '../../src/output/redact';
import { ScriptedPrompts, type ScriptedAnswer, type ScriptedPromptsOptions } from './scripted-prompts';
import { NOW, enT, zhT } from './helpers';

export class MemoryLog implements ActionLog {
  lines: string[] = [];
  shown = 0;
  info(m: string) {
    this.lines.push(`info ${redact(m)}`);
  }
  warn(m: string) {
    this.lines.push(`warn ${redact(m)}`);
  }
  error(m: string) {
    this.lines.push(`error ${redact(m)}`);
  }
  call(r: CallRecord) {
    this.lines.push(`call ${formatCall(r)}`);
  }
  show() {
    this.shown++;
  }
  get text() {
    return this.lines.join('\n');
  }
}

export class RecordingTree implements TreeControl {
  refreshed: string[][] = [];
  followed: string[][] = [];
  refresh(refs?: readonly ResourceRef[]) {
    this.refreshed.push((refs ?? []).map((r) => r.id));
  }
  follow(refs: readonly ResourceRef[]) {
    this.followed.push(refs.map((r) => r.id));
  }
}

export interface FakeCalls {
  deleteInstances: { region: string; ids: string[] }[];
  deleteScheduledInstance: { region: string; id: string }[];
  modify: { region: string; input: unknown }[];
  follow: { sourceIds: string[]; newIds: string[] }[];
  describeInstanceTypes: string[];
}

export interface FakeOptions {
  /** Per region: make DeleteInstances fail per ID, or throw for the whole region. */
  deleteFailures?: Record<string, string>;
  throwForRegion?: Record<string, CloudError>;
  cancelError?: CloudError;
  instances?: Record<string, unknown[]>;
  reservations?: Record<string, unknown[]>;
  reservedInstances?: Record<string, unknown[]>;
  zones?: string[];
  modifyResult?: {
    newReservedInstanceIds: string[];
    outcome: 'confirmed' | 'reconciled' | 'not-applied';
    requestId?: string;
    lostAnswer?: { code: string; message: string; requestId?: string };
  };
  modifyError?: CloudError;
  /** DescribeInstanceTypes answer (default FAKE_TYPES), or its failure. */
  instanceTypes?: { InstanceTypeId: string; InstanceTypeFamily: string; CpuCoreCount: number }[];
  instanceTypesError?: CloudError;
  /** What following an accepted change ends with (default: applied). */
  followOutcome?: 'applied' | 'failed' | 'pending' | 'cancelled';
}

const sizes: [string, number][] = [
  ['large', 2],
  ['xlarge', 4],
  ['2xlarge', 8],
  ['3xlarge', 12],
  ['4xlarge', 16],
  ['6xlarge', 24],
  ['8xlarge', 32],
  ['16xlarge', 64],
];
export const FAKE_TYPES = ['ecs.g5', 'ecs.c5', 'ecs.g6'].flatMap((f) =>
  sizes.map(([s, v]) => ({ InstanceTypeId: `${f}.${s}`, InstanceTypeFamily: f, CpuCoreCount: v })),
);

export function fakeClients(o: FakeOptions = {}): { clients: ClientFactory; calls: FakeCalls } {
  const calls: FakeCalls = { deleteInstances: [], deleteScheduledInstance: [], modify: [], follow: [], describeInstanceTypes: [] };
  const volc = {
    async describeInstances(region: string) {
      return o.instances?.[region] ?? [];
    },
    async describeScheduledInstances(region: string) {
      return o.reservations?.[region] ?? [];
    },
    async deleteInstances(region: string, ids: string[], opts: { onProgress?: (d: number, t: number) => void } = {}) {
      const err = o.throwForRegion?.[region];
      if (err) throw err;
      calls.deleteInstances.push({ region, ids });
      opts.onProgress?.(ids.length, ids.length);
      return {
        outcomes: ids.map((id) =>
          o.deleteFailures?.[id]
            ? { instanceId: id, ok: false, code: o.deleteFailures[id], message: 'refused', requestId: 'REQ-1', clientToken: 'tok-1' }
            : { instanceId: id, ok: true, requestId: 'REQ-1', clientToken: 'tok-1' },
        ),
        calls: [{ clientToken: 'tok-1', requestId: 'REQ-1', instanceIds: ids }],
      };
    },
    async deleteScheduledInstances(region: string, ids: string[], opts: { onProgress?: (d: number, t: number) => void } = {}) {
      const outcomes = ids.map((id, k) => {
        const e = o.cancelError;
        if (!e) calls.deleteScheduledInstance.push({ region, id });
        opts.onProgress?.(k + 1, ids.length);
        return e
          ? { id, ok: false, code: e.code, message: e.message, requestId: e.requestId, clientToken: `tok-${id}`, httpStatus: e.httpStatus }
          : { id, ok: true, requestId: 'REQ-2', clientToken: `tok-${id}` };
      });
      return { outcomes, calls: ids.map((id) => ({ clientToken: `tok-${id}`, requestId: 'REQ-2', ids: [id] })) };
    },
  };
  const ali = {
    async describeReservedInstances(region: string, opts: { reservedInstanceIds?: string[] } = {}) {
      const all = (o.reservedInstances?.[region] ?? []) as { ReservedInstanceId: string }[];
      return opts.reservedInstanceIds ? all.filter((c) => opts.reservedInstanceIds!.includes(c.ReservedInstanceId)) : all;
    },
    async describeZones() {
      return (o.zones ?? []).map((z) => ({ ZoneId: z }));
    },
    /** The sizes a family has, with vCPU counts (a test double's list; the documented g5 factors agree). */
    async describeInstanceTypes(_region: string, opts: { family?: string } = {}) {
      calls.describeInstanceTypes.push(opts.family ?? '');
      if (o.instanceTypesError) throw o.instanceTypesError;
      const list = o.instanceTypes ?? FAKE_TYPES;
      return list.filter((t) => !opts.family || t.InstanceTypeFamily === opts.family);
    },
    async modifyReservedInstances(region: string, input: unknown) {
      if (o.modifyError) throw o.modifyError;
      calls.modify.push({ region, input });
      return o.modifyResult ?? { newReservedInstanceIds: ['ecsri-new1', 'ecsri-new2'], outcome: 'confirmed', requestId: 'REQ-3' };
    },
    async followModify(_region: string, sourceIds: string[], newIds: string[]) {
      calls.follow.push({ sourceIds, newIds });
      const outcome = o.followOutcome ?? 'applied';
      const src = outcome === 'applied' ? 'Inactive' : outcome === 'failed' ? 'Active' : 'Updating';
      const dst = outcome === 'applied' ? 'Active' : outcome === 'failed' ? undefined : 'Creating';
      return {
        outcome,
        sources: sourceIds.map((id) => ({ id, status: src })),
        created: newIds.map((id) => ({ id, status: dst })),
        polls: 3,
        elapsedMs: 20 * 60_000,
      };
    },
  };
  const clients = {
    volcengine: async () => volc,
    aliyun: async () => ali,
  } as unknown as ClientFactory;
  return { clients, calls };
}

export const accountSource: AccountSource = {
  async accounts(p) {
    return [{ id: p === 'volcengine' ? 'p1' : 'a1', provider: p, name: 'default', maskedKeyId: 'AKLT…abc' }];
  },
  regions(p) {
    return p === 'volcengine' ? ['cn-beijing', 'cn-shanghai'] : ['cn-hangzhou'];
  },
};

export function makeDeps(
  answers: ScriptedAnswer[],
  o: { fake?: FakeOptions; mode?: ConfirmMode; locale?: Locale; prompts?: ScriptedPromptsOptions; now?: Date } = {},
) {
  const { clients, calls } = fakeClients(o.fake);
  const log = new MemoryLog();
  const tree = new RecordingTree();
  const prompts = new ScriptedPrompts(answers, o.prompts);
  const locale = o.locale ?? 'en';
  const deps: ActionDeps = {
    clients,
    log,
    prompts,
    tree,
    accountSource,
    now: () => o.now ?? NOW,
    t: locale === 'zh-cn' ? zhT : enT,
    locale: () => locale,
    confirmMode: () => o.mode ?? 'typeCount',
  };
  return { deps, calls, log, tree, prompts };
}

export function apiError(code: string, httpStatus = 400, action = 'DeleteScheduledInstance'): CloudError {
  return new CloudError({
    kind: 'api',
    provider: 'volcengine',
    action,
    region: 'cn-beijing',
    code,
    message: `${code} message`,
    httpStatus,
    requestId: 'REQ-ERR',
  });
}
