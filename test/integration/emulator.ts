// The emulator's control API, as the integration tests reach it (ECS_EXPLORER_EMULATOR_CONTROL from the runner).
import * as assert from 'assert';

export type Provider = 'volcengine' | 'aliyun';

export interface LedgerEntry {
  provider: Provider;
  action: string;
  kind: string;
  region: string;
  resourceIds: string[];
  newResourceIds?: string[];
  clientToken?: string;
}

export function control(provider: Provider): string {
  return (JSON.parse(process.env.ECS_EXPLORER_EMULATOR_CONTROL ?? '{}') as Record<string, string>)[provider];
}

/** One control call at an emulator's base URL (`route` below /__emulator/); fails the test on a non-2xx answer. */
export async function controlAt(baseUrl: string, route: string, body?: unknown, method = 'POST'): Promise<unknown> {
  const res = await fetch(`${baseUrl}/__emulator/${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert.ok(res.ok, `emulator ${route}: HTTP ${res.status}`);
  return res.json();
}

/** API calls an emulator received for this provider, action and region. */
export async function requestCountAt(baseUrl: string, provider: Provider, action: string, region: string): Promise<number> {
  const q = new URLSearchParams({ provider, action, region });
  return ((await controlAt(baseUrl, `requests?${q}`, undefined, 'GET')) as { total: number }).total;
}

/** One control call (`route` below /__emulator/); fails the test on a non-2xx answer. */
export function emu(provider: Provider, route: string, body?: unknown, method = 'POST'): Promise<unknown> {
  return controlAt(control(provider), route, body, method);
}

/** API calls the emulator received for this provider, action and region. */
export function requests(provider: Provider, action: string, region: string): Promise<number> {
  return requestCountAt(control(provider), provider, action, region);
}

/** The side-effect ledger entries of this provider. */
export async function ledger(provider: Provider): Promise<LedgerEntry[]> {
  return ((await emu(provider, 'ledger', undefined, 'GET')) as { entries: LedgerEntry[] }).entries.filter((e) => e.provider === provider);
}
