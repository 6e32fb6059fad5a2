/**
 * Environment variables of both clouds, with the aliases the official tools accept (first non-empty wins).
 *
 * Alibaba — aliyun/aliyun-cli@eadd68d config/profile.go, config/configuration.go; aliyun/credentials-nodejs@f61774c
 * src/providers/env.ts, cli_profile.ts: ALIBABA_CLOUD_* with aliases ALIBABACLOUD_* and ALICLOUD_*. (The CLI also
 * falls back to the bare ACCESS_KEY_ID / ACCESS_KEY_SECRET / SECURITY_TOKEN / REGION_ID; those names are too
 * generic to treat as Alibaba keys, so they are not read.) ALIBABA_CLOUD_IGNORE_PROFILE=TRUE (aliyun-cli) and
 * ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true (credentials-nodejs) turn the CLI file off.
 *
 * Volcengine — volcengine/volcengine-go-sdk@cf20b61 volcengine/credentials/env_provider.go, clicreds/cli_provider.go;
 * volcengine/volcengine-cli@bc348d9 cmd/sdk_client.go: VOLCENGINE_ACCESS_KEY (VOLCSTACK_ACCESS_KEY_ID,
 * VOLCSTACK_ACCESS_KEY), VOLCENGINE_SECRET_KEY (VOLCSTACK_SECRET_ACCESS_KEY, VOLCSTACK_SECRET_KEY),
 * VOLCENGINE_SESSION_TOKEN (VOLCSTACK_SESSION_TOKEN), VOLCENGINE_PROFILE (VOLCSTACK_PROFILE), VOLCENGINE_REGION,
 * VOLCENGINE_CLI_CONFIG_FILE.
 */
import * as path from 'node:path';
import type { Credentials, Provider } from '../types';
import { CredentialError } from './errors';

export interface EnvNames {
  readonly id: readonly string[];
  readonly secret: readonly string[];
  readonly token: readonly string[];
  readonly profile: readonly string[];
  readonly region: readonly string[];
}

export const ENV_ALIASES: Readonly<Record<Provider, EnvNames>> = {
  aliyun: {
    id: ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABACLOUD_ACCESS_KEY_ID', 'ALICLOUD_ACCESS_KEY_ID'],
    secret: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABACLOUD_ACCESS_KEY_SECRET', 'ALICLOUD_ACCESS_KEY_SECRET'],
    token: ['ALIBABA_CLOUD_SECURITY_TOKEN', 'ALIBABACLOUD_SECURITY_TOKEN', 'ALICLOUD_SECURITY_TOKEN'],
    profile: ['ALIBABA_CLOUD_PROFILE', 'ALIBABACLOUD_PROFILE', 'ALICLOUD_PROFILE'],
    region: ['ALIBABA_CLOUD_REGION_ID', 'ALIBABACLOUD_REGION_ID', 'ALICLOUD_REGION_ID'],
  },
  volcengine: {
    id: ['VOLCENGINE_ACCESS_KEY', 'VOLCSTACK_ACCESS_KEY_ID', 'VOLCSTACK_ACCESS_KEY'],
    secret: ['VOLCENGINE_SECRET_KEY', 'VOLCSTACK_SECRET_ACCESS_KEY', 'VOLCSTACK_SECRET_KEY'],
    token: ['VOLCENGINE_SESSION_TOKEN', 'VOLCSTACK_SESSION_TOKEN'],
    profile: ['VOLCENGINE_PROFILE', 'VOLCSTACK_PROFILE'],
    region: ['VOLCENGINE_REGION'],
  },
};

export type Env = Readonly<Record<string, string | undefined>>;

/** First non-empty value among names, with the name it came from. */
export function envFirst(env: Env, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const v = env[name]?.trim();
    if (v) return { name, value: v };
  }
  return undefined;
}

export interface EnvCredentials {
  readonly credentials: Credentials;
  /** Variable names the values came from (for display). */
  readonly names: { id: string; secret: string; token?: string };
  readonly region?: string;
}

/**
 * Credentials from the environment: undefined when no key variable is set; a CredentialError when only one half
 * of the pair is.
 */
export function envCredentials(provider: Provider, env: Env): EnvCredentials | undefined {
  const n = ENV_ALIASES[provider];
  const id = envFirst(env, n.id);
  const secret = envFirst(env, n.secret);
  if (!id && !secret) return undefined;
  if (!id || !secret) {
    const missingName = !id ? n.id[0] : n.secret[0];
    throw new CredentialError({
      code: 'EnvironmentIncomplete',
      provider,
      profile: 'environment',
      field: missingName,
      explain: {
        en: `The environment sets ${(id ?? secret)!.name} but not ${missingName}.`,
        zh: `环境变量设置了 ${(id ?? secret)!.name}，但没有设置 ${missingName}。`,
      },
      next: {
        en: `Set both variables (or neither) in the environment VS Code starts from, then restart VS Code.`,
        zh: '请在启动 VS Code 的环境中同时设置（或都不设置）这两个变量，然后重启 VS Code。',
      },
    });
  }
  const token = envFirst(env, n.token);
  return {
    credentials: token
      ? { accessKeyId: id.value, accessKeySecret: secret.value, securityToken: token.value }
      : { accessKeyId: id.value, accessKeySecret: secret.value },
    names: { id: id.name, secret: secret.name, token: token?.name },
    region: envFirst(env, n.region)?.value,
  };
}

/** The profile the CLI would use by default, per its own precedence. */
export function defaultProfileName(provider: Provider, current: string | undefined, env: Env): string {
  const fromEnv = envFirst(env, ENV_ALIASES[provider].profile)?.value;
  if (provider === 'aliyun') return fromEnv ?? current ?? 'default';
  return current ?? fromEnv ?? 'default';
}

/** Whether the environment turns the CLI file off. */
export function cliFileDisabled(provider: Provider, env: Env): boolean {
  if (provider !== 'aliyun') return false;
  return (
    env.ALIBABA_CLOUD_IGNORE_PROFILE === 'TRUE' ||
    env.ALIBABACLOUD_IGNORE_PROFILE === 'TRUE' ||
    env.ALIBABA_CLOUD_CLI_PROFILE_DISABLED?.toLowerCase() === 'true'
  );
}

/** Path of a CLI's config file for a home directory. */
export function cliConfigPath(provider: Provider, home: string, env: Env): string {
  if (provider === 'volcengine') {
    const f = env.VOLCENGINE_CLI_CONFIG_FILE?.trim();
    if (f) return f;
    return path.join(home, '.volcengine', 'config.json');
  }
  return path.join(home, '.aliyun', 'config.json');
}
