/** Reading a CLI config file: its bounds, JSON, typed fields, and the errors that name what is wrong. */
import type { Provider } from '../types';
import { CLI_NAME, CredentialError, configureHint } from './errors';

export const MAX_CONFIG_BYTES = 1 << 20;
export const MAX_PROFILES = 500;

export function malformedFile(provider: Provider, file: string, what: string, cause?: unknown): CredentialError {
  return new CredentialError({
    code: 'CredentialFileMalformed',
    provider,
    file,
    explain: {
      en: `The ${CLI_NAME[provider]} config file ${file} cannot be read as a configuration: ${what}.`,
      zh: `${CLI_NAME[provider]} 配置文件 ${file} 无法作为配置读取：${what}。`,
    },
    next:
      provider === 'aliyun'
        ? {
            en: 'Fix the file (it is JSON) or run `aliyun configure` again, then refresh.',
            zh: '修正该文件（JSON 格式）或重新运行 `aliyun configure`，然后刷新。',
          }
        : {
            en: 'Fix the file (it is JSON) or run `ve configure set` again, then refresh.',
            zh: '修正该文件（JSON 格式）或重新运行 `ve configure set`，然后刷新。',
          },
    cause,
  });
}

export function missingField(provider: Provider, profile: string, mode: string, field: string): CredentialError {
  return new CredentialError({
    code: 'ProfileFieldMissing',
    provider,
    profile,
    field,
    explain: {
      en: `${CLI_NAME[provider]} profile "${profile}" (mode ${mode}) has no ${field}.`,
      zh: `${CLI_NAME[provider]} 配置“${profile}”（模式 ${mode}）缺少 ${field}。`,
    },
    next: configureHint(provider, profile, provider === 'aliyun' ? mode : undefined),
  });
}

export function unsupportedMode(provider: Provider, profile: string, mode: string): CredentialError {
  const next =
    provider === 'aliyun'
      ? {
          en: 'Use a profile with mode AK, StsToken, RamRoleArn, ChainableRamRoleArn or EcsRamRole, or set ALIBABA_CLOUD_ACCESS_KEY_ID, ALIBABA_CLOUD_ACCESS_KEY_SECRET (and ALIBABA_CLOUD_SECURITY_TOKEN) before starting VS Code, or add a stored account.',
          zh: '请使用模式为 AK、StsToken、RamRoleArn、ChainableRamRoleArn 或 EcsRamRole 的配置，或在启动 VS Code 前设置 ALIBABA_CLOUD_ACCESS_KEY_ID、ALIBABA_CLOUD_ACCESS_KEY_SECRET（及 ALIBABA_CLOUD_SECURITY_TOKEN），或添加一个已保存的账号。',
        }
      : {
          en: 'Use a profile with mode ak (with session-token for STS credentials), ramrolearn or ecsrole, or set VOLCENGINE_ACCESS_KEY, VOLCENGINE_SECRET_KEY (and VOLCENGINE_SESSION_TOKEN) before starting VS Code, or add a stored account.',
          zh: '请使用模式为 ak（STS 凭证时带 session-token）、ramrolearn 或 ecsrole 的配置，或在启动 VS Code 前设置 VOLCENGINE_ACCESS_KEY、VOLCENGINE_SECRET_KEY（及 VOLCENGINE_SESSION_TOKEN），或添加一个已保存的账号。',
        };
  return new CredentialError({
    code: 'ProfileModeNotSupported',
    provider,
    profile,
    explain: {
      en: `${CLI_NAME[provider]} profile "${profile}" uses mode ${mode || '(none)'}, which ECS Explorer does not support yet.`,
      zh: `${CLI_NAME[provider]} 配置“${profile}”使用模式 ${mode || '（无）'}，ECS Explorer 暂不支持。`,
    },
    next,
  });
}

/** Parse JSON text of a config file into an object (bounded; named errors). */
export function parseJsonObject(provider: Provider, text: string, file: string): Record<string, unknown> {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new CredentialError({
      code: 'CredentialFileTooLarge',
      provider,
      file,
      explain: {
        en: `The ${CLI_NAME[provider]} config file ${file} is larger than 1 MiB.`,
        zh: `${CLI_NAME[provider]} 配置文件 ${file} 超过 1 MiB。`,
      },
      next: { en: 'Check that the path points at the CLI config file.', zh: '请确认该路径指向 CLI 配置文件。' },
    });
  }
  if (!text.trim()) return {};
  let v: unknown;
  try {
    v = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw malformedFile(provider, file, e instanceof Error ? e.message.slice(0, 120) : 'not JSON', e);
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw malformedFile(provider, file, 'the top level is not a JSON object');
  return v as Record<string, unknown>;
}

/** Reads string fields; a present non-string field is a problem of that profile. */
export class Fields {
  bad?: string;
  constructor(private readonly o: Record<string, unknown>) {}
  str(k: string): string | undefined {
    const v = this.o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') {
      this.bad ??= k;
      return undefined;
    }
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  int(k: string): number | undefined {
    const v = this.o[k];
    if (v === undefined || v === null || v === 0 || v === '') return undefined;
    const n = typeof v === 'string' ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
      this.bad ??= k;
      return undefined;
    }
    return n;
  }
}

export function badField(provider: Provider, file: string, profile: string, field: string): CredentialError {
  return new CredentialError({
    code: 'CredentialFileMalformed',
    provider,
    file,
    profile,
    field,
    explain: {
      en: `In ${file}, field ${field} of profile "${profile}" has the wrong type.`,
      zh: `在 ${file} 中，配置“${profile}”的字段 ${field} 类型不正确。`,
    },
    next: configureHint(provider, profile),
  });
}

/** The first of `fields` ([name, value]) without a value, as a ProfileFieldMissing problem of the profile. */
export function firstMissing(
  provider: Provider,
  profile: string,
  mode: string,
  fields: readonly (readonly [string, unknown])[],
): CredentialError | undefined {
  const gap = fields.find(([, v]) => !v);
  return gap ? missingField(provider, profile, mode, gap[0]) : undefined;
}
