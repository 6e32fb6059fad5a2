/**
 * ECS instance-role credentials from the instance metadata service, used only for `EcsRamRole` (Alibaba) and
 * `ecsrole` (Volcengine) profiles; never probed otherwise. Plain http is allowed here only.
 *
 * Alibaba (aliyun/credentials-nodejs@f61774c src/providers/ecs_ram_role.ts): `PUT /latest/api/token` with
 * `x-aliyun-ecs-metadata-token-ttl-seconds`, then `GET /latest/meta-data/ram/security-credentials/<role>` with
 * `x-aliyun-ecs-metadata-token` → `{Code: "Success", AccessKeyId, AccessKeySecret, SecurityToken, Expiration}`;
 * no role name → the first line of `GET /latest/meta-data/ram/security-credentials/`. Address 100.100.100.200.
 * Volcengine (volcengine/volcengine-go-sdk@cf20b61 volcengine/credentials/ecs_role_provider.go): `PUT /latest/api/token`
 * with `X-volc-ecs-metadata-token-ttl-seconds`, then `GET /volcstack/latest/iam/security_credentials/<role>` with
 * `X-volc-ecs-metadata-token` → `{AccessKeyId, SecretAccessKey, SessionToken, ExpiredTime}`. Address 100.96.0.96.
 */
import { CloudError } from '../errors';
import type { Transport } from '../http/transport';
import type { Provider } from '../types';
import { CredentialError } from './errors';
import type { Session } from './sts';

export const DEFAULT_METADATA_URL: Readonly<Record<Provider, string>> = {
  aliyun: 'http://100.100.100.200',
  volcengine: 'http://100.96.0.96',
};

const TOKEN_TTL_SECONDS = '21600';
const MAX_BODY_CHARS = 64 * 1024;

export interface MetadataInput {
  transport: Transport;
  /** Base URL of the metadata service (configurable for tests). */
  baseUrl?: string;
  roleName?: string;
  profile: string;
  signal?: AbortSignal;
}

function unavailable(provider: Provider, profile: string, url: string, reason: string, cause?: unknown): CredentialError {
  return new CredentialError({
    code: 'MetadataUnavailable',
    provider,
    profile,
    explain: {
      en: `Profile "${profile}" takes its credentials from the ECS instance metadata service (${url}), which did not give them: ${reason}.`,
      zh: `配置“${profile}”从 ECS 实例元数据服务（${url}）获取凭证，但未能获取：${reason}。`,
    },
    next: {
      en: 'This works only inside an ECS instance with a role attached (for example over Remote-SSH). Elsewhere use a profile with an AccessKey or a role to assume.',
      zh: '这仅在绑定了实例角色的 ECS 实例内可用（例如通过 Remote-SSH）。在其他环境请使用含 AccessKey 或可扮演角色的配置。',
    },
    cause,
  });
}

export async function metadataCredentials(provider: Provider, i: MetadataInput): Promise<Session> {
  const base = (i.baseUrl || DEFAULT_METADATA_URL[provider]).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(base);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('scheme');
  } catch {
    throw unavailable(provider, i.profile, base, 'the address is not an http URL');
  }
  const send = async (method: 'GET' | 'PUT', path: string, headers: Record<string, string>): Promise<string> => {
    let res;
    try {
      // The transport sends whatever method it is given; its type only names the two the APIs use.
      res = await i.transport.send({ method: method as 'GET', url: base + path, headers }, i.signal, {
        provider,
        action: 'InstanceMetadata',
        region: '',
      });
    } catch (e) {
      throw unavailable(provider, i.profile, base, e instanceof CloudError ? e.message : String(e), e);
    }
    if (res.status !== 200) throw unavailable(provider, i.profile, base, `HTTP ${res.status} for ${path}`);
    if (res.body.length > MAX_BODY_CHARS) throw unavailable(provider, i.profile, base, 'the answer is too large');
    return res.body;
  };
  const ttl = provider === 'aliyun' ? 'x-aliyun-ecs-metadata-token-ttl-seconds' : 'X-volc-ecs-metadata-token-ttl-seconds';
  const tokenHeader = provider === 'aliyun' ? 'x-aliyun-ecs-metadata-token' : 'X-volc-ecs-metadata-token';
  const token = (await send('PUT', '/latest/api/token', { [ttl]: TOKEN_TTL_SECONDS })).trim();
  if (!token) throw unavailable(provider, i.profile, base, 'empty metadata token');
  let role = i.roleName?.trim();
  if (!role) {
    if (provider === 'volcengine') throw unavailable(provider, i.profile, base, 'no role-name in the profile');
    role = (await send('GET', '/latest/meta-data/ram/security-credentials/', { [tokenHeader]: token })).split('\n')[0]?.trim();
    if (!role) throw unavailable(provider, i.profile, base, 'no role is attached to this instance');
  }
  const path =
    provider === 'aliyun'
      ? `/latest/meta-data/ram/security-credentials/${encodeURIComponent(role)}`
      : `/volcstack/latest/iam/security_credentials/${encodeURIComponent(role)}`;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(await send('GET', path, { [tokenHeader]: token })) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof CredentialError) throw e;
    throw unavailable(provider, i.profile, base, 'the answer is not JSON', e);
  }
  const s = (k: string) => (typeof o?.[k] === 'string' ? (o[k] as string) : '');
  if (provider === 'aliyun' && o?.Code !== undefined && o.Code !== 'Success')
    throw unavailable(provider, i.profile, base, `Code ${String(o.Code).slice(0, 64)}`);
  const id = s('AccessKeyId');
  const secret = provider === 'aliyun' ? s('AccessKeySecret') : s('SecretAccessKey');
  const tok = provider === 'aliyun' ? s('SecurityToken') : s('SessionToken');
  const exp = Date.parse(provider === 'aliyun' ? s('Expiration') : s('ExpiredTime'));
  if (!id || !secret || !tok || !Number.isFinite(exp))
    throw unavailable(provider, i.profile, base, 'the answer lacks credentials or their expiry');
  return { credentials: { accessKeyId: id, accessKeySecret: secret, securityToken: tok }, expiration: new Date(exp) };
}
