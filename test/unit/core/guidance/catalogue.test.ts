import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalCodes } from '../../../../src/core/errors';
import { GUIDANCE, MUTATING_ACTIONS, genericNext, guidanceFor } from '../../../../src/core/guidance/catalogue';
import { ALIYUN_GUIDANCE } from '../../../../src/core/guidance/aliyun';
import { REPORT_BUG } from '../../../../src/core/guidance/entry';
import { CREDENTIAL_GUIDANCE } from '../../../../src/core/guidance/credentials';
import { VOLCENGINE_ACTION_GUIDANCE, VOLCENGINE_GUIDANCE } from '../../../../src/core/guidance/volcengine';
import { documentFacts, otherCodeGroups, ROOT, seedCodes } from '../../../support/seeds';

/** Codes outside the documents' tables: gateway codes and those of the other actions called. */
export function referenceCodes(): Set<string> {
  return new Set(otherCodeGroups().flatMap((g) => g.codes));
}

const EMULATOR_CODES = [
  'InvalidScheduledInstanceStatus',
  'InvalidInstance.NotFound',
  'InvalidInstanceStatus',
  'OperationDenied.PrePaidInstanceNotExpired',
  'IncorrectInstanceStatus',
  'InvalidParameter.NotMatch',
  'InvalidReservedInstanceId.NotFound',
  'InvalidParameter.ReservedInstanceName',
  'MissingParameter.ZoneId',
  'InvalidParameter',
];

const CJK = /[\u4e00-\u9fff]/;

function assertEntry(code: string): void {
  const e = GUIDANCE[code];
  assert.ok(e, `no guidance entry for ${code}`);
  for (const l of ['en', 'zh'] as const) {
    assert.ok(e[l]?.explain?.trim(), `${code}: ${l}.explain empty`);
    assert.ok(e[l]?.next?.trim(), `${code}: ${l}.next empty`);
  }
  assert.ok(CJK.test(e.zh.explain) && CJK.test(e.zh.next), `${code}: zh text is not Chinese`);
  assert.ok(!CJK.test(e.en.explain) && !CJK.test(e.en.next), `${code}: en text contains Chinese`);
}

describe('guidance catalogue', () => {
  it('names only commands that exist, by their titles in that language', () => {
    const titles = (file: string) => {
      const nls = JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8')) as Record<string, string>;
      return new Set(
        Object.entries(nls)
          .filter(([k]) => k.startsWith('command.'))
          .map(([, v]) => v),
      );
    };
    const en = titles('package.nls.json');
    const zh = titles('package.nls.zh-cn.json');
    let named = 0;
    for (const [code, e] of Object.entries(GUIDANCE)) {
      for (const [lang, known, quote] of [
        ['en', en, /"([^"]+)"/g],
        ['zh', zh, /“([^”]+)”/g],
      ] as const) {
        for (const k of ['explain', 'next'] as const) {
          for (const m of e[lang][k].matchAll(quote)) {
            // A quoted name ending in "…" or made of capitalized words is a command's title.
            if (!m[1].endsWith('…') && !/^([A-Z][a-z]+ )+[A-Z][a-z]+$/.test(m[1])) continue;
            named++;
            assert.ok(known.has(m[1]), `${code} (${lang}.${k}) names "${m[1]}", which is no command title`);
          }
        }
      }
    }
    assert.ok(named >= 8, `found only ${named} command names`);
  });

  it('covers every error code in the documents, in both languages', () => {
    const docs = documentFacts();
    assert.ok(docs.length >= 3, 'expected the three documents');
    const all = new Set<string>();
    for (const d of docs) {
      const codes = seedCodes(d.action);
      assert.ok(codes.size >= 5, `only ${codes.size} codes for ${d.action}`);
      for (const c of codes) all.add(c);
    }
    for (const c of [
      'OperationDenied.LatestCancelTime',
      'IdempotentProcessing',
      'InvalidDedicatedHostStatus.Unsupported',
      'Account.Arrearage',
      'Zone.NotOnSale',
    ]) {
      assert.ok(all.has(c), `documented codes lack ${c}`);
    }
    assert.ok(all.size >= 25, `parsed ${all.size} codes`);
    const missing = [...all].filter((c) => !GUIDANCE[c]);
    assert.deepEqual(missing, [], `codes without guidance: ${missing.join(', ')}`);
    for (const c of all) assertEntry(c);
  });

  it('knows every documented code for the provider and action of its document', () => {
    let checked = 0;
    for (const doc of documentFacts()) {
      for (const code of seedCodes(doc.action)) {
        const g = guidanceFor(code, 'en', undefined, { provider: doc.provider, action: doc.action });
        assert.ok(g.known, `${code} has no entry for ${doc.provider} ${doc.action}`);
        checked++;
      }
    }
    assert.ok(checked >= 25, `checked ${checked}`);
  });

  it('credential codes keep their own guidance when the provider and action are known', () => {
    for (const code of Object.keys(CREDENTIAL_GUIDANCE)) {
      for (const provider of ['volcengine', 'aliyun'] as const) {
        const g = guidanceFor(code, 'en', undefined, { provider, action: 'DescribeRegions' });
        assert.ok(g.known, `${code} for ${provider}`);
        assert.strictEqual(g.next, CREDENTIAL_GUIDANCE[code].en.next);
      }
    }
  });

  it('covers the gateway codes and those of the other actions called', () => {
    const codes = referenceCodes();
    for (const c of [
      'FlowLimitExceeded',
      'InvalidSecretToken',
      'LimitExceeded.MaximumZoneIds',
      'Throttling.Api',
      'ServiceUnavailable.RegionMaintaining',
      'MissingParamter.RegionId',
      'Unauthorized.EmptyRegion',
      'InvalidParameter.ReservedInstanceName',
    ]) {
      assert.ok(codes.has(c), `other codes lack ${c}`);
    }
    const missing = [...codes].filter((c) => !GUIDANCE[c]);
    assert.deepEqual(missing, [], `codes without guidance: ${missing.join(', ')}`);
    for (const c of codes) assertEntry(c);
  });

  it('covers the emulator convention codes and every LocalCode', () => {
    for (const c of [...EMULATOR_CODES, ...Object.values(LocalCodes)]) assertEntry(c);
  });

  it('every entry is complete in both languages', () => {
    for (const c of Object.keys(GUIDANCE)) assertEntry(c);
  });

  it('says the specific things', () => {
    assert.match(guidanceFor('OperationDenied.LatestCancelTime', 'en').explain, /30 minutes/);
    assert.match(guidanceFor('OperationDenied.LatestCancelTime', 'zh-cn').explain, /30 分钟/);
    assert.match(guidanceFor('IdempotentParameterMismatch', 'en').explain, /different request/);
    assert.match(guidanceFor('Account.Arrearage', 'en').next, /Top up/);
    assert.match(guidanceFor('Account.Arrearage', 'zh-cn').next, /充值/);
  });

  it('guidanceFor picks the language and falls back for unknown codes', () => {
    const k = guidanceFor('FlowLimitExceeded', 'zh-cn');
    assert.equal(k.known, true);
    assert.ok(CJK.test(k.explain));
    assert.equal(guidanceFor('FlowLimitExceeded', 'en').known, true);
    const u = guidanceFor('Totally.Unknown', 'en', 'The server says no.');
    assert.equal(u.known, false);
    assert.equal(u.explain, 'The server says no.');
    assert.ok(u.next.length > 0);
    assert.match(guidanceFor('Weird', 'zh-cn').explain, /Weird/);
    assert.equal(guidanceFor('Throttling.Something', 'en').next, GUIDANCE.Throttling.en.next);
    assert.equal(guidanceFor('InvalidFoo.NotFound', 'en').next, GUIDANCE.NotFound.en.next);
    assert.equal(guidanceFor('toString', 'en').known, false);
  });

  it('looks a code up for its own provider first: an unknown Volcengine OperationDenied.* never gets Alibaba advice', () => {
    const volc = { provider: 'volcengine', action: 'DeleteInstances' } as const;
    for (const l of ['en', 'zh-cn'] as const) {
      const v = guidanceFor('OperationDenied.SomethingNew', l, 'The operation is denied.', volc);
      assert.equal(v.known, false);
      assert.equal(v.next, VOLCENGINE_GUIDANCE.OperationDenied[l === 'en' ? 'en' : 'zh'].next);
      assert.notEqual(v.next, ALIYUN_GUIDANCE.OperationDenied[l === 'en' ? 'en' : 'zh'].next);
      assert.doesNotMatch(v.next, /reserved instance|预留实例券|another region|更换地域/i);
    }
    // Alibaba's own family still applies to Alibaba codes.
    const a = guidanceFor('OperationDenied.Other', 'en', undefined, { provider: 'aliyun', action: 'ModifyReservedInstances' });
    assert.equal(a.next, ALIYUN_GUIDANCE.OperationDenied.en.next);
    // An Alibaba code never reaches a Volcengine-only entry (InvalidArgument) through its parent.
    const ia = guidanceFor('InvalidArgument.Foo', 'en', undefined, { provider: 'aliyun', action: 'DescribeReservedInstances' });
    assert.notEqual(ia.next, VOLCENGINE_GUIDANCE.InvalidArgument.en.next);
    assert.equal(ia.next, GUIDANCE.InvalidParameter.en.next);
    // Without a provider, the answer is GUIDANCE's entry for every code.
    for (const code of Object.keys(GUIDANCE)) assert.equal(guidanceFor(code, 'en').next, GUIDANCE[code].en.next, code);
    // Exact Alibaba-only codes are not known for Volcengine, and vice versa; shared and local codes are known for both.
    assert.equal(guidanceFor('Zone.NotOnSale', 'en', undefined, { provider: 'volcengine' }).known, false);
    assert.equal(guidanceFor('InvalidDedicatedHostStatus.Unsupported', 'en', undefined, { provider: 'aliyun' }).known, false);
    for (const p of ['volcengine', 'aliyun'] as const) {
      assert.equal(guidanceFor('IdempotentParameterMismatch', 'en', undefined, { provider: p }).known, true);
      assert.equal(guidanceFor('OutcomeUnknown', 'en', undefined, { provider: p }).known, true);
    }
  });

  it('action entries come before the provider ones', () => {
    const del = guidanceFor('IdempotentProcessing', 'en', undefined, { provider: 'volcengine', action: 'DeleteInstances' });
    assert.equal(del.next, VOLCENGINE_ACTION_GUIDANCE.DeleteInstances.IdempotentProcessing.en.next);
    assert.match(del.next, /instances/);
    const cancel = guidanceFor('IdempotentProcessing', 'zh-cn', undefined, { provider: 'volcengine', action: 'DeleteScheduledInstance' });
    assert.match(cancel.next, /弹性预约单/);
    assert.equal(guidanceFor('IdempotentProcessing', 'en').next, VOLCENGINE_GUIDANCE.IdempotentProcessing.en.next);
  });

  it('every entry has a next step of its own, and every bug report says how', () => {
    for (const [code, e] of Object.entries(GUIDANCE)) {
      for (const l of ['en', 'zh'] as const) {
        assert.notEqual(e[l].next, genericNext(l), `${code}: ${l}.next is the generic fallback`);
        assert.notEqual(e[l].next, genericNext(l, true), `${code}: ${l}.next is the generic fallback`);
      }
      // "Report … bug" without where and with what is no next step.
      if (/\b(bug|report)\b/i.test(e.en.next))
        assert.ok(e.en.next.includes(REPORT_BUG.en), `${code}: en says to report a bug without saying how`);
      if (/缺陷|报告/.test(e.zh.next)) assert.ok(e.zh.next.includes(REPORT_BUG.zh), `${code}: zh says to report a bug without saying how`);
    }
  });

  it('after an error whose outcome is open, a change is never advised to be repeated before checking', () => {
    // Check first: a refresh/check instruction comes before any retry wording, in both languages.
    const retryEn = /\b(try again|trying again|retry|retries automatically|run the command again|repeat)\b/i;
    const checkEn = /\b(refresh|check)\b/i;
    const retryZh = /重试|重新执行|重复/;
    const checkZh = /刷新|检查|确认/;
    const first = (re: RegExp, s: string) => {
      const m = re.exec(s);
      return m ? m.index : Infinity;
    };
    const open = [
      'InternalError',
      'UndefinedError',
      'UnknownError',
      'ServiceUnavailable',
      'MalformedResponse',
      'HttpError',
      'NetworkError',
      'RequestTimeout',
      'OutcomeUnknown',
      'IdempotentProcessing',
      'InternalError.Backend',
      'Totally.Unknown',
    ];
    const places = [
      { provider: 'volcengine', action: 'DeleteInstances' },
      { provider: 'volcengine', action: 'DeleteScheduledInstance' },
      { provider: 'aliyun', action: 'ModifyReservedInstances' },
    ] as const;
    for (const w of places) {
      assert.ok(MUTATING_ACTIONS.has(w.action));
      for (const code of open) {
        const en = guidanceFor(code, 'en', 'server text', w).next;
        const zh = guidanceFor(code, 'zh-cn', 'server text', w).next;
        assert.ok(first(checkEn, en) < first(retryEn, en), `${w.action} ${code} (en) does not say to check first: ${en}`);
        assert.ok(first(checkZh, zh) < first(retryZh, zh), `${w.action} ${code} (zh) does not say to check first: ${zh}`);
        assert.doesNotMatch(en, /^(Try again|Wait a (moment|few)[^.]*(retries|try again))/);
      }
    }
    // Reads keep their own, shorter advice.
    assert.equal(
      guidanceFor('InternalError', 'en', undefined, { provider: 'volcengine', action: 'DescribeInstances' }).next,
      GUIDANCE.InternalError.en.next,
    );
  });

  it('the rewritten entries say what happened for the action that raised them, and what to do next', () => {
    const en = (
      code: string,
      action?: string,
      provider: 'volcengine' | 'aliyun' = action === 'ModifyReservedInstances' ? 'aliyun' : 'volcengine',
    ) => guidanceFor(code, 'en', undefined, { provider, action });
    const zh = (
      code: string,
      action?: string,
      provider: 'volcengine' | 'aliyun' = action === 'ModifyReservedInstances' ? 'aliyun' : 'volcengine',
    ) => guidanceFor(code, 'zh-cn', undefined, { provider, action });

    // DeleteInstances refusals of the whole request: nothing in it was deleted.
    for (const code of ['InvalidCount.Malformed', 'InvalidDedicatedHostStatus.Unsupported']) {
      assert.match(en(code, 'DeleteInstances').explain, /no instance of this request was deleted/);
      assert.match(zh(code, 'DeleteInstances').explain, /均未被删除/);
    }
    assert.match(en('InvalidCount.Malformed', 'DeleteInstances').next, /smaller selection/);
    assert.ok(en('InvalidCount.Malformed', 'DeleteInstances').next.includes(REPORT_BUG.en));
    assert.match(en('InvalidDedicatedHostStatus.Unsupported', 'DeleteInstances').next, /without the instance\(s\) on that host/);
    assert.match(zh('InvalidDedicatedHostStatus.Unsupported', 'DeleteInstances').next, /去掉该宿主机上的实例/);

    // Codes only a bug can cause say so, and how to report it.
    for (const [code, action] of [
      ['InvalidClientToken.Malformed', 'DeleteInstances'],
      ['InvalidClientToken.Malformed', 'DeleteScheduledInstance'],
      ['InvalidTagKey.Malformed', 'ModifyReservedInstances'],
      ['InvalidTagValue.Malformed', 'ModifyReservedInstances'],
      ['MissingParameter.InstanceId', 'DeleteInstances'],
    ] as const) {
      assert.ok(en(code, action).next.includes(REPORT_BUG.en), `${code}: en`);
      assert.ok(zh(code, action).next.includes(REPORT_BUG.zh), `${code}: zh`);
      assert.doesNotMatch(en(code, action).next, /try again|Start the operation again|Use a (non-empty key|value)/);
    }
    assert.match(en('InvalidTagKey.Malformed', 'ModifyReservedInstances').explain, /sends no tags/);
    assert.match(zh('InvalidTagValue.Malformed', 'ModifyReservedInstances').explain, /不带任何标签/);

    // InvalidArgument: refused, nothing changed; refresh, then report if it recurs.
    assert.match(en('InvalidArgument', 'DeleteInstances').explain, /nothing changed/);
    assert.match(en('InvalidArgument', 'DeleteInstances').next, /^Refresh/);
    assert.ok(zh('InvalidArgument', 'DeleteInstances').next.includes(REPORT_BUG.zh));

    // IdempotentProcessing is shown after the retries ran out: still processing, check before anything else.
    const ip = en('IdempotentProcessing', 'DeleteInstances');
    assert.match(ip.explain, /still being processed/);
    assert.match(ip.explain, /retries ran out/);
    assert.match(ip.next, /^Do not run "Delete Instances…" again yet\..*refresh, and check/);
    assert.match(zh('IdempotentProcessing', 'DeleteScheduledInstance').next, /^暂不要再次执行“取消预约…”。.*刷新/);

    // A reserved instance cannot move to another region: never advise another region.
    for (const code of ['OperationDenied.NoStock', 'RegionUnauthorized', 'OperationDenied']) {
      const e = en(code, 'ModifyReservedInstances').next;
      assert.match(e, /cannot move to another region/, code);
      assert.doesNotMatch(e, /(try|choose|pick) (another|a different) region/i, code);
      assert.match(zh(code, 'ModifyReservedInstances').next, /不能迁移到其他地域/, code);
    }
    assert.match(en('RegionUnauthorized', 'ModifyReservedInstances').next, /ticket/);

    // InvalidParameter.Conflict: the zone is not in the coupon's region; pick it from the offered list.
    assert.match(
      en('InvalidParameter.Conflict', 'ModifyReservedInstances').explain,
      /zone of a configuration does not belong to the region/,
    );
    assert.match(en('InvalidParameter.Conflict', 'ModifyReservedInstances').next, /pick the zone from the list/);
    assert.match(zh('InvalidParameter.Conflict', 'ModifyReservedInstances').next, /可用区列表/);
  });
});
