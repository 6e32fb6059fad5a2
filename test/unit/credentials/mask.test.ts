import * as assert from 'assert';
import { checkKeyPart, checkAccountName, credentialsFromEnv, maskKeyId } from '../../../src/credentials/mask';

describe('ext/credentials helpers', () => {
  it('masks AccessKey IDs', () => {
    assert.strictEqual(maskKeyId('AKLTZGVtby1lY3MtZXhwbG9yZXI'), 'AKLT…ZXI');
    assert.strictEqual(maskKeyId('LTAI5tDemoEcsExplorer01'), 'LTAI…r01');
    assert.strictEqual(maskKeyId('short'), '…', 'a short ID shows none of its characters');
    assert.strictEqual(maskKeyId(' LTAI5tDemoEcsExplorer01\n'), 'LTAI…r01');
    assert.ok(!maskKeyId('AKLTZGVtby1lY3MtZXhwbG9yZXI').includes('ZGVtby1'));
  });

  it('reads the standard environment variables', () => {
    assert.deepStrictEqual(credentialsFromEnv('volcengine', { VOLCENGINE_ACCESS_KEY: 'a', VOLCENGINE_SECRET_KEY: 'b' }), {
      accessKeyId: 'a',
      accessKeySecret: 'b',
    });
    assert.deepStrictEqual(
      credentialsFromEnv('aliyun', {
        ALIBABA_CLOUD_ACCESS_KEY_ID: 'a',
        ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'b',
        ALIBABA_CLOUD_SECURITY_TOKEN: 't',
      }),
      { accessKeyId: 'a', accessKeySecret: 'b', securityToken: 't' },
    );
    assert.deepStrictEqual(
      credentialsFromEnv('volcengine', { VOLCENGINE_SESSION_TOKEN: 't', VOLCENGINE_ACCESS_KEY: 'a', VOLCENGINE_SECRET_KEY: 'b' })
        ?.securityToken,
      't',
    );
    assert.strictEqual(credentialsFromEnv('aliyun', { ALIBABA_CLOUD_ACCESS_KEY_ID: 'a' }), undefined);
    assert.strictEqual(credentialsFromEnv('volcengine', {}), undefined);
  });

  it('checks account names and key parts', () => {
    assert.strictEqual(checkAccountName('  ', []), 'empty');
    assert.strictEqual(checkAccountName('x'.repeat(65), []), 'tooLong');
    assert.strictEqual(checkAccountName('Prod', ['prod']), 'taken');
    assert.strictEqual(checkAccountName('生产', ['prod']), undefined);
    assert.strictEqual(checkKeyPart(''), 'empty');
    assert.strictEqual(checkKeyPart('a b'), 'invalid');
    assert.strictEqual(checkKeyPart('AKLT+/=='), undefined);
  });
});
