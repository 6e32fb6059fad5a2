/**
 * Instance-metadata stand-in for both clouds (one loopback server), issuing instance-role credentials through the
 * STS issuer. Paths and headers as the official SDKs use them: Alibaba (aliyun/credentials-nodejs
 * src/providers/ecs_ram_role.ts) `PUT /latest/api/token` + `x-aliyun-ecs-metadata-token-ttl-seconds`,
 * `GET /latest/meta-data/ram/security-credentials/[role]` + `x-aliyun-ecs-metadata-token`; Volcengine
 * (volcengine-go-sdk volcengine/credentials/ecs_role_provider.go) `PUT /latest/api/token` +
 * `X-volc-ecs-metadata-token-ttl-seconds`, `GET /volcstack/latest/iam/security_credentials/<role>` +
 * `X-volc-ecs-metadata-token`. One token serves both clouds here.
 */
import { randomBytes } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { State } from './state';
import type { StsIssuer } from './sts';

export interface MetadataOptions {
  /** Role attached to the "instance", per cloud. */
  roles: { aliyun: string; volcengine: string };
  /** Lifetime of issued credentials (seconds). */
  durationSeconds?: number;
}

export interface MetadataServer {
  url: string;
  requests: number;
  stop(): Promise<void>;
}

export async function startMetadata(state: State, sts: StsIssuer, o: MetadataOptions): Promise<MetadataServer> {
  const tokens = new Set<string>();
  const self = { requests: 0 };
  const server = http.createServer((req, res) => {
    self.requests++;
    const send = (status: number, body: string, type = 'text/plain') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    const url = (req.url ?? '/').split('?')[0];
    const h = req.headers;
    if (req.method === 'PUT' && url === '/latest/api/token') {
      if (!h['x-aliyun-ecs-metadata-token-ttl-seconds'] && !h['x-volc-ecs-metadata-token-ttl-seconds'])
        return send(400, 'missing ttl header');
      const t = randomBytes(16).toString('hex');
      if (tokens.size > 1000) tokens.clear();
      tokens.add(t);
      return send(200, t);
    }
    if (req.method !== 'GET') return send(405, 'method not allowed');
    const given = (h['x-aliyun-ecs-metadata-token'] ?? h['x-volc-ecs-metadata-token']) as string | undefined;
    if (!given || !tokens.has(given)) return send(401, 'invalid metadata token');
    const ali = /^\/latest\/meta-data\/ram\/security-credentials\/(.*)$/.exec(url);
    const volc = /^\/volcstack\/latest\/iam\/security_credentials\/(.+)$/.exec(url);
    const provider = ali ? 'aliyun' : volc ? 'volcengine' : undefined;
    if (!provider) return send(404, 'not found');
    const role = decodeURIComponent((ali ?? volc)![1]);
    if (provider === 'aliyun' && role === '') return send(200, o.roles.aliyun);
    if (role !== o.roles[provider]) return send(404, 'role not found');
    const base = state.accountsOf(provider)[0];
    if (!base) return send(500, 'no account');
    const t = sts.issue(provider, base, `instance-role/${role}`, o.durationSeconds ?? 21600);
    const body =
      provider === 'aliyun'
        ? {
            Code: 'Success',
            AccessKeyId: t.spec.accessKeyId,
            AccessKeySecret: t.spec.accessKeySecret,
            SecurityToken: t.spec.securityToken,
            Expiration: new Date(t.expiresAtMs).toISOString().slice(0, 19) + 'Z',
            LastUpdated: new Date(state.clock.nowMs()).toISOString().slice(0, 19) + 'Z',
          }
        : {
            AccessKeyId: t.spec.accessKeyId,
            SecretAccessKey: t.spec.accessKeySecret,
            SessionToken: t.spec.securityToken,
            ExpiredTime: new Date(t.expiresAtMs).toISOString().slice(0, 19) + 'Z',
          };
    return send(200, JSON.stringify(body), 'application/json');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return self.requests;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections?.();
      }),
  };
}
