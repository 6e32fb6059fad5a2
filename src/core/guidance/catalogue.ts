/** Error code → short explanation and next step, in English and Simplified Chinese. */
import type { Locale } from '../types';
import { ALIYUN_GUIDANCE } from './aliyun';
import { COMMON_GUIDANCE } from './common';
import { CREDENTIAL_GUIDANCE } from './credentials';
import type { GuidanceEntry, GuidanceText } from './entry';
import { LOCAL_GUIDANCE } from './local';
import { VOLCENGINE_GUIDANCE } from './volcengine';

export type { GuidanceEntry, GuidanceText } from './entry';

export const GUIDANCE: Readonly<Record<string, GuidanceEntry>> = Object.freeze({
  ...VOLCENGINE_GUIDANCE,
  ...ALIYUN_GUIDANCE,
  ...COMMON_GUIDANCE,
  ...LOCAL_GUIDANCE,
  ...CREDENTIAL_GUIDANCE,
});

export interface Guidance extends GuidanceText {
  code: string;
  /** true when the exact code has an entry; false for a family match or the generic fallback. */
  known: boolean;
}

const GENERIC: GuidanceEntry = {
  en: { explain: 'The cloud returned error {code}.', next: 'Check the request and try again; if it persists, contact support with the RequestId.' },
  zh: { explain: '云服务返回错误 {code}。', next: '检查请求后重试；如持续出现，请携带 RequestId 联系技术支持。' },
};

function lang(locale: Locale | string): 'en' | 'zh' {
  return locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** Nearest entry for an unknown code: parent code (`A.B.C` → `A.B` → `A`), then families. */
function family(code: string): GuidanceEntry | undefined {
  let c = code;
  for (let i = c.lastIndexOf('.'); i > 0; i = c.lastIndexOf('.')) {
    c = c.slice(0, i);
    const e = GUIDANCE[c];
    if (e) return e;
  }
  if (/^Throttling/.test(code)) return GUIDANCE.Throttling;
  if (/^ServiceUnavailable/.test(code)) return GUIDANCE.ServiceUnavailable;
  if (/^Forbidden/.test(code)) return GUIDANCE.Forbidden;
  if (/^Missing[A-Z]/.test(code)) return GUIDANCE.MissingParameter;
  if (/\.NotFound$/.test(code)) return GUIDANCE.NotFound;
  if (/\.Malformed$/.test(code)) return GUIDANCE.Malformed;
  if (/^Invalid[A-Z]/.test(code)) return GUIDANCE.InvalidParameter;
  return undefined;
}

/**
 * Guidance for an error code. An unknown code gets the server's message (when given) as its
 * explanation, with the nearest family's next step or a generic one.
 */
export function guidanceFor(code: string, locale: Locale | string, fallbackMessage?: string): Guidance {
  const l = lang(locale);
  const exact = Object.prototype.hasOwnProperty.call(GUIDANCE, code) ? GUIDANCE[code] : undefined;
  if (exact) return { code, known: true, ...exact[l] };
  const fam = family(code)?.[l];
  const explain = fallbackMessage?.trim() || fam?.explain || GENERIC[l].explain.replace('{code}', code);
  return { code, known: false, explain, next: fam?.next ?? GENERIC[l].next };
}
