/** HTTP server per provider: body collection, faults, idempotency, response writing. */
import * as http from 'node:http';
import type { Socket } from 'node:net';
import type { Faults } from './faults';
import { documentedError, documentedMessage, isDocumentedAction } from './documented-errors';
import type { EmuRequest, EmuResponse } from './http-types';
import type { Idempotency } from './idempotency';
import { serialize } from './json-cache';
import type { Network } from './network';
import type { ProviderApi } from './provider';
import type { RequestCounts } from './requests';

const MAX_BODY = 1 << 20;

export type ControlHandler = (req: EmuRequest) => Promise<EmuResponse> | EmuResponse;

export interface ServerDeps {
  api: ProviderApi;
  faults: Faults;
  idempotency: Idempotency;
  requests: RequestCounts;
  control: ControlHandler;
  network?: Network;
  latencySleep?: (ms: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function writeJson(res: http.ServerResponse, r: EmuResponse): void {
  writeBody(res, r.status, serialize(r.body), r.headers);
}

function writeBody(res: http.ServerResponse, status: number, body: string | Buffer[], headers?: Record<string, string>): void {
  if (res.destroyed || res.writableEnded) return;
  const chunks = typeof body === 'string' ? [Buffer.from(body)] : body;
  let length = 0;
  for (const c of chunks) length += c.length;
  res.writeHead(status, { 'content-type': 'application/json;charset=utf-8', 'content-length': length, ...headers });
  for (let i = 0; i < chunks.length - 1; i++) res.write(chunks[i]);
  res.end(chunks[chunks.length - 1]);
}

function reset(sock: Socket): void {
  const s = sock as Socket & { resetAndDestroy?: () => void };
  if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
  else s.destroy();
}

const clone = (r: EmuResponse): EmuResponse => ({
  status: r.status,
  headers: r.headers,
  body: JSON.parse(JSON.stringify(r.body)) as Record<string, unknown>,
});

export async function handleCall(deps: ServerDeps, req: EmuRequest, res: http.ServerResponse): Promise<void> {
  const { api, faults, idempotency, network } = deps;
  // The rate limit is timed by arrival (before the delay), as a gateway admits a request when it arrives.
  const arrived = network?.arrival();
  if (network && network.delayMs > 0) await network.sleep(network.delayMs);
  const prepared = api.prepare(req);
  if (!('account' in prepared)) {
    writeJson(res, prepared);
    return;
  }
  const call = prepared;
  deps.requests.add(api.provider, call.region, call.action);
  const admitted = network?.admit(api.provider, call, arrived);
  if (admitted && !admitted.ok) {
    writeJson(res, network!.throttleAnswer(api, call, admitted.waitMs));
    return;
  }
  const fault = faults.pick(api.provider, call.action);
  if (fault && (fault.kind === 'internal-error' || fault.kind === 'unavailable' || fault.kind === 'throttle')) {
    writeJson(res, api.faultError(call, fault.kind, fault.retryAfterMs ?? 1000));
    return;
  }
  if (fault?.kind === 'error' && isDocumentedAction(call.action)) {
    const row = documentedError(call.action, fault.code ?? '', fault);
    writeJson(res, api.apiError(call, row.status, row.code, documentedMessage(row, fault.message ?? row.code)));
    return;
  }
  if (fault?.kind === 'reset-before') {
    reset(res.socket as Socket);
    return;
  }
  const idk = api.idempotency(call);
  let resp: EmuResponse | undefined;
  if (idk) {
    const b = idempotency.begin(idk.key, idk.fingerprint);
    if (b.state === 'mismatch' || b.state === 'processing') {
      writeJson(res, api.idempotencyError(call, b.state));
      return;
    }
    if (b.state === 'done') resp = clone(b.response);
  }
  if (!resp) {
    if (fault?.kind === 'latency') await (deps.latencySleep ?? sleep)(fault.latencyMs ?? 2000);
    try {
      resp = api.run(call);
    } catch (e) {
      process.stderr.write(`emulator: ${api.provider} ${call.action} failed: ${(e as Error).stack ?? String(e)}\n`);
      resp = api.faultError(call, 'internal-error', 0);
    }
    if (idk) idempotency.finish(idk.key, clone(resp));
  }
  switch (fault?.kind) {
    case 'reset-after':
      reset(res.socket as Socket);
      return;
    case 'hang':
      return; // never answer; the socket closes when the client gives up or the server stops
    case 'truncated-json': {
      const t = Buffer.concat(serialize(resp.body));
      writeBody(res, resp.status, [t.subarray(0, Math.max(1, Math.floor(t.length / 2)))], resp.headers);
      return;
    }
    case 'malformed-json':
      writeBody(res, resp.status, '{"RequestId": <html>502 Bad Gateway</html>', resp.headers);
      return;
    case 'missing-field': {
      const c = clone(resp);
      api.dropRequiredField(c.body);
      writeJson(res, c);
      return;
    }
    default:
      writeJson(res, resp);
  }
}

export function createServer(deps: ServerDeps): { server: http.Server; sockets: Set<Socket> } {
  const sockets = new Set<Socket>();
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const url = req.url ?? '/';
      const q = url.indexOf('?');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      const emu: EmuRequest = {
        method: (req.method ?? 'GET').toUpperCase(),
        path: q < 0 ? url : url.slice(0, q),
        rawQuery: q < 0 ? '' : url.slice(q + 1),
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const run = emu.path.startsWith('/__emulator/')
        ? Promise.resolve(deps.control(emu)).then((r) => writeJson(res, r))
        : handleCall(deps, emu, res);
      run.catch((e: unknown) => {
        process.stderr.write(`emulator: ${(e as Error).stack ?? String(e)}\n`);
        if (!res.headersSent) writeBody(res, 500, JSON.stringify({ Code: 'InternalError', Message: 'emulator failure' }));
      });
    });
  });
  server.keepAliveTimeout = 30_000;
  server.headersTimeout = 35_000;
  server.requestTimeout = 0;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return { server, sockets };
}
