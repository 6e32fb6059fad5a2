/**
 * Contracts between the parts of the VS Code layer (tree, commands, credentials, output).
 * Commands take these as parameters so tests can drive them.
 */
import type { Provider } from './core/types';
import type { AliyunClient, VolcengineClient } from './core';

export type ResourceKind = 'instance' | 'reservation' | 'reservedInstance';

/** A cloud resource shown in the tree, with where it lives. `data` is the API object (VolcInstance, VolcScheduledInstance or AliyunReservedInstance). */
export interface ResourceRef {
  readonly provider: Provider;
  readonly accountId: string;
  readonly region: string;
  readonly kind: ResourceKind;
  readonly id: string;
  readonly name: string;
  readonly data: unknown;
}

/** Gives clients for an account, built from settings and SecretStorage credentials. */
export interface ClientFactory {
  volcengine(accountId: string): Promise<VolcengineClient>;
  aliyun(accountId: string): Promise<AliyunClient>;
}

/** What commands may ask of the tree after they act. */
export interface TreeControl {
  /** Re-load the region folders that hold these resources (or everything when omitted). */
  refresh(refs?: readonly ResourceRef[]): void;
  /** Poll these resources until they leave transitional states (only while the view is visible). */
  follow(refs: readonly ResourceRef[]): void;
}

/** An account: a named AccessKey pair for one provider (secret in SecretStorage). */
export interface AccountInfo {
  readonly id: string;
  readonly provider: Provider;
  readonly name: string;
  /** Masked AccessKey ID for display, e.g. `AKLT…3xQ`. */
  readonly maskedKeyId: string;
  /** Where it comes from: SecretStorage (default), a CLI config file, or the environment. */
  readonly source?: 'stored' | 'cli' | 'env';
  /** "aliyun CLI · default · RamRoleArn → ops" (external profiles). */
  readonly description?: string;
  /** Why the account cannot be used (localized reason and next step); shown as one error row under it. */
  readonly problem?: string;
  /** Code of the problem (CredentialError code). */
  readonly problemCode?: string;
  /** The CLI profile's region. */
  readonly region?: string;
  readonly file?: string;
  /** The CLI's current profile. */
  readonly current?: boolean;
  /** Stored accounts: a role (Alibaba RoleArn / Volcengine RoleTrn) assumed with the stored key. */
  readonly role?: string;
  /** Read-only: edited in its own tool, not here. */
  readonly readOnly?: boolean;
}

/** Which accounts and regions the user has configured. */
export interface AccountSource {
  accounts(provider: Provider): Promise<AccountInfo[]>;
  regions(provider: Provider): readonly string[];
}

/** The "ECS Explorer" output channel (a LogOutputChannel). Never given secrets; redacts anyway. */
export interface ActionLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** One cloud call: provider, region, action, ClientToken, RequestId, duration. */
  call(record: import('./core/types').CallRecord): void;
  /** Reveal the channel. */
  show(): void;
  /** Scrub this literal value (e.g. a secret loaded from SecretStorage) wherever it would be written. */
  mask?(value: string): void;
}
