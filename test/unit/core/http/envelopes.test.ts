import * as assert from 'node:assert/strict';
import { aliyunBody, aliyunError, bodyRequestId, isRetryable, volcengineBody, volcengineError } from '../../../../src/core/http/envelopes';
import type { RawResponse } from '../../../../src/core/http/transport';

const ctx = { action: 'TestAction', region: 'cn-beijing' };
const res = (status: number, body: unknown, headers: Record<string, string> = {}): RawResponse => ({
  status,
  headers,
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('volcengineError', () => {
  it('treats ResponseMetadata.Error as an error whatever the status', () => {
    const body = { ResponseMetadata: { RequestId: 'R1', Error: { CodeN: 100010, Code: 'SignatureDoesNotMatch', Message: 'bad sig' } } };
    for (const status of [200, 401]) {
      const e = volcengineError(res(status, body), ctx);
      assert.ok(e);
      assert.equal(e.kind, 'api');
      assert.equal(e.provider, 'volcengine');
      assert.equal(e.code, 'SignatureDoesNotMatch');
      assert.equal(e.message, 'bad sig');
      assert.equal(e.requestId, 'R1');
      assert.equal(e.httpStatus, status);
      assert.equal(e.retryable, false);
      assert.equal(e.action, 'TestAction');
    }
  });

  it('returns undefined for a success envelope, and volcengineBody returns the JSON', () => {
    const body = { ResponseMetadata: { RequestId: 'R2' }, Result: { Regions: [] } };
    assert.equal(volcengineError(res(200, body), ctx), undefined);
    assert.deepEqual(volcengineBody(res(200, body), ctx), body);
  });

  it('marks FlowLimitExceeded and InternalError retryable', () => {
    const mk = (code: string, status: number) =>
      volcengineError(res(status, { ResponseMetadata: { Error: { Code: code, Message: 'm' } } }), ctx);
    assert.equal(mk('FlowLimitExceeded', 429)?.retryable, true);
    assert.equal(mk('InternalError', 500)?.retryable, true);
    assert.equal(mk('IdempotentProcessing', 412)?.retryable, true);
    assert.equal(mk('InvalidArgument', 400)?.retryable, false);
  });

  it('non-JSON or truncated bodies are malformed-response, with a header RequestId', () => {
    for (const [status, body] of [
      [200, '{"ResponseMetadata":{"Req'],
      [502, '<html>Bad Gateway</html>'],
      [200, ''],
    ] as const) {
      const e = volcengineError(res(status, body, { 'x-tt-logid': 'LOG1' }), ctx);
      assert.ok(e);
      assert.equal(e.kind, 'malformed-response');
      assert.equal(e.code, 'MalformedResponse');
      assert.equal(e.requestId, 'LOG1');
      assert.equal(e.retryable, status >= 500);
    }
    assert.throws(() => volcengineBody(res(200, 'nope'), ctx), { kind: 'malformed-response' });
  });

  it('an error status without an Error object is HttpError', () => {
    const e = volcengineError(res(503, { ResponseMetadata: { RequestId: 'R3' } }), ctx);
    assert.equal(e?.code, 'HttpError');
    assert.equal(e?.retryable, true);
    assert.equal(e?.requestId, 'R3');
  });
});

describe('aliyunError', () => {
  it('reads Code/Message/RequestId on HTTP >= 400', () => {
    const e = aliyunError(
      res(404, { RequestId: 'A1', HostId: 'ecs.aliyuncs.com', Code: 'InvalidReservedInstanceId.NotFound', Message: 'nf' }),
      ctx,
    );
    assert.ok(e);
    assert.equal(e.provider, 'aliyun');
    assert.equal(e.code, 'InvalidReservedInstanceId.NotFound');
    assert.equal(e.requestId, 'A1');
    assert.equal(e.httpStatus, 404);
    assert.equal(e.retryable, false);
  });

  it('also reads lower-case keys', () => {
    const e = aliyunError(res(400, { requestId: 'a2', code: 'Throttling.User', message: 'slow down' }), ctx);
    assert.equal(e?.code, 'Throttling.User');
    assert.equal(e?.requestId, 'a2');
    assert.equal(e?.message, 'slow down');
    assert.equal(e?.retryable, true);
  });

  it('HTTP 200 with a success Code is a success', () => {
    for (const code of ['200', 'OK', 'Success', 200]) {
      assert.equal(aliyunError(res(200, { HttpStatusCode: 200, Code: code, Message: 'Success', RequestId: 'x' }), ctx), undefined);
    }
    assert.deepEqual(aliyunBody(res(200, { RequestId: 'x', Regions: { Region: [] } }), ctx), { RequestId: 'x', Regions: { Region: [] } });
  });

  it('HTTP 200 with an error Code and Message is an error', () => {
    assert.equal(aliyunError(res(200, { Code: 'Throttling', Message: 'm', RequestId: 'x' }), ctx)?.code, 'Throttling');
  });

  it('non-JSON bodies are malformed-response', () => {
    const e = aliyunError(res(500, '<Error><Code>InternalError</Code></Error>', { 'x-acs-request-id': 'H1' }), ctx);
    assert.equal(e?.kind, 'malformed-response');
    assert.equal(e?.requestId, 'H1');
    assert.equal(aliyunError(res(200, '{"RequestId":"R9","Reser'), ctx)?.requestId, 'R9');
  });

  it('drops the server string-to-sign from messages', () => {
    const e = aliyunError(
      res(400, {
        Code: 'SignatureDoesNotMatch',
        Message: 'Specified signature is not matched with our calculation. server string to sign is:GET&%2F&AccessKeyId%3DLTAI',
        RequestId: 'r',
      }),
      ctx,
    );
    assert.equal(e?.message, 'Specified signature is not matched with our calculation.');
  });
});

describe('isRetryable', () => {
  const yes: ['volcengine' | 'aliyun', number, string | undefined][] = [
    ['volcengine', 429, 'FlowLimitExceeded'],
    ['volcengine', 500, 'InternalError'],
    ['volcengine', 412, 'IdempotentProcessing'],
    ['volcengine', 502, undefined],
    ['aliyun', 400, 'Throttling'],
    ['aliyun', 400, 'Throttling.Api'],
    ['aliyun', 503, 'ServiceUnavailable.RegionMaintaining'],
    ['aliyun', 500, 'InternalError'],
    ['aliyun', 400, 'SignatureNonceUsed'],
  ];
  const no: ['volcengine' | 'aliyun', number, string | undefined][] = [
    ['volcengine', 401, 'SignatureDoesNotMatch'],
    ['volcengine', 401, 'InvalidAccessKey'],
    ['volcengine', 403, 'InvalidTimestamp'],
    ['volcengine', 400, 'InvalidArgument'],
    ['volcengine', 400, 'IdempotentParameterMismatch'],
    ['aliyun', 400, 'InvalidTimeStamp.Expired'],
    ['aliyun', 403, 'Forbidden.RAM'],
    ['aliyun', 400, 'InvalidParameter'],
    ['aliyun', 404, 'InvalidAccessKeyId.NotFound'],
    ['aliyun', 501, undefined],
    ['aliyun', 404, undefined],
  ];
  for (const [p, s, c] of yes) it(`${p} ${s} ${c} → retry`, () => assert.equal(isRetryable(p, s, c), true));
  for (const [p, s, c] of no) it(`${p} ${s} ${c} → no retry`, () => assert.equal(isRetryable(p, s, c), false));
});

describe('bodyRequestId', () => {
  it('finds the RequestId without a full parse', () => {
    assert.equal(bodyRequestId('{"a":1,"RequestId" : "ABC-1"}'), 'ABC-1');
    assert.equal(bodyRequestId('{"requestId":"lc"}'), 'lc');
    assert.equal(bodyRequestId('{}'), undefined);
  });
});
