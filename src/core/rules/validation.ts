/**
 * Local input rules, checked before a request is sent. Each problem names the request field with the
 * API's parameter name and a 0-based index (`InstanceIds[3]`, `Configuration[0].ZoneId`).
 * Failures throw CloudError kind 'invalid-input' code 'InvalidInput' with `field` set; the Chinese text of
 * the message is available through `validationMessage(err)`.
 */
import * as z from 'zod/mini';
import { CloudError, LocalCodes } from '../errors';
import type { Bilingual, Provider } from '../types';

export const MAX_INSTANCE_IDS_PER_CALL = 100;
export const MAX_RESERVED_INSTANCE_IDS = 20;
export const MAX_RI_CONFIGURATIONS = 100;
export const MAX_CLIENT_TOKEN_LENGTH = 64;

export interface ValidationProblem {
  readonly field: string;
  readonly message: Bilingual;
}

export interface ValidationContext {
  provider?: Provider;
  action?: string;
  region?: string;
}

// Input types of ModifyReservedInstances (the client's public input).
export interface ReservedInstanceConfiguration {
  instanceType: string;
  instanceAmount: number;
  scope?: 'Region' | 'Zone';
  zoneId?: string;
  reservedInstanceName?: string;
}
export interface ModifyReservedInstancesInput {
  reservedInstanceIds: string[];
  configurations: ReservedInstanceConfiguration[];
}

const INSTANCE_ID = /^i-[A-Za-z0-9]+$/;
const SCHEDULED_INSTANCE_ID = /^esi-[A-Za-z0-9]+$/;
// `ecsri-…` in the ModifyReservedInstances document, `ri-…` in the DescribeReservedInstances example: a prefix, not checked.
const RESERVED_INSTANCE_ID = /^[a-z]+-[A-Za-z0-9]+$/;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const NAME_START = /^[A-Za-z\p{Script=Han}]/u;
const NAME_CHARS = /^[A-Za-z0-9\p{Script=Han}:_-]*$/u;

/** Shows an input value in a message; never throws (odd objects, bigint, cycles). */
function q(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 80 ? v.slice(0, 80) + '…' : v);
  if (v === undefined) return 'missing';
  if (v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return Array.isArray(v) ? 'a list' : `a ${typeof v}`;
}

/** Message templates, keyed by the code carried in zod issue messages. */
const MSG: Record<string, (f: string, v: unknown) => Bilingual> = {
  required: (f) => ({ en: `${f}: is required`, zh: `${f}：必填` }),
  string: (f, v) => ({ en: `${f}: ${q(v)} is not a string`, zh: `${f}：${q(v)} 不是字符串` }),
  list: (f) => ({ en: `${f}: must be a list`, zh: `${f}：必须是列表` }),
  inputObject: (f) => ({
    en: `${f}: must be an object with reservedInstanceIds and configurations`,
    zh: `${f}：必须是包含 reservedInstanceIds 和 configurations 的对象`,
  }),
  instanceId: (f, v) => ({ en: `${f}: ${q(v)} is not an instance ID (expected i-…)`, zh: `${f}：${q(v)} 不是实例 ID（应为 i-…）` }),
  instanceIdsEmpty: (f) => ({ en: `${f}: at least one instance ID is required`, zh: `${f}：至少需要一个实例 ID` }),
  instanceIdsTooMany: (f, v) => ({
    en: `${f}: ${q(v)} IDs given, at most ${MAX_INSTANCE_IDS_PER_CALL} per call`,
    zh: `${f}：提供了 ${q(v)} 个 ID，每次调用最多 ${MAX_INSTANCE_IDS_PER_CALL} 个`,
  }),
  clientToken: (f) => ({
    en: `${f}: must be 1–${MAX_CLIENT_TOKEN_LENGTH} printable ASCII characters`,
    zh: `${f}：必须为 1–${MAX_CLIENT_TOKEN_LENGTH} 个可打印 ASCII 字符`,
  }),
  scheduledInstanceId: (f, v) => ({
    en: `${f}: ${q(v)} is not a reservation ID (ScheduledInstanceId, expected esi-…)`,
    zh: `${f}：${q(v)} 不是弹性预约单 ID（应为 esi-…）`,
  }),
  reservedInstanceId: (f, v) => ({
    en: `${f}: ${q(v)} is not a reserved instance ID (expected e.g. ecsri-…)`,
    zh: `${f}：${q(v)} 不是预留实例券 ID（例如 ecsri-…）`,
  }),
  riIdRepeated: (f, v) => ({ en: `${f}: ${q(v)} is listed more than once`, zh: `${f}：${q(v)} 重复出现` }),
  riIdsEmpty: (f) => ({ en: `${f}: at least one reserved instance ID is required`, zh: `${f}：至少需要一个预留实例券 ID` }),
  riIdsTooMany: (f, v) => ({
    en: `${f}: ${q(v)} IDs given, at most ${MAX_RESERVED_INSTANCE_IDS}`,
    zh: `${f}：提供了 ${q(v)} 个 ID，最多 ${MAX_RESERVED_INSTANCE_IDS} 个`,
  }),
  configsEmpty: (f) => ({ en: `${f}: at least one configuration is required`, zh: `${f}：至少需要一个配置` }),
  configsTooMany: (f, v) => ({
    en: `${f}: ${q(v)} configurations given, at most ${MAX_RI_CONFIGURATIONS}`,
    zh: `${f}：提供了 ${q(v)} 个配置，最多 ${MAX_RI_CONFIGURATIONS} 个`,
  }),
  instanceType: (f, v) => ({
    en: `${f}: ${q(v)} is not an instance type (expected e.g. ecs.g6.large)`,
    zh: `${f}：${q(v)} 不是实例规格（例如 ecs.g6.large）`,
  }),
  instanceAmount: (f, v) => ({ en: `${f}: ${q(v)} must be an integer ≥ 1`, zh: `${f}：${q(v)} 必须是大于等于 1 的整数` }),
  scope: (f, v) => ({ en: `${f}: ${q(v)} must be Region or Zone`, zh: `${f}：${q(v)} 必须是 Region 或 Zone` }),
  zoneRequired: (f) => ({ en: `${f}: is required when Scope is Zone`, zh: `${f}：Scope 为 Zone 时必填` }),
  nameLength: (f, v) => ({ en: `${f}: ${q(v)} must be 2–128 characters long`, zh: `${f}：${q(v)} 长度必须为 2–128 个字符` }),
  nameHttp: (f, v) => ({
    en: `${f}: ${q(v)} must not start with http:// or https://`,
    zh: `${f}：${q(v)} 不能以 http:// 或 https:// 开头`,
  }),
  nameStart: (f, v) => ({ en: `${f}: ${q(v)} must start with a letter or a Chinese character`, zh: `${f}：${q(v)} 必须以字母或中文开头` }),
  nameChars: (f, v) => ({
    en: `${f}: ${q(v)} may contain only letters, digits, Chinese characters, ':', '_' and '-'`,
    zh: `${f}：${q(v)} 只能包含字母、数字、中文、半角冒号（:）、下划线（_）或连字符（-）`,
  }),
};

// zod schemas: the issue message is the template key.
const key = (k: string) => ({ error: k });
const riIdSchema = z.string(key('string')).check(z.regex(RESERVED_INSTANCE_ID, key('reservedInstanceId')));
const reservedInstanceName = z.string(key('string')).check(
  z.refine((s: string) => !/^https?:\/\//i.test(s), key('nameHttp')),
  z.refine((s: string) => NAME_START.test(s), key('nameStart')),
  z.refine((s: string) => NAME_CHARS.test(s), key('nameChars')),
  z.refine((s: string) => [...s].length >= 2 && [...s].length <= 128, key('nameLength')),
);
const configurationSchema = z.object({
  instanceType: z.string(key('instanceType')).check(z.regex(/^ecs\.[a-z0-9-]+\.[A-Za-z0-9-]+$/, key('instanceType'))),
  instanceAmount: z.int(key('instanceAmount')).check(z.gte(1, key('instanceAmount'))),
  scope: z.optional(z.enum(['Region', 'Zone'], key('scope'))),
  zoneId: z.optional(z.string(key('string')).check(z.minLength(1, key('required')))),
  reservedInstanceName: z.optional(reservedInstanceName),
});
const modifySchema = z.object({
  reservedInstanceIds: z
    .array(riIdSchema, key('list'))
    .check(z.minLength(1, key('riIdsEmpty')), z.maxLength(MAX_RESERVED_INSTANCE_IDS, key('riIdsTooMany'))),
  configurations: z
    .array(configurationSchema, key('list'))
    .check(z.minLength(1, key('configsEmpty')), z.maxLength(MAX_RI_CONFIGURATIONS, key('configsTooMany'))),
});

/** API parameter names for the input object's keys. */
const FIELD_NAMES: Record<string, string> = {
  reservedInstanceIds: 'ReservedInstanceId',
  configurations: 'Configuration',
  instanceType: 'InstanceType',
  instanceAmount: 'InstanceAmount',
  scope: 'Scope',
  zoneId: 'ZoneId',
  reservedInstanceName: 'ReservedInstanceName',
};

function fieldName(base: string, path: readonly PropertyKey[]): string {
  let out = base;
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else {
      const name = FIELD_NAMES[String(p)] ?? String(p);
      out += out ? `.${name}` : name;
    }
  }
  return out || 'input';
}

function problemsOf(schema: z.ZodMiniType, value: unknown, base: string): ValidationProblem[] {
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return [];
  return r.error.issues.map((iss) => {
    const field = fieldName(base, iss.path);
    const input = (iss as { input?: unknown }).input;
    const tooLong = iss.code === 'too_big' && Array.isArray(input);
    const shown = tooLong || (iss.code === 'too_small' && Array.isArray(input)) ? (input as unknown[]).length : input;
    const tmpl = input === undefined ? MSG.required : MSG[iss.message];
    return { field, message: tmpl ? tmpl(field, shown) : { en: `${field}: ${iss.message}`, zh: `${field}：${iss.message}` } };
  });
}

const zhMessages = new WeakMap<CloudError, Bilingual>();

/** The bilingual message of a validation error (undefined for other errors). */
export function validationMessage(e: unknown): Bilingual | undefined {
  return e instanceof CloudError ? zhMessages.get(e) : undefined;
}

export function invalidInput(p: ValidationProblem, ctx: ValidationContext = {}, more = 0): CloudError {
  const suffix: Bilingual = more > 0 ? { en: ` (+${more} more)`, zh: `（另有 ${more} 个问题）` } : { en: '', zh: '' };
  const err = new CloudError({
    kind: 'invalid-input',
    provider: ctx.provider ?? 'volcengine',
    action: ctx.action ?? '',
    region: ctx.region ?? '',
    code: LocalCodes.invalidInput,
    message: p.message.en + suffix.en,
    field: p.field,
  });
  zhMessages.set(err, { en: p.message.en + suffix.en, zh: p.message.zh + suffix.zh });
  return err;
}

function throwFirst(problems: ProblemList, ctx: ValidationContext): void {
  if (problems.length) throw invalidInput(problems[0], ctx, (problems.total ?? problems.length) - 1);
}

/**
 * Refuses a list with holes or non-string items before it is signed: flattenParams numbers items by position and
 * drops missing ones, so `[ , 'i-2']` would go out as `InstanceIds.2` without `InstanceIds.1`.
 */
export function validateDenseIds(ids: readonly unknown[], field: string, ctx: ValidationContext = {}): void {
  if (!Array.isArray(ids)) throw invalidInput({ field, message: MSG.list(field, ids) }, ctx);
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    if (typeof id === 'string' && id !== '') continue;
    const f = `${field}[${i}]`;
    throw invalidInput({ field: f, message: (id === undefined || id === '' ? MSG.required : MSG.string)(f, id) }, ctx);
  }
}

// ---- Volcengine ----

/** At most this many problems are built for one list; the rest are only counted (see `ProblemList.total`). */
export const MAX_PROBLEMS = 20;

/** Problems, of which `total` were found in all (more than were built, for a long list). */
export type ProblemList = ValidationProblem[] & { total?: number };

/**
 * Problems of an instance ID list of any length (the client chunks lists longer than 100). Holes of a sparse
 * array are problems too (an ID is required there). Past MAX_PROBLEMS problems are counted, not built.
 */
export function checkInstanceIds(ids: readonly unknown[], opts: { perCall?: boolean } = {}): ProblemList {
  if (!Array.isArray(ids)) return [{ field: 'InstanceIds', message: MSG.list('InstanceIds', ids) }];
  if (ids.length === 0) return [{ field: 'InstanceIds', message: MSG.instanceIdsEmpty('InstanceIds', 0) }];
  const out: ProblemList = [];
  let total = 0;
  if (opts.perCall && ids.length > MAX_INSTANCE_IDS_PER_CALL) {
    out.push({ field: 'InstanceIds', message: MSG.instanceIdsTooMany('InstanceIds', ids.length) });
    total++;
  }
  // One regex test per ID; problems are built only for the first failures.
  for (let i = 0; i < ids.length; i++) {
    const id: unknown = ids[i];
    if (typeof id === 'string' && INSTANCE_ID.test(id)) continue;
    total++;
    if (out.length >= MAX_PROBLEMS) continue;
    const field = `InstanceIds[${i}]`;
    const tmpl = id === undefined ? MSG.required : typeof id === 'string' ? MSG.instanceId : MSG.string;
    out.push({ field, message: tmpl(field, id) });
  }
  if (total > out.length) out.total = total;
  return out;
}

/** Any number (≥ 1) of instance IDs. */
export function validateInstanceIds(ids: readonly unknown[], ctx: ValidationContext = {}): void {
  throwFirst(checkInstanceIds(ids), { action: 'DeleteInstances', ...ctx });
}

/** The IDs of one API call: 1–100. */
export function validateInstanceIdsPerCall(ids: readonly unknown[], ctx: ValidationContext = {}): void {
  throwFirst(checkInstanceIds(ids, { perCall: true }), { action: 'DeleteInstances', ...ctx });
}

export function checkClientToken(token: unknown): ValidationProblem[] {
  const ok = typeof token === 'string' && token.length >= 1 && token.length <= MAX_CLIENT_TOKEN_LENGTH && PRINTABLE_ASCII.test(token);
  return ok ? [] : [{ field: 'ClientToken', message: MSG.clientToken('ClientToken', token) }];
}

export function validateClientToken(token: unknown, ctx: ValidationContext = {}): void {
  throwFirst(checkClientToken(token), ctx);
}

export function checkScheduledInstanceId(id: unknown): ValidationProblem[] {
  if (id === undefined || id === '') return [{ field: 'ScheduledInstanceId', message: MSG.required('ScheduledInstanceId', id) }];
  const ok = typeof id === 'string' && SCHEDULED_INSTANCE_ID.test(id);
  return ok ? [] : [{ field: 'ScheduledInstanceId', message: MSG.scheduledInstanceId('ScheduledInstanceId', id) }];
}

export function validateScheduledInstanceId(id: unknown, ctx: ValidationContext = {}): void {
  throwFirst(checkScheduledInstanceId(id), { action: 'DeleteScheduledInstance', ...ctx });
}

// ---- Alibaba ----

/** Problems of a ReservedInstanceName (the empty string is not a name: leave the field out instead). */
export function checkReservedInstanceName(name: unknown, field = 'ReservedInstanceName'): ValidationProblem[] {
  return problemsOf(reservedInstanceName, name, field);
}

/** Every ModifyReservedInstances input rule (seed 002, aliyun.md §3.2). */
export function checkModifyReservedInstancesInput(input: ModifyReservedInstancesInput): ValidationProblem[] {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    return [{ field: 'input', message: MSG.inputObject('input', input) }];
  }
  // Over-long lists first: their items are not checked one by one (a list of a million IDs fails at once).
  const long: ValidationProblem[] = [];
  if (Array.isArray(input.reservedInstanceIds) && input.reservedInstanceIds.length > MAX_RESERVED_INSTANCE_IDS) {
    long.push({ field: 'ReservedInstanceId', message: MSG.riIdsTooMany('ReservedInstanceId', input.reservedInstanceIds.length) });
  }
  if (Array.isArray(input.configurations) && input.configurations.length > MAX_RI_CONFIGURATIONS) {
    long.push({ field: 'Configuration', message: MSG.configsTooMany('Configuration', input.configurations.length) });
  }
  if (long.length) return long;
  const out = problemsOf(modifySchema, input, '');
  const ids = Array.isArray(input.reservedInstanceIds) ? input.reservedInstanceIds : [];
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (typeof id !== 'string') return;
    if (seen.has(id)) {
      const field = `ReservedInstanceId[${i}]`;
      out.push({ field, message: MSG.riIdRepeated(field, id) });
    } else seen.add(id);
  });
  const configs = Array.isArray(input?.configurations) ? input.configurations : [];
  configs.forEach((c, i) => {
    if (c && c.scope === 'Zone' && !c.zoneId) {
      const field = `Configuration[${i}].ZoneId`;
      if (!out.some((p) => p.field === field)) out.push({ field, message: MSG.zoneRequired(field, undefined) });
    }
  });
  return out;
}

export function validateModifyReservedInstancesInput(input: ModifyReservedInstancesInput, ctx: ValidationContext = {}): void {
  throwFirst(checkModifyReservedInstancesInput(input), { provider: 'aliyun', action: 'ModifyReservedInstances', ...ctx });
}
