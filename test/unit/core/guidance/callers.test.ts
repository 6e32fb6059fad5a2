/** The tree's error rows ask the catalogue for the error's own provider and action. items.ts imports `vscode`: the bench's shim stands in. */
import * as assert from 'node:assert/strict';
import { CloudError } from '../../../../src/core/errors';
import { ALIYUN_GUIDANCE } from '../../../../src/core/guidance/aliyun';
import { VOLCENGINE_GUIDANCE } from '../../../../src/core/guidance/volcengine';
import { installVscodeShim } from '../../../support/vscode-shim';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const items = require('../../../../src/tree/items') as typeof import('../../../../src/tree/items');

describe('guidance callers: tree error rows', () => {
  it('a Volcengine error gets Volcengine guidance, an Alibaba one Alibaba guidance', () => {
    const volc = new CloudError({
      kind: 'api',
      provider: 'volcengine',
      action: 'DescribeInstances',
      region: 'cn-beijing',
      code: 'OperationDenied.Unheard',
      message: 'denied',
      httpStatus: 403,
    });
    const s = items.summarizeError(volc, 'en');
    assert.equal(s.next, VOLCENGINE_GUIDANCE.OperationDenied.en.next);
    assert.notEqual(s.next, ALIYUN_GUIDANCE.OperationDenied.en.next);
    const ali = new CloudError({
      kind: 'api',
      provider: 'aliyun',
      action: 'DescribeReservedInstances',
      region: 'cn-hangzhou',
      code: 'OperationDenied.Unheard',
      message: 'denied',
      httpStatus: 403,
    });
    assert.equal(items.summarizeError(ali, 'zh-cn').next, ALIYUN_GUIDANCE.OperationDenied.zh.next);
  });
});
