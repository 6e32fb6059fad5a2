/**
 * A small, configurable hostile HTTP server on 127.0.0.1 for the proof suites: it trickles, stalls, sends endless
 * 1xx, repeats pages, lies in paging fields, redirects, answers HTML, gzip or invalid UTF-8, echoes what it was
 * sent, and sends huge or deeply nested bodies. Every timer and socket it opens is closed by `close()`.
 */
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the server saw it (query and form parameters merged). */
export interface Seen {
  n: number;
  method: string;
  path: string;
  action: string;
  params: Record<string, string>;
  headers: http.IncomingHttpHeaders;
}

export type Handler = (req: Seen, res: http.ServerResponse, server: HostileServer) => void;

export interface HostileServer {
  url: string;
  /** Every request received, in order. */
  requests: Seen[];
  /** Body bytes the helpers below wrote. */
  bytesSent: number;
  /** Connections the client closed while a response was still being written. */
  abandoned: number;
  /** setTimeout that `close()` clears. */
  later(fn: () => void, ms: number): void;
  close(): Promise<void>;
}

const MAX_REQUEST_BODY = 1 << 20;

export async function startHostile(handler: Handler): Promise<HostileServer> {
  const sockets = new Set<Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const server = http.createServer();
  const hs: HostileServer = {
    url: '',
    requests: [],
    bytesSent: 0,
    abandoned: 0,
    later(fn, ms) {
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_REQUEST_BODY) chunks.push(c);
    });
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://127.0.0.1');
      const params: Record<string, string> = {};
      for (const [k, v] of u.searchParams) params[k] = v;
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.method === 'POST' && String(req.headers['content-type'] ?? '').includes('form-urlencoded')) {
        for (const [k, v] of new URLSearchParams(body)) params[k] = v;
      }
      const seen: Seen = {
        n: hs.requests.length + 1,
        method: req.method ?? '',
        path: u.pathname,
        action: params.Action ?? '',
        params,
        headers: req.headers,
      };
      hs.requests.push(seen);
      res.on('close', () => {
        if (!res.writableFinished) hs.abandoned++;
      });
      handler(seen, res, hs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hs.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return hs;
}

// ---- behaviours ----

export function send(
  hs: HostileServer,
  res: http.ServerResponse,
  status: number,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(buf.length), ...headers });
  hs.bytesSent += buf.length;
  res.end(buf);
}

export function json(
  hs: HostileServer,
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  send(hs, res, status, JSON.stringify(body), headers);
}

/** A correct response written one byte every `everyMs` (each byte inside any idle timeout longer than that). */
export function trickle(hs: HostileServer, res: http.ServerResponse, body: string, everyMs: number): void {
  const buf = Buffer.from(body, 'utf8');
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(buf.length) });
  res.flushHeaders();
  let i = 0;
  const step = () => {
    if (res.destroyed || i >= buf.length) return void (i >= buf.length && res.end());
    res.write(buf.subarray(i, i + 1));
    hs.bytesSent++;
    i++;
    hs.later(step, everyMs);
  };
  hs.later(step, everyMs);
}

/** `HTTP/1.1 102 Processing` every `everyMs`, for ever (until the client goes away). */
export function endlessProcessing(hs: HostileServer, res: http.ServerResponse, everyMs: number): void {
  const step = () => {
    if (res.destroyed) return;
    res.writeProcessing();
    hs.later(step, everyMs);
  };
  step();
}

/** Headers, then a body that never comes. */
export function stallBody(res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
  res.write('{"ResponseMetadata":');
}

export function redirect(hs: HostileServer, res: http.ServerResponse, status: number, location: string, body: unknown): void {
  json(hs, res, status, body, { location });
}

export function html(hs: HostileServer, res: http.ServerResponse, status = 200): void {
  send(hs, res, status, '<!DOCTYPE html><html><body><h1>Sign in to the Wi-Fi</h1></body></html>', {
    'content-type': 'text/html; charset=utf-8',
  });
}

/** A JSON body gzip-compressed with Content-Encoding: gzip, which the client never asked for. */
export function gzipJson(hs: HostileServer, res: http.ServerResponse, body: unknown): void {
  send(hs, res, 200, zlib.gzipSync(Buffer.from(JSON.stringify(body))), { 'content-encoding': 'gzip' });
}

/**
 * A body of `total` bytes streamed in 64 KiB chunks (with or without Content-Length), stopping when the client
 * goes away. The bytes are spaces inside a JSON string, so the body would parse if it were read.
 */
export function huge(hs: HostileServer, res: http.ServerResponse, total: number, withLength: boolean): void {
  const head = '{"pad":"';
  const tail = '"}';
  res.writeHead(200, { 'content-type': 'application/json', ...(withLength ? { 'content-length': String(total) } : {}) });
  res.write(head);
  const chunk = Buffer.alloc(1 << 16, 0x20);
  let left = total - head.length - tail.length;
  const more = () => {
    while (left > 0 && !res.destroyed) {
      const c = left >= chunk.length ? chunk : chunk.subarray(0, left);
      left -= c.length;
      hs.bytesSent += c.length;
      if (!res.write(c)) return void res.once('drain', more);
    }
    if (!res.destroyed) res.end(tail);
  };
  more();
}

/** `depth` nested arrays: [[[…]]]. */
export function deepArray(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

// ---- envelopes ----

export const volc = {
  ok(action: string, result: unknown, requestId = `rid-${action}`) {
    return {
      ResponseMetadata: { RequestId: requestId, Action: action, Version: '2020-04-01', Service: 'ecs', Region: 'cn-beijing' },
      Result: result,
    };
  },
  error(action: string, code: string, message: string, requestId = `rid-${action}`) {
    return { ResponseMetadata: { RequestId: requestId, Action: action, Version: '2020-04-01', Error: { Code: code, Message: message } } };
  },
  instance(id: string) {
    return { InstanceId: id, Status: 'RUNNING', InstanceName: `name-${id}` };
  },
};

export const ali = {
  reservedInstance(id: string) {
    return {
      ReservedInstanceId: id,
      Status: 'Active',
      InstanceType: 'ecs.g6.large',
      InstanceAmount: 1,
      Scope: 'Region',
      RegionId: 'cn-hangzhou',
    };
  },
  page(ids: string[], o: { pageNumber: number; pageSize: number; total: number }) {
    return {
      RequestId: `rid-page-${o.pageNumber}`,
      TotalCount: o.total,
      PageNumber: o.pageNumber,
      PageSize: o.pageSize,
      ReservedInstances: { ReservedInstance: ids.map((id) => ali.reservedInstance(id)) },
    };
  },
};
