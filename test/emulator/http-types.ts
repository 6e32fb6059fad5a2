/** Request/response records passed between the server and the provider modules. */
import type { Account } from './state';

export interface EmuRequest {
  method: string;
  path: string;
  rawQuery: string;
  headers: Record<string, string>; // lower-case names; repeated headers joined with ', '
  body: string;
}

export interface EmuResponse {
  status: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

/** An authenticated, routed call ready to run. */
export interface Call {
  account: Account;
  region: string; // Volcengine: scope region; Alibaba: RegionId param ('' when absent)
  action: string;
  params: Record<string, string>;
  requestId: string;
  clientToken?: string; // Volcengine mutating actions
}

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
