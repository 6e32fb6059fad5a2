/** Error code → short explanation and next step, in English and Simplified Chinese. */
import type { Locale, Provider } from '../types';
import { ALIYUN_ACTION_GUIDANCE, ALIYUN_GUIDANCE } from './aliyun';
import { COMMON_GUIDANCE, MUTATING_GUIDANCE } from './common';
import { CREDENTIAL_GUIDANCE } from './credentials';
import type { GuidanceEntry, GuidanceText } from './entry';
import { LOCAL_GUIDANCE } from './local';
import { VOLCENGINE_ACTION_GUIDANCE, VOLCENGINE_GUIDANCE } from './volcengine';

export type { GuidanceEntry, GuidanceText } from './entry';

/** Every code's default entry, all providers together (a code both clouds define keeps the Alibaba text). */
export const GUIDANCE: Readonly<Record<string, GuidanceEntry>> = Object.freeze({
  ...VOLCENGINE_GUIDANCE,
  ...ALIYUN_GUIDANCE,
  ...COMMON_GUIDANCE,
  ...LOCAL_GUIDANCE,
  ...CREDENTIAL_GUIDANCE,
});

/** Actions that change something: after an error whose outcome is open, their guidance never says "try again" blindly. */
export const MUTATING_ACTIONS: ReadonlySet<string> = new Set([
  'DeleteInstances',
  'DeleteScheduledInstance',
  'ModifyReservedInstances',
  'ModifyReservedInstanceAttribute',
]);

const PROVIDER_GUIDANCE: Readonly<Record<Provider, Readonly<Record<string, GuidanceEntry>>>> = {
  volcengine: VOLCENGINE_GUIDANCE,
  aliyun: ALIYUN_GUIDANCE,
};
const ACTION_GUIDANCE: Readonly<Record<Provider, Readonly<Record<string, Readonly<Record<string, GuidanceEntry>>>>>> = {
  volcengine: VOLCENGINE_ACTION_GUIDANCE,
  aliyun: ALIYUN_ACTION_GUIDANCE,
};

/** Where an error came from; narrows the lookup to that cloud (and action). */
export interface GuidanceWhere {
  /** `volcengine` or `aliyun`; any other value counts as unknown. */
  readonly provider?: Provider | string;
  readonly action?: string;
}

export interface Guidance extends GuidanceText {
  code: string;
  /** true when the exact code has an entry; false for a family match or the generic fallback. */
  known: boolean;
}

const GENERIC: GuidanceEntry = {
  en: {
    explain: 'The cloud returned error {code}.',
    next: 'Check the request and try again; if it persists, contact support with the RequestId.',
  },
  zh: { explain: '云服务返回错误 {code}。', next: '检查请求后重试；如持续出现，请携带 RequestId 联系技术支持。' },
};

/** The fallback for a change whose error is unknown to the catalogue: it may or may not have been applied. */
const GENERIC_MUTATING: GuidanceEntry = {
  en: {
    explain: 'The cloud returned error {code}.',
    next: 'Refresh and check the state of the resources in the request before running the command again (the error does not say whether anything changed); if it persists, contact support with the RequestId.',
  },
  zh: {
    explain: '云服务返回错误 {code}。',
    next: '请先刷新并检查请求涉及资源的状态，再决定是否重新执行命令（该错误无法说明是否已有变更）；如持续出现，请携带 RequestId 联系技术支持。',
  },
};

function lang(locale: Locale | string): 'en' | 'zh' {
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function own<T>(table: Readonly<Record<string, T>> | undefined, code: string): T | undefined {
  return table && Object.prototype.hasOwnProperty.call(table, code) ? table[code] : undefined;
}

/** The tables to search, most specific first: action, changes in general, provider (all when unknown), shared, local, credentials. */
function tables(where: GuidanceWhere): Readonly<Record<string, GuidanceEntry>>[] {
  const out: Readonly<Record<string, GuidanceEntry>>[] = [];
  const p = where.provider === 'volcengine' || where.provider === 'aliyun' ? where.provider : undefined;
  if (p && where.action) {
    const t = own(ACTION_GUIDANCE[p], where.action);
    if (t) out.push(t);
  }
  if (where.action && MUTATING_ACTIONS.has(where.action)) out.push(MUTATING_GUIDANCE);
  // Without a provider: every entry, as in GUIDANCE (where a code both clouds define has the Alibaba text).
  out.push(p ? PROVIDER_GUIDANCE[p] : GUIDANCE, COMMON_GUIDANCE, LOCAL_GUIDANCE, CREDENTIAL_GUIDANCE);
  return out;
}

function lookup(ts: readonly Readonly<Record<string, GuidanceEntry>>[], code: string): GuidanceEntry | undefined {
  for (const t of ts) {
    const e = own(t, code);
    if (e) return e;
  }
  return undefined;
}

/** Nearest entry for an unknown code within the same tables: parent code (`A.B.C` → `A.B` → `A`), then families. */
function family(ts: readonly Readonly<Record<string, GuidanceEntry>>[], code: string): GuidanceEntry | undefined {
  let c = code;
  for (let i = c.lastIndexOf('.'); i > 0; i = c.lastIndexOf('.')) {
    c = c.slice(0, i);
    const e = lookup(ts, c);
    if (e) return e;
  }
  const named = (n: string) => lookup(ts, n);
  if (/^Throttling/.test(code)) return named('Throttling');
  if (/^ServiceUnavailable/.test(code)) return named('ServiceUnavailable');
  if (/^Forbidden/.test(code)) return named('Forbidden');
  if (/^Missing[A-Z]/.test(code)) return named('MissingParameter');
  if (/\.NotFound$/.test(code)) return named('NotFound');
  if (/\.Malformed$/.test(code)) return named('Malformed');
  if (/^Invalid[A-Z]/.test(code)) return named('InvalidParameter');
  return undefined;
}

/**
 * Guidance for an error code. With `where`, the code is looked up for that provider (and action) first, then
 * in the shared and local codes; another cloud's entries are never used. An unknown code gets the server's
 * message (when given) as its explanation, with the nearest family's next step or a generic one.
 */
export function guidanceFor(code: string, locale: Locale | string, fallbackMessage?: string, where: GuidanceWhere = {}): Guidance {
  const l = lang(locale);
  const ts = tables(where);
  const exact = lookup(ts, code);
  if (exact) return { code, known: true, ...exact[l] };
  const fam = family(ts, code)?.[l];
  const generic = (where.action && MUTATING_ACTIONS.has(where.action) ? GENERIC_MUTATING : GENERIC)[l];
  const explain = fallbackMessage?.trim() || fam?.explain || generic.explain.replace('{code}', code);
  return { code, known: false, explain, next: fam?.next ?? generic.next };
}

/** The generic next step (tests compare entries against it). */
export function genericNext(locale: Locale | string, mutating = false): string {
  return (mutating ? GENERIC_MUTATING : GENERIC)[lang(locale)].next;
}
