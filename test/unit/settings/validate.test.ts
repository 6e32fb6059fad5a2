import * as assert from 'assert';
import {
  decideEndpoint,
  transportSettingsFrom,
  validateEndpointUrl,
  validateGeneral,
  validateRegions,
} from '../../../src/settings/validate';

describe('ext/settings validation', () => {
  it('regions: defaults, drops bad entries and names the setting, blocks on wrong type', () => {
    assert.deepStrictEqual(validateRegions('volcengine', undefined).regions, ['cn-beijing', 'cn-shanghai', 'cn-guangzhou']);
    assert.deepStrictEqual(validateRegions('aliyun', undefined).regions, ['cn-hangzhou', 'cn-shanghai', 'cn-beijing']);
    const r = validateRegions('volcengine', ['cn-beijing', 'CN_X', 3, 'cn-beijing', 'ap-southeast-1']);
    assert.deepStrictEqual(r.regions, ['cn-beijing', 'ap-southeast-1']);
    assert.deepStrictEqual(
      r.problems.map((p) => p.code),
      ['badRegionId', 'notString', 'duplicateRegion'],
    );
    assert.ok(r.problems.every((p) => p.setting === 'ecsExplorer.volcengine.regions' && !p.blocking));
    const bad = validateRegions('aliyun', 'cn-hangzhou');
    assert.deepStrictEqual(bad.regions, []);
    assert.strictEqual(bad.problems[0].code, 'notArray');
    assert.strictEqual(bad.problems[0].blocking, true);
    assert.deepStrictEqual(validateRegions('aliyun', []).regions, []);
  });

  it('endpoint URLs: https anywhere, http only for loopback, no credentials/query', () => {
    assert.strictEqual(validateEndpointUrl('s', 'https://proxy.example.com/').url, 'https://proxy.example.com');
    assert.strictEqual(validateEndpointUrl('s', 'http://127.0.0.1:8080').url, 'http://127.0.0.1:8080');
    assert.strictEqual(validateEndpointUrl('s', 'http://localhost:1').url, 'http://localhost:1');
    assert.strictEqual(validateEndpointUrl('s', 'http://[::1]:9').url, 'http://[::1]:9');
    assert.strictEqual(validateEndpointUrl('s', 'http://example.com').problem?.code, 'insecureUrl');
    assert.strictEqual(validateEndpointUrl('s', 'http://127.0.0.1.evil.com').problem?.code, 'insecureUrl');
    assert.strictEqual(validateEndpointUrl('s', 'ftp://x').problem?.code, 'badUrl');
    assert.strictEqual(validateEndpointUrl('s', 'not a url').problem?.code, 'badUrl');
    assert.strictEqual(validateEndpointUrl('s', 'https://u:p@x.com').problem?.code, 'urlExtras');
    assert.strictEqual(validateEndpointUrl('s', 'https://x.com/?a=1').problem?.code, 'urlExtras');
    assert.strictEqual(validateEndpointUrl('s', 'https://x.com/#f').problem?.code, 'urlExtras');
    assert.strictEqual(validateEndpointUrl('s', 42).problem?.code, 'notString');
    // What a message shows of the value: never a user name, password, query or fragment.
    const shown = [
      'https://proxyuser:Pr0xyP4ssw0rd@proxy.example.com',
      'https://x.com/?Signature=SECRETSIG&SecurityToken=TOKEN',
      'http://user:Pr0xyP4ssw0rd@10.0.0.5/#TOKEN',
      'not a url://a:Pr0xyP4ssw0rd@x?Signature=SECRETSIG',
    ].map((v) => validateEndpointUrl('s', v).problem?.value ?? '');
    for (const v of shown) assert.doesNotMatch(v, /Pr0xyP4ssw0rd|SECRETSIG|TOKEN|proxyuser/, v);
    assert.deepStrictEqual(shown.slice(0, 2), ['https://***@proxy.example.com', 'https://x.com/?…']);
  });

  it('endpoint decision: the user value applies; workspace values are never used; env wins', () => {
    const user = 'http://127.0.0.1:9000';
    const mine = decideEndpoint({ provider: 'volcengine', userValue: user });
    assert.deepStrictEqual([mine.url, mine.source, mine.problems], [user, 'setting', []]);

    const ws = decideEndpoint({ provider: 'aliyun', workspaceValue: 'https://evil.example.com' });
    assert.strictEqual(ws.url, undefined, 'a workspace must never redirect signed requests');
    assert.strictEqual(ws.problems[0].code, 'workspaceEndpoint');
    assert.strictEqual(ws.problems[0].setting, 'ecsExplorer.aliyun.endpoint');

    const env = decideEndpoint({ provider: 'aliyun', envValue: 'http://127.0.0.1:7/', userValue: 'https://x.com' });
    assert.deepStrictEqual([env.url, env.source], ['http://127.0.0.1:7', 'env']);
    // The setting is not used: said so, not silently.
    assert.deepStrictEqual(
      env.problems.map((p) => [p.code, p.value, p.blocking]),
      [['envOverridesSetting', 'ECS_EXPLORER_ALIYUN_ENDPOINT', false]],
    );
    // The same endpoint in both (a trailing slash aside): nothing to report.
    const same = decideEndpoint({ provider: 'aliyun', envValue: 'http://127.0.0.1:7/', userValue: ' http://127.0.0.1:7' });
    assert.deepStrictEqual([same.url, same.source, same.problems], ['http://127.0.0.1:7', 'env', []]);
    // A bad environment value beside a setting: the setting is still not used, and both are said.
    const badBoth = decideEndpoint({ provider: 'aliyun', envValue: 'http://example.com', userValue: 'http://example.com' });
    assert.deepStrictEqual(
      badBoth.problems.map((p) => [p.code, p.setting]),
      [
        ['envOverridesSetting', 'ecsExplorer.aliyun.endpoint'],
        ['insecureUrl', 'ECS_EXPLORER_ALIYUN_ENDPOINT'],
      ],
    );

    const badEnv = decideEndpoint({ provider: 'aliyun', envValue: 'http://example.com' });
    assert.strictEqual(badEnv.url, undefined);
    assert.strictEqual(badEnv.problems[0].setting, 'ECS_EXPLORER_ALIYUN_ENDPOINT');
    assert.strictEqual(badEnv.problems[0].blocking, true);

    const bad = decideEndpoint({ provider: 'volcengine', userValue: 'http://example.com' });
    assert.strictEqual(bad.url, undefined, 'no silent fall-back: the problem blocks');
    assert.ok(bad.problems.some((p) => p.blocking && p.code === 'insecureUrl'));

    assert.deepStrictEqual(decideEndpoint({ provider: 'volcengine', userValue: '' }), { source: 'default', problems: [] });
  });

  it('general settings: defaults, ranges, auto-refresh minimum, transport feed', () => {
    const ok = validateGeneral(() => undefined);
    assert.deepStrictEqual(ok.settings, { pageSize: 100, autoRefreshSeconds: 0, timeoutSeconds: 30, maxConcurrentRequests: 8 });
    const vals: Record<string, unknown> = { pageSize: 0, autoRefreshSeconds: 5, 'http.timeoutSeconds': 'x', maxConcurrentRequests: 4 };
    const r = validateGeneral((k) => vals[k]);
    assert.strictEqual(r.settings.pageSize, 100);
    assert.strictEqual(r.settings.autoRefreshSeconds, 0);
    assert.strictEqual(r.settings.timeoutSeconds, 30);
    assert.strictEqual(r.settings.maxConcurrentRequests, 4);
    assert.deepStrictEqual(r.problems.map((p) => p.setting).sort(), [
      'ecsExplorer.autoRefreshSeconds',
      'ecsExplorer.http.timeoutSeconds',
      'ecsExplorer.pageSize',
    ]);
    assert.deepStrictEqual(transportSettingsFrom({ ...ok.settings, timeoutSeconds: 5, maxConcurrentRequests: 3 }), {
      connectTimeoutMs: 5000,
      headersTimeoutMs: 5000,
      bodyTimeoutMs: 5000,
      attemptTimeoutMs: 5000,
      callTimeoutMs: 180_000,
      maxInFlight: 3,
    });
    assert.strictEqual(transportSettingsFrom({ ...ok.settings, timeoutSeconds: 600 }).callTimeoutMs, 1_800_000);
  });
});
