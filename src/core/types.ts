/** Shared vocabulary of the cloud library. No `vscode` import anywhere under src/core. */

export type Provider = 'volcengine' | 'aliyun';
/** Every provider, in the order the tree and the prompts list them. */
export const PROVIDERS: readonly Provider[] = ['volcengine', 'aliyun'];

/** Locales the guidance texts exist in. */
export type Locale = 'en' | 'zh-cn';

/** An AccessKey pair, optionally with an STS token. Never logged. */
export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly securityToken?: string;
}

/** Flattened request parameters (`InstanceIds.1`, `Configuration.2.Scope`, ...). */
export type Params = Record<string, string>;

/** A text in both languages. */
export interface Bilingual {
  readonly en: string;
  readonly zh: string;
}

/** One finished HTTP exchange with a cloud API, reported to `onCall` hooks (for the output channel). */
export interface CallRecord {
  readonly provider: Provider;
  readonly action: string;
  readonly region: string;
  readonly clientToken?: string;
  readonly requestId?: string;
  readonly httpStatus?: number;
  /** Error code when the call failed. */
  readonly errorCode?: string;
  readonly attempts: number;
  readonly durationMs: number;
}
