import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LocalCodes } from '../../../src/core/errors';
import { GUIDANCE, guidanceFor } from '../../../src/core/guidance/catalogue';
import { documentFacts, otherCodeGroups, ROOT, seedCodes } from '../seeds';

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
      return new Set(Object.entries(nls).filter(([k]) => k.startsWith('command.')).map(([, v]) => v));
    };
    const en = titles('package.nls.json');
    const zh = titles('package.nls.zh-cn.json');
    let named = 0;
    for (const [code, e] of Object.entries(GUIDANCE)) {
      for (const [lang, known, quote] of [['en', en, /"([^"]+)"/g], ['zh', zh, /“([^”]+)”/g]] as const) {
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
    for (const c of ['OperationDenied.LatestCancelTime', 'IdempotentProcessing', 'InvalidDedicatedHostStatus.Unsupported', 'Account.Arrearage', 'Zone.NotOnSale']) {
      assert.ok(all.has(c), `documented codes lack ${c}`);
    }
    assert.ok(all.size >= 25, `parsed ${all.size} codes`);
    const missing = [...all].filter((c) => !GUIDANCE[c]);
    assert.deepEqual(missing, [], `codes without guidance: ${missing.join(', ')}`);
    for (const c of all) assertEntry(c);
  });

  it('covers the gateway codes and those of the other actions called', () => {
    const codes = referenceCodes();
    for (const c of ['FlowLimitExceeded', 'InvalidSecretToken', 'LimitExceeded.MaximumZoneIds', 'Throttling.Api', 'ServiceUnavailable.RegionMaintaining', 'MissingParamter.RegionId', 'Unauthorized.EmptyRegion', 'InvalidParameter.ReservedInstanceName']) {
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
});
