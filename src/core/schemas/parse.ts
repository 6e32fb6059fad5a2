import * as z from 'zod/mini';
import { CloudError, LocalCodes } from '../errors';
import type { Provider } from '../types';

export interface ParseContext {
  provider: Provider;
  action: string;
  region: string;
  requestId?: string;
  httpStatus?: number;
  /** The call's secrets, scrubbed from error texts (see CloudErrorInit.secrets). */
  secrets?: readonly string[];
}

/** Optional field that also accepts null (read as absent). */
export function opt<T extends z.ZodMiniType>(s: T) {
  return z.optional(
    z.pipe(
      z.nullable(s),
      z.transform((v: z.output<T> | null): z.output<T> | undefined => v ?? undefined),
    ),
  );
}

/** A list that may be absent or null (read as empty). */
export function list<T extends z.ZodMiniType>(item: T) {
  return z.pipe(
    z.optional(z.nullable(z.array(item))),
    z.transform((v: z.output<T>[] | null | undefined): z.output<T>[] => v ?? []),
  );
}

/**
 * Fast checks: hand-written type checks of a parsed body, run before the zod schema (zod/mini costs
 * ~27 µs per list item). A check returns true when the value satisfies the schema; it normalizes in place
 * as the schema's transforms do (null optional field → undefined, absent or null list → []), so the body
 * itself is the parsed value. When it returns false, the zod schema runs and names the failing field.
 */
export type FastCheck = (v: unknown) => boolean;
type Field = readonly [mode: 0 | 1 | 2, check: FastCheck]; // 0 required, 1 opt(), 2 list()

/** The item check of each check made by `fast.array` (so that an object's check can loop over the items inline). */
const arrayItems = new WeakMap<FastCheck, FastCheck>();
const KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * The test of `check` on the value `expr`, as code: primitives inline, lists through `every` with their item
 * check, anything else a call of `c[n]` (the checks passed to the compiled function).
 */
function testCode(check: FastCheck, expr: string, c: FastCheck[]): string {
  if (check === fast.str) return `typeof ${expr} === 'string'`;
  if (check === fast.num) return `(typeof ${expr} === 'number' && isFinite(${expr}))`;
  if (check === fast.bool) return `typeof ${expr} === 'boolean'`;
  const item = arrayItems.get(check);
  if (item !== undefined) return `every(${expr}, c[${c.push(item) - 1}])`;
  return `c[${c.push(check) - 1}](${expr})`;
}

/** Every item of a list passes `item` (false for a non-array). */
function every(v: unknown, item: FastCheck): boolean {
  if (!Array.isArray(v)) return false;
  for (let i = 0; i < v.length; i++) if (!item(v[i])) return false;
  return true;
}

export const fast = {
  str: ((v) => typeof v === 'string') as FastCheck,
  num: ((v) => typeof v === 'number' && Number.isFinite(v)) as FastCheck,
  bool: ((v) => typeof v === 'boolean') as FastCheck,
  req: (c: FastCheck): Field => [0, c],
  opt: (c: FastCheck): Field => [1, c],
  list: (c: FastCheck): Field => [2, c],
  array(item: FastCheck): FastCheck {
    const check: FastCheck = (v) => every(v, item);
    arrayItems.set(check, item);
    return check;
  },
  /**
   * A looseObject: only the listed fields are checked; others pass through. Compiled once per schema into a
   * function that reads each field by name (`v.InstanceId`): a loop over the key names read them by a computed
   * key, a lookup V8 cannot specialize, ~4× the cost per item. The names are the schema's own (checked below),
   * never a server's.
   */
  object(fields: Record<string, Field>): FastCheck {
    const c: FastCheck[] = [];
    let code = `if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;\nlet x;\n`;
    for (const k of Object.keys(fields)) {
      if (!KEY.test(k)) throw new Error(`fast.object: field name ${JSON.stringify(k)} is not an identifier`);
      const [mode, check] = fields[k];
      const test = testCode(mode === 2 ? fast.array(check) : check, 'x', c);
      code += `x = v.${k};\n`;
      if (mode === 0) code += `if (!(${test})) return false;\n`;
      // opt(): key kept, value undefined (as zod outputs); list(): []
      else if (mode === 1) code += `if (x === null) v.${k} = undefined; else if (x !== undefined && !(${test})) return false;\n`;
      else code += `if (x === undefined || x === null) v.${k} = []; else if (!(${test})) return false;\n`;
    }
    code += 'return true;';
    try {
      return new Function('c', 'every', 'isFinite', `return function check(v) {\n${code}\n};`)(c, every, Number.isFinite) as FastCheck;
    } catch {
      // A host that forbids code generation (--disallow-code-generation-from-strings): the same check, by loop.
      return objectByLoop(fields);
    }
  },
};

/** `fast.object` without code generation: the fields read by computed key in a loop (~4× slower per item). */
function objectByLoop(fields: Record<string, Field>): FastCheck {
  const keys = Object.keys(fields);
  const modes = keys.map((k) => fields[k][0]);
  const checks = keys.map((k) => (fields[k][0] === 2 ? fast.array(fields[k][1]) : fields[k][1]));
  return (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
    const o = v as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const x = o[keys[i]];
      const mode = modes[i];
      if (mode === 0) {
        if (!checks[i](x)) return false;
      } else if (x === undefined || x === null) {
        if (mode === 2) o[keys[i]] = [];
        else if (x === null) o[keys[i]] = undefined;
      } else if (!checks[i](x)) return false;
    }
    return true;
  };
}

const fastChecks = new WeakMap<object, FastCheck>();

/** Registers the fast check of a response schema (used by parseResponse). */
export function withFastCheck<S extends z.ZodMiniType>(schema: S, check: FastCheck): S {
  fastChecks.set(schema, check);
  return schema;
}

/** The fast check registered for a schema, if any. */
export function fastCheckOf(schema: z.ZodMiniType): FastCheck | undefined {
  return fastChecks.get(schema);
}

/** `Result.Instances[3].InstanceId` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out || '(root)';
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function findRequestId(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  const meta = b.ResponseMetadata as Record<string, unknown> | undefined;
  const id = (meta && typeof meta === 'object' ? meta.RequestId : undefined) ?? b.RequestId;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * Validates a response body (text or parsed JSON) against `schema`. Returns the parsed value or throws
 * CloudError kind 'malformed-response' naming the field path, the action and the RequestId.
 */
export function parseResponse<S extends z.ZodMiniType>(schema: S, body: unknown, ctx: ParseContext): z.output<S> {
  let json = body;
  if (typeof body === 'string') {
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw malformed(
        ctx,
        '(body)',
        `${ctx.action} response is not valid JSON${ctx.requestId ? ` (RequestId ${ctx.requestId})` : ''}`,
        ctx.requestId,
        e,
      );
    }
  }
  if (fastCheckOf(schema)?.(json)) return json as z.output<S>;
  const requestId = ctx.requestId ?? findRequestId(json);
  const r = schema.safeParse(json, { reportInput: true });
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = formatPath(issue.path);
  let what: string;
  if (issue.code === 'invalid_type') {
    const got = describeValue((issue as { input?: unknown }).input);
    what = got === 'missing' ? `is missing (expected ${issue.expected})` : `has type ${got}, expected ${issue.expected}`;
  } else {
    what = 'has an unexpected value';
  }
  const more = r.error.issues.length > 1 ? ` (+${r.error.issues.length - 1} more)` : '';
  const rid = requestId ? ` (RequestId ${requestId})` : ' (no RequestId)';
  throw malformed(ctx, field, `${ctx.action} response: field ${field} ${what}${more}${rid}`, requestId);
}

function malformed(ctx: ParseContext, field: string, message: string, requestId?: string, cause?: unknown): CloudError {
  return new CloudError({
    kind: 'malformed-response',
    provider: ctx.provider,
    action: ctx.action,
    region: ctx.region,
    code: LocalCodes.malformed,
    message,
    httpStatus: ctx.httpStatus,
    requestId,
    field,
    cause,
    secrets: ctx.secrets,
  });
}
