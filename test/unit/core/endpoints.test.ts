import * as assert from 'node:assert/strict';
import { aliyunBaseUrl, checkBaseUrl, consoleUrl, isLoopbackHost, volcengineBaseUrl } from '../../../src/core/endpoints';
import { CloudError } from '../../../src/core/errors';

function configError(fn: () => unknown): CloudError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CloudError);
    assert.equal(e.kind, 'config');
    return e;
  }
  assert.fail('expected a CloudError');
}

describe('endpoints', () => {
  it('Volcengine: open.volcengineapi.com by default, ecs.<region> for bootstrap regions', () => {
    assert.equal(volcengineBaseUrl('cn-beijing'), 'https://open.volcengineapi.com');
    assert.equal(volcengineBaseUrl('cn-shanghai'), 'https://open.volcengineapi.com');
    assert.equal(volcengineBaseUrl('ap-southeast-2'), 'https://ecs.ap-southeast-2.volcengineapi.com');
    assert.equal(volcengineBaseUrl('cn-beijing-autodriving'), 'https://ecs.cn-beijing-autodriving.volcengineapi.com');
  });

  it('Alibaba: regional and central', () => {
    assert.equal(aliyunBaseUrl('cn-hangzhou'), 'https://ecs.cn-hangzhou.aliyuncs.com');
    assert.equal(aliyunBaseUrl('central'), 'https://ecs.aliyuncs.com');
  });

  it('overrides win after the check', () => {
    assert.equal(volcengineBaseUrl('cn-beijing', 'http://127.0.0.1:8080/'), 'http://127.0.0.1:8080');
    assert.equal(aliyunBaseUrl('central', 'https://proxy.example.com/ecs/'), 'https://proxy.example.com/ecs');
    assert.equal(configError(() => aliyunBaseUrl('cn-hangzhou', 'http://10.0.0.5:8080')).code, 'InsecureEndpoint');
  });

  it('rejects region IDs that would change the host', () => {
    assert.equal(configError(() => aliyunBaseUrl('evil.com/x')).code, 'InvalidEndpoint');
    assert.equal(configError(() => volcengineBaseUrl('')).code, 'InvalidEndpoint');
  });

  it('checkBaseUrl allows http only for loopback', () => {
    for (const ok of [
      'http://127.0.0.1:9000',
      'http://127.1.2.3',
      'http://localhost:3000',
      'http://[::1]:8080',
      'https://example.com',
      'https://10.0.0.1:8443',
    ]) {
      assert.doesNotThrow(() => checkBaseUrl(ok), ok);
    }
    for (const bad of [
      'http://example.com',
      'http://10.0.0.1',
      'http://192.168.1.10:8080',
      'http://128.0.0.1',
      'http://localhost.evil.com',
      'http://[::2]',
    ]) {
      const e = configError(() => checkBaseUrl(bad));
      assert.equal(e.code, 'InsecureEndpoint', bad);
      assert.match(e.message, /https:\/\//);
    }
  });

  it('checkBaseUrl refuses unparsable and non-http(s) URLs', () => {
    for (const bad of ['not a url', 'ftp://example.com', 'file:///etc/passwd', '', 'example.com']) {
      assert.equal(configError(() => checkBaseUrl(bad)).code, 'InvalidEndpoint', bad);
    }
  });

  it('checkBaseUrl refuses credentials, query and fragment without echoing credentials', () => {
    const e = configError(() => checkBaseUrl('https://user:s3cret@example.com'));
    assert.equal(e.code, 'InvalidEndpoint');
    assert.ok(!e.message.includes('s3cret'));
    assert.equal(configError(() => checkBaseUrl('https://example.com/?a=1')).code, 'InvalidEndpoint');
  });

  it('isLoopbackHost', () => {
    assert.equal(isLoopbackHost('127.0.0.1'), true);
    assert.equal(isLoopbackHost('[::1]'), true);
    assert.equal(isLoopbackHost('LOCALHOST'), true);
    assert.equal(isLoopbackHost('127.0.0.1.nip.io'), false);
  });

  it('consoleUrl gives the documented console pages for the provider, kind and region', () => {
    assert.equal(
      consoleUrl('volcengine', 'instance', 'cn-beijing', 'i-abc'),
      'https://console.volcengine.com/ecs/region:ecs+cn-beijing/instance',
    );
    assert.equal(
      consoleUrl('volcengine', 'scheduledInstance', 'cn-shanghai', 'esi-1'),
      'https://console.volcengine.com/ecs/region:ecs+cn-shanghai/dashboard',
    );
    assert.equal(
      consoleUrl('volcengine', 'region', 'cn-guangzhou'),
      'https://console.volcengine.com/ecs/region:ecs+cn-guangzhou/dashboard',
    );
    assert.equal(
      consoleUrl('aliyun', 'instance', 'cn-hangzhou', 'i-bp1'),
      'https://ecs.console.aliyun.com/server/i-bp1/detail?regionId=cn-hangzhou',
    );
    assert.equal(consoleUrl('aliyun', 'instance', 'cn-hangzhou'), 'https://ecs.console.aliyun.com/server/region/cn-hangzhou');
    assert.equal(
      consoleUrl('aliyun', 'reservedInstance', 'cn-shanghai', 'ecsri-1'),
      'https://ecs.console.aliyun.com/reservedInstance/region/cn-shanghai',
    );
    assert.equal(consoleUrl('aliyun', 'region', 'cn-beijing'), 'https://ecs.console.aliyun.com/server/region/cn-beijing');
    assert.equal(
      consoleUrl('aliyun', 'instance', 'cn-hangzhou', 'a/b?c'),
      'https://ecs.console.aliyun.com/server/a%2Fb%3Fc/detail?regionId=cn-hangzhou',
    );
  });
});
