/** Test helpers: raw HTTP, and hand-written signers used to craft (and tamper with) requests. */
import { createHash, createHmac, randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { DEMO_ACCOUNTS } from '../emulator/index';

export const VOLC = DEMO_ACCOUNTS.find((a) => a.provider === 'volcengine')!;
export const ALI = DEMO_ACCOUNTS.find((a) => a.provider === 'aliyun')!;

const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

export interface RawReq {
  method?: string;
  path?: string;
  query?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}
export interface RawRes {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the emulator's JSON answers, read field by field in the tests
  json: any;
}

export function send(baseUrl: string, r: RawReq): Promise<RawRes> {
  const u = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: u.hostname,
        port: u.port,
        method: r.method ?? 'GET',
        path: (r.path ?? '/') + (r.query ? '?' + r.query : ''),
        headers: { ...(r.body ? { 'content-length': String(Buffer.byteLength(r.body)) } : {}), ...r.headers },
        agent,
        timeout: r.timeoutMs ?? 10_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('client timeout')));
    req.on('error', reject);
    if (r.body) req.write(r.body);
    req.end();
  });
}

export function enc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
export function canonical(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${enc(k)}=${enc(params[k])}`)
    .join('&');
}
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const hmac = (k: string | Buffer, d: string) => createHmac('sha256', k).update(d).digest();

export function xdate(d: Date): string {
  return d.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

export interface VolcOpts {
  action: string;
  params?: Record<string, string | number>;
  region?: string;
  method?: 'GET' | 'POST';
  service?: string;
  ak?: string;
  sk?: string;
  token?: string;
  date?: Date;
  signHost?: boolean;
  bodySha?: boolean;
  version?: string;
}

/** Build a signed Volcengine request (GET: params in query; POST: params in a form body). */
export function volcSigned(baseUrl: string, o: VolcOpts): RawReq {
  const params: Record<string, string> = { Action: o.action, Version: o.version ?? '2020-04-01' };
  for (const [k, v] of Object.entries(o.params ?? {})) params[k] = String(v);
  const method = o.method ?? 'GET';
  const queryParams = method === 'GET' ? params : { Action: params.Action, Version: params.Version };
  const body =
    method === 'POST' ? canonical(Object.fromEntries(Object.entries(params).filter(([k]) => k !== 'Action' && k !== 'Version'))) : '';
  const query = canonical(queryParams);
  const date = xdate(o.date ?? new Date());
  const headers: Record<string, string> = { 'x-date': date, host: new URL(baseUrl).host };
  if (method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
  if (o.token) headers['x-security-token'] = o.token;
  if (o.bodySha ?? method === 'POST') headers['x-content-sha256'] = sha256(body);
  const signed = Object.keys(headers)
    .filter((h) => h !== 'content-type' && (o.signHost !== false || h !== 'host'))
    .sort();
  const cr = [method, '/', query, signed.map((h) => `${h}:${headers[h]}\n`).join(''), signed.join(';'), sha256(body)].join('\n');
  const region = o.region ?? 'cn-beijing',
    service = o.service ?? 'ecs';
  const scope = `${date.slice(0, 8)}/${region}/${service}/request`;
  const sts = ['HMAC-SHA256', date, scope, sha256(cr)].join('\n');
  const key = hmac(hmac(hmac(hmac(o.sk ?? VOLC.accessKeySecret, date.slice(0, 8)), region), service), 'request');
  const sig = createHmac('sha256', key).update(sts).digest('hex');
  headers.authorization = `HMAC-SHA256 Credential=${o.ak ?? VOLC.accessKeyId}/${scope}, SignedHeaders=${signed.join(';')}, Signature=${sig}`;
  return { method, query, headers, body };
}

export async function volc(baseUrl: string, o: VolcOpts): Promise<RawRes> {
  return send(baseUrl, volcSigned(baseUrl, o));
}

export function aliTimestamp(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface AliOpts {
  action: string;
  params?: Record<string, string | number>;
  method?: 'GET' | 'POST';
  ak?: string;
  sk?: string;
  token?: string;
  nonce?: string;
  timestamp?: string;
  version?: string;
}

/** RPC V1: everything (Signature last) in the query for GET, in a form body for POST. */
export function aliV1Signed(o: AliOpts): RawReq {
  const p: Record<string, string> = {
    Action: o.action,
    Version: o.version ?? '2014-05-26',
    Format: 'JSON',
    AccessKeyId: o.ak ?? ALI.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: o.nonce ?? randomUUID(),
    Timestamp: o.timestamp ?? aliTimestamp(new Date()),
  };
  if (o.token) p.SecurityToken = o.token;
  for (const [k, v] of Object.entries(o.params ?? {})) p[k] = String(v);
  const method = o.method ?? 'GET';
  const c = canonical(p);
  const sts = `${method}&%2F&${enc(c)}`;
  const sig = createHmac('sha1', (o.sk ?? ALI.accessKeySecret) + '&')
    .update(sts)
    .digest('base64');
  const all = `${c}&Signature=${enc(sig)}`;
  return method === 'GET'
    ? { method, query: all }
    : { method, body: all, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

export async function aliV1(baseUrl: string, o: AliOpts): Promise<RawRes> {
  return send(baseUrl, aliV1Signed(o));
}

/** V3: POST, operation params in the query, action/version in headers. */
export function aliV3Signed(baseUrl: string, o: AliOpts & { body?: string; contentSha?: string }): RawReq {
  const query: Record<string, string> = {};
  for (const [k, v] of Object.entries(o.params ?? {})) query[k] = String(v);
  const body = o.body ?? '';
  const headers: Record<string, string> = {
    host: new URL(baseUrl).host,
    'x-acs-action': o.action,
    'x-acs-version': o.version ?? '2014-05-26',
    'x-acs-date': o.timestamp ?? aliTimestamp(new Date()),
    'x-acs-signature-nonce': o.nonce ?? randomUUID(),
    'x-acs-content-sha256': o.contentSha ?? sha256(body),
  };
  if (o.token) headers['x-acs-security-token'] = o.token;
  if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
  const signed = Object.keys(headers).sort();
  const q = canonical(query);
  const cr = ['POST', '/', q, signed.map((h) => `${h}:${headers[h]}\n`).join(''), signed.join(';'), headers['x-acs-content-sha256']].join(
    '\n',
  );
  const sts = 'ACS3-HMAC-SHA256\n' + sha256(cr);
  const sig = createHmac('sha256', o.sk ?? ALI.accessKeySecret)
    .update(sts)
    .digest('hex');
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${o.ak ?? ALI.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${sig}`;
  return { method: 'POST', query: q, headers, body };
}

export async function aliV3(baseUrl: string, o: AliOpts & { body?: string }): Promise<RawRes> {
  return send(baseUrl, aliV3Signed(baseUrl, o));
}

export function volcCode(r: RawRes): string | undefined {
  return r.json?.ResponseMetadata?.Error?.Code;
}

export async function control(baseUrl: string, method: string, path: string, body?: unknown): Promise<RawRes> {
  return send(baseUrl, {
    method,
    path: '/__emulator/' + path,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}
