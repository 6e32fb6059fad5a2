/** IDs of the profiles that live outside SecretStorage: `cli:<provider>:<name>` and `env:<provider>`. */
import type { Provider } from '../types';

export type ExternalSource = 'cli' | 'env';

export function cliProfileId(provider: Provider, name: string): string {
  return `cli:${provider}:${name}`;
}

export function envProfileId(provider: Provider): string {
  return `env:${provider}`;
}

export function parseExternalId(id: string): { source: ExternalSource; provider: Provider; name?: string } | undefined {
  const m = /^(cli|env):(aliyun|volcengine)(?::(.+))?$/s.exec(id);
  if (!m) return undefined;
  if (m[1] === 'cli' && !m[3]) return undefined;
  return { source: m[1] as ExternalSource, provider: m[2] as Provider, name: m[3] };
}
