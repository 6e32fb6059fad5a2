/** Rows: requests signed per second, ours vs the official SDKs' signing code. */
import { signVolcengine } from '../../src/core/sign/volcengine';
import { aliyunTimestamp, newNonce, signAliyunRpc } from '../../src/core/sign/aliyun';
import { flattenParams } from '../../src/core/sign/encode';
import type { Params } from '../../src/core/types';
import { kitx, popCore, volcSigner } from './official';
import { fmtSummary, maybeGc, nowMs, pairs, ratios, Row, summarize } from './stats';

const VOLC = { accessKeyId: 'AKLTZGVtby1lY3MtZXhwbG9yZXI', accessKeySecret: 'ZGVtby1zZWNyZXQtdm9sY2VuZ2luZQ==' };
const ALI = { accessKeyId: 'LTAI5tDemoEcsExplorer01', accessKeySecret: 'DemoAliyunSecretEcsExplorer01' };
const HOST = 'open.volcengineapi.com';

interface Case {
  name: string;
  volc: Params;
  ali: Params;
}

const ids = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${String(i).padStart(20, '0')}`);

const CASES: Case[] = [
  {
    name: 'list page',
    volc: { Action: 'DescribeInstances', Version: '2020-04-01', MaxResults: '100', NextToken: 'eyJvZmZzZXQiOjEwMH0=' },
    ali: { RegionId: 'cn-hangzhou', PageNumber: '3', PageSize: '100' },
  },
  {
    name: '100-ID delete',
    volc: flattenParams({
      Action: 'DeleteInstances',
      Version: '2020-04-01',
      ClientToken: 'b1946ac9-2492-4d2a-9c1c-6a1c52f1f2a7',
      InstanceIds: ids('i-', 100),
    }),
    ali: flattenParams({
      RegionId: 'cn-hangzhou',
      ReservedInstanceId: ids('ecsri-', 20),
      Configuration: [{ InstanceType: 'ecs.g6.large', InstanceAmount: 4, Scope: 'Region' }],
    }),
  },
];

function oursVolc(q: Params, n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const s = signVolcengine({
      method: 'GET',
      host: HOST,
      query: q,
      region: 'cn-beijing',
      service: 'ecs',
      credentials: VOLC,
      now: new Date(),
    });
    sink += s.query.length + s.headers.Authorization.length;
  }
  return sink;
}

function officialVolc(q: Params, n: number): number {
  const { default: Signer, queryParamsToString } = volcSigner();
  const creds = { accessKeyId: VOLC.accessKeyId, secretKey: VOLC.accessKeySecret };
  let sink = 0;
  for (let i = 0; i < n; i++) {
    // What Service.fetchOpenAPI does per request: a Signer over the params, addAuthorization, the wire query.
    const req = { region: 'cn-beijing', method: 'GET', pathname: '/', params: { ...q }, headers: { Host: HOST } as Record<string, string> };
    const signer = new Signer(req, 'ecs');
    signer.addAuthorization(creds, new Date());
    sink += queryParamsToString(req.params).length + req.headers.Authorization.length;
  }
  return sink;
}

function oursAli(p: Params, action: string, n: number): number {
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const q = signAliyunRpc({
      method: 'GET',
      action,
      version: '2014-05-26',
      params: p,
      credentials: ALI,
      nonce: newNonce(),
      timestamp: aliyunTimestamp(new Date()),
    });
    sink += q.length;
  }
  return sink;
}

/** pop-core RPCClient.request up to the URL, using pop-core's own functions. */
function officialAli(p: Params, action: string, n: number): number {
  const { normalize, canonicalize, encode, timestamp } = popCore();
  const { makeNonce, sha1 } = kitx();
  let sink = 0;
  for (let i = 0; i < n; i++) {
    const params = Object.assign(
      { Action: action },
      {
        Format: 'JSON',
        Timestamp: timestamp(),
        Version: '2014-05-26',
        SignatureMethod: 'HMAC-SHA1',
        SignatureVersion: '1.0',
        SignatureNonce: makeNonce(),
        AccessKeyId: ALI.accessKeyId,
      },
      p,
    );
    const normalized = normalize(params);
    const canonicalized = canonicalize(normalized);
    const stringToSign = `GET&${encode('/')}&${encode(canonicalized)}`;
    const signature = sha1(stringToSign, ALI.accessKeySecret + '&', 'base64');
    normalized.push(['Signature', encode(signature)]);
    sink += canonicalize(normalized).length;
  }
  return sink;
}

/** Same inputs must give the same signed output, else the comparison is meaningless. */
function checkEquivalent(c: Case, aliAction: string): string[] {
  const problems: string[] = [];
  const now = new Date('2024-05-01T08:00:00Z');
  const { default: Signer, queryParamsToString } = volcSigner();
  const req = {
    region: 'cn-beijing',
    method: 'GET',
    pathname: '/',
    params: { ...c.volc },
    headers: { Host: HOST } as Record<string, string>,
  };
  new Signer(req, 'ecs').addAuthorization({ accessKeyId: VOLC.accessKeyId, secretKey: VOLC.accessKeySecret }, now);
  const ours = signVolcengine({ method: 'GET', host: HOST, query: c.volc, region: 'cn-beijing', service: 'ecs', credentials: VOLC, now });
  if (ours.headers.Authorization !== req.headers.Authorization)
    problems.push(`Volcengine ${c.name}: Authorization differs from the official signer`);
  if (ours.query !== queryParamsToString(req.params)) problems.push(`Volcengine ${c.name}: wire query differs from the official signer`);

  const { normalize, canonicalize, encode } = popCore();
  const { sha1 } = kitx();
  const common = {
    Format: 'JSON',
    Timestamp: aliyunTimestamp(now),
    Version: '2014-05-26',
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: 'fixed-nonce',
    AccessKeyId: ALI.accessKeyId,
  };
  const normalized = normalize({ Action: aliAction, ...common, ...c.ali });
  const sig = sha1(`GET&${encode('/')}&${encode(canonicalize(normalized))}`, ALI.accessKeySecret + '&', 'base64');
  normalized.push(['Signature', encode(sig)]);
  const oursAliQ = signAliyunRpc({
    method: 'GET',
    action: aliAction,
    version: '2014-05-26',
    params: c.ali,
    credentials: ALI,
    nonce: 'fixed-nonce',
    timestamp: aliyunTimestamp(now),
  });
  if (oursAliQ !== canonicalize(normalized)) problems.push(`Alibaba ${c.name}: signed query differs from pop-core`);
  return problems;
}

export async function signRows(runs: number, perRun: number): Promise<Row[]> {
  const rows: Row[] = [];
  for (const c of CASES) {
    const aliAction = c.name === 'list page' ? 'DescribeReservedInstances' : 'ModifyReservedInstances';
    const problems = checkEquivalent(c, aliAction);
    for (const provider of ['Volcengine', 'Alibaba V1'] as const) {
      const ours = provider === 'Volcengine' ? () => oursVolc(c.volc, perRun) : () => oursAli(c.ali, aliAction, perRun);
      const official = provider === 'Volcengine' ? () => officialVolc(c.volc, perRun) : () => officialAli(c.ali, aliAction, perRun);
      // Warm-up so both sides are optimised before timing.
      ours();
      official();
      const r = await pairs(runs, async (i) => {
        maybeGc();
        const order = i % 2 === 0 ? [ours, official] : [official, ours];
        const t: number[] = [];
        for (const f of order) {
          const t0 = nowMs();
          f();
          t.push(nowMs() - t0);
        }
        const [tOurs, tOff] = i % 2 === 0 ? t : [t[1], t[0]];
        return { ours: (perRun / tOurs) * 1000, baseline: (perRun / tOff) * 1000 };
      });
      const ratio = summarize(ratios(r.ours, r.baseline));
      rows.push({
        what: `sign ${provider} (${c.name})`,
        ours: fmtSummary(summarize(r.ours), 'req/s'),
        comparedWith: provider === 'Volcengine' ? '@volcengine/openapi Signer' : '@alicloud/pop-core signing',
        baseline: fmtSummary(summarize(r.baseline), 'req/s'),
        ratio: fmtSummary(ratio, '×'),
        target: '≥ 5×',
        verdict: problems.some((p) => p.startsWith(provider.split(' ')[0])) ? 'MISSED' : ratio.median >= 5 ? 'met' : 'MISSED',
        notes: [
          `${runs} runs of ${perRun} signatures each, order alternated per run; both produce the full wire query + headers/Signature.`,
          ...problems.filter((p) => p.startsWith(provider.split(' ')[0])),
        ],
      });
    }
  }
  return rows;
}
