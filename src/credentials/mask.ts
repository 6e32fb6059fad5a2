/** Pure helpers for AccessKey display and environment import (no vscode import). */
import type { Credentials, Provider } from '../core/types';

export { maskKeyId } from '../core/redact';

export const ENV_NAMES: Readonly<Record<Provider, { id: string; secret: string; token: string }>> = {
  volcengine: { id: 'VOLCENGINE_ACCESS_KEY', secret: 'VOLCENGINE_SECRET_KEY', token: 'VOLCENGINE_SESSION_TOKEN' },
  aliyun: { id: 'ALIBABA_CLOUD_ACCESS_KEY_ID', secret: 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', token: 'ALIBABA_CLOUD_SECURITY_TOKEN' },
};

/** Credentials from the standard environment variables, when both ID and secret are set. */
export function credentialsFromEnv(provider: Provider, env: NodeJS.ProcessEnv): Credentials | undefined {
  const n = ENV_NAMES[provider];
  const id = env[n.id]?.trim();
  const secret = env[n.secret]?.trim();
  if (!id || !secret) return undefined;
  const token = env[n.token]?.trim();
  return token ? { accessKeyId: id, accessKeySecret: secret, securityToken: token } : { accessKeyId: id, accessKeySecret: secret };
}

/** Account names: 1–64 chars, no control characters. Returns an error key or undefined. */
export function checkAccountName(name: string, taken: readonly string[]): 'empty' | 'tooLong' | 'taken' | undefined {
  const n = name.trim();
  if (!n) return 'empty';
  // eslint-disable-next-line no-control-regex -- control characters are what this refuses
  if (n.length > 64 || /[\u0000-\u001f]/.test(n)) return 'tooLong';
  if (taken.some((t) => t.toLowerCase() === n.toLowerCase())) return 'taken';
  return undefined;
}

/** AccessKey ID / secret sanity check (no whitespace, printable ASCII). */
export function checkKeyPart(s: string): 'empty' | 'invalid' | undefined {
  const v = s.trim();
  if (!v) return 'empty';
  if (!/^[\x21-\x7e]+$/.test(v) || v.length > 256) return 'invalid';
  return undefined;
}
