/** Why a credential source could not give credentials, with the next step, in both languages. */
import type { Bilingual, Locale, Provider } from '../types';

export type CredentialErrorCode =
  | 'CredentialFileUnreadable'
  | 'CredentialFileTooLarge'
  | 'CredentialFileMalformed'
  | 'ProfileNotFound'
  | 'ProfileFieldMissing'
  | 'ProfileModeNotSupported'
  | 'SourceProfileNotFound'
  | 'RoleChainCycle'
  | 'RoleChainTooLong'
  | 'AssumeRoleFailed'
  | 'MetadataUnavailable'
  | 'EnvironmentIncomplete';

export interface CredentialErrorInit {
  code: CredentialErrorCode;
  provider: Provider;
  /** Profile name (CLI) or source label. */
  profile?: string;
  file?: string;
  field?: string;
  explain: Bilingual;
  next: Bilingual;
  cause?: unknown;
}

/** A broken profile or source. `message` is English; `localized(locale)` gives the reason and the next step. Never holds secrets. */
export class CredentialError extends Error {
  readonly code: CredentialErrorCode;
  readonly provider: Provider;
  readonly profile?: string;
  readonly file?: string;
  readonly field?: string;
  readonly explain: Bilingual;
  readonly next: Bilingual;

  constructor(init: CredentialErrorInit) {
    super(`${init.explain.en} ${init.next.en}`, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'CredentialError';
    this.code = init.code;
    this.provider = init.provider;
    this.profile = init.profile;
    this.file = init.file;
    this.field = init.field;
    this.explain = init.explain;
    this.next = init.next;
  }

  /** Reason and next step in one line. */
  localized(locale: Locale): string {
    return locale === 'zh-cn' ? `${this.explain.zh} ${this.next.zh}` : `${this.explain.en} ${this.next.en}`;
  }
}

export function isCredentialError(e: unknown): e is CredentialError {
  return e instanceof CredentialError;
}

/** How to (re)configure a profile with each CLI. */
export function configureHint(provider: Provider, profile: string, mode?: string): Bilingual {
  const cmd =
    provider === 'aliyun'
      ? `aliyun configure --profile ${profile}${mode ? ` --mode ${mode}` : ''}`
      : `ve configure set --profile ${profile}`;
  return {
    en: `Run \`${cmd}\` or fix the profile in the file, then refresh.`,
    zh: `运行 \`${cmd}\` 或在文件中修正该配置，然后刷新。`,
  };
}

export const CLI_NAME: Readonly<Record<Provider, string>> = { aliyun: 'aliyun CLI', volcengine: 'volcengine CLI' };
