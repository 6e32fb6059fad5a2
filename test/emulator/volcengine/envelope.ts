/** Volcengine response envelopes and request IDs. */
import { randomBytes } from 'node:crypto';
import type { EmuResponse } from '../http-types';

export const VOLC_VERSION = '2020-04-01';

export function volcRequestId(): string {
  const d = new Date(Date.now() + 8 * 3600_000).toISOString();
  return d.slice(0, 19).replace(/[-:T]/g, '') + randomBytes(10).toString('hex').toUpperCase();
}

export interface VolcMeta {
  RequestId: string;
  Action: string;
  Version: string;
  Region: string;
}

function meta(m: VolcMeta): Record<string, unknown> {
  return { RequestId: m.RequestId, Action: m.Action, Version: m.Version, Service: 'ecs', Region: m.Region };
}

export function volcOk(m: VolcMeta, result: Record<string, unknown>): EmuResponse {
  return { status: 200, body: { ResponseMetadata: meta(m), Result: result } };
}

export function volcError(m: VolcMeta, status: number, code: string, message: string): EmuResponse {
  return { status, body: { ResponseMetadata: { ...meta(m), Error: { Code: code, Message: message } } } };
}
