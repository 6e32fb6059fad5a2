/** Alibaba Cloud response envelopes. */
import { randomUUID } from 'node:crypto';
import type { EmuResponse } from '../http-types';

export const ALI_VERSION = '2014-05-26';
export const HOST_ID = 'ecs.aliyuncs.com';

export function aliRequestId(): string {
  return randomUUID().toUpperCase();
}

export function aliOk(requestId: string, body: Record<string, unknown>): EmuResponse {
  return { status: 200, body: { RequestId: requestId, ...body } };
}

export function aliError(requestId: string, status: number, code: string, message: string, headers?: Record<string, string>): EmuResponse {
  return {
    status,
    headers,
    body: {
      RequestId: requestId,
      HostId: HOST_ID,
      Code: code,
      Message: message,
      Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(code)}&product=Ecs&requestId=${requestId}`,
    },
  };
}
