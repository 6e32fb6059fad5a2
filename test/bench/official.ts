/**
 * The official SDKs, loaded for comparison only (devDependencies).
 * - Volcengine: `@volcengine/openapi` Signer (lib/base/sign) and its generic `Service.createAPI` call.
 * - Alibaba: `@alicloud/pop-core` RPCClient. Its signing functions (normalize, canonicalize, encode,
 *   timestamp) are module-private, so they are loaded from pop-core's own lib/rpc.js with an extra export
 *   line appended: the code that runs is pop-core's, unchanged.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Module = require('node:module');

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface PopInternals {
  normalize(params: Record<string, unknown>): [string, string][];
  canonicalize(normalized: [string, string][]): string;
  encode(s: string): string;
  timestamp(): string;
  RPCClient: any;
}

let pop: PopInternals | undefined;

export function popCore(): PopInternals {
  if (pop) return pop;
  const file = require.resolve('@alicloud/pop-core/lib/rpc.js');
  const src = fs.readFileSync(file, 'utf8');
  const m = new Module(file, module) as any;
  m.filename = file;
  m.paths = (Module as any)._nodeModulePaths(path.dirname(file));
  m._compile(src + '\nmodule.exports.__internals = { normalize, canonicalize, encode, timestamp };\n', file);
  const exp = m.exports;
  pop = { ...exp.__internals, RPCClient: exp };
  return pop!;
}

export function kitx(): { makeNonce(): string; sha1(s: string, key: string, enc: string): string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDKs' own files, loaded only when this bench runs
  return require(require.resolve('kitx', { paths: [path.dirname(require.resolve('@alicloud/pop-core'))] }));
}

export function volcSigner(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDKs' own files, loaded only when this bench runs
  return require('@volcengine/openapi/lib/base/sign');
}

export function volcService(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDKs' own files, loaded only when this bench runs
  return require('@volcengine/openapi/lib/base/service').default;
}

export function openapiUtil(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDKs' own files, loaded only when this bench runs
  return require('@alicloud/openapi-util').default;
}
