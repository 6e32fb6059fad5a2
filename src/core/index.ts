/** Public entry of the cloud library (plain Node, no `vscode`). */
export * from './types';
export * from './errors';

export * from './endpoints';
export { Transport, DEFAULT_TRANSPORT_SETTINGS } from './http/transport';
export type { TransportSettings, RawRequest, RawResponse, RequestContext } from './http/transport';
export { callWithRetry } from './http/call';
export { Priority } from './http/scheduler';
export type { CallSpec } from './http/call';
export { volcengineError, aliyunError, isRetryable } from './http/envelopes';
export * from './guidance/catalogue';

export { percentEncode, flattenParams, canonicalQuery } from './sign/encode';
export { signVolcengine, volcDate } from './sign/volcengine';
export type { VolcSignInput, VolcSigned } from './sign/volcengine';
export { signAliyunRpc, rpcSignature, aliyunTimestamp, newNonce } from './sign/aliyun';
export type { AliyunRpcSignInput } from './sign/aliyun';

export { parseResponse, formatPath } from './schemas/parse';
export type { ParseContext } from './schemas/parse';
export * as volcengineSchemas from './schemas/volcengine';
export * as aliyunSchemas from './schemas/aliyun';
export type { VolcInstance, VolcScheduledInstance, VolcRegion, VolcZone, VolcOperationDetail } from './schemas/volcengine';
export type { AliyunReservedInstance, AliyunRegion, AliyunZone, AliyunInstanceType } from './schemas/aliyun';

export * from './rules/validation';
export * from './rules/eligibility';
export * from './rules/computing-power';

export { newClientToken, MAX_LIST_PAGES, MAX_LIST_ITEMS, MAX_PAGE_TOKEN_LENGTH } from './clients/common';
export type { ClientOptions, ListLimits, Page, NumberedPage } from './clients/common';
export { runBatch, NOT_SENT_MESSAGE, CANCELLED_IN_FLIGHT_MESSAGE } from './batch';
export type { BatchSpec, BatchResult, BatchOutcome, BatchCall, ChunkAnswer, ItemResult } from './batch';
export { VolcengineClient } from './clients/volcengine';
export type { InstanceOutcome, DeleteInstancesResult } from './clients/volcengine';
export { AliyunClient, MODIFY_FOLLOW_DEFAULTS, MODIFY_RECONCILE_DEFAULTS } from './clients/aliyun';
export type { ModifyReservedInstancesResult, ModifyFollowOptions, ModifyFollowResult, PollOptions } from './clients/aliyun';

export * from './credentials';
