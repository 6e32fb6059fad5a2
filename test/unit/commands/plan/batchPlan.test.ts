import * as assert from 'node:assert/strict';
import {
  collectResults,
  countResults,
  outcomeRows as rows,
  summaryText as summary,
  type Counts,
} from '../../../../src/commands/plan/batchOutcomes';
import { batchConfirmation, planBatch, type BatchPlan } from '../../../../src/commands/plan/batchPlan';
import { instanceKind } from '../../../../src/kinds/instance';
import type { Translate } from '../../../../src/output/translate';
import type { Locale } from '../../../../src/core/types';
import type { ResourceRef } from '../../../../src/contracts';
import { refsFromArgs } from '../../../../src/commands/plan/refs';
import { formatDuration, formatOutcomeTable } from '../../../../src/output/format';
import { NOW, enT, inst, reservation, zhT } from '../../../support/helpers';

// Delete Instances as the kind table defines it.
const DELETE = instanceKind.actions[0];
const planDeletion = (refs: readonly ResourceRef[], now: Date) => planBatch(refs, now, instanceKind, DELETE.check);
const deleteConfirmation = (plan: BatchPlan, t: Translate, locale: Locale) => batchConfirmation(plan, DELETE, t, locale);
const summaryText = (c: Counts, t: Translate) => summary(c, t, DELETE.batch!.text);
const outcomeRows = (r: Parameters<typeof rows>[0], t: Translate) => rows(r, t, DELETE.batch!.text);

describe('actions: delete planning', () => {
  const a = inst('i-aaa');
  const b = inst('i-bbb', {}, 'cn-shanghai');
  const prepaid = inst('i-ppp', { InstanceChargeType: 'PrePaid', ExpiredAt: '2025-06-01T00:00:00+08:00' });
  const creating = inst('i-ccc', { Status: 'CREATING' });

  it('takes the selection when the clicked node is in it, else the clicked node alone', () => {
    const node = { type: 'resource', ref: a };
    assert.deepEqual(
      refsFromArgs(node, [node, { ref: b }]).map((r) => r.id),
      ['i-aaa', 'i-bbb'],
    );
    assert.deepEqual(
      refsFromArgs(node, [{ ref: b }]).map((r) => r.id),
      ['i-aaa'],
    );
    assert.deepEqual(refsFromArgs(undefined, undefined), []);
    assert.deepEqual(
      refsFromArgs(node, [node, node, { type: 'folder' }]).map((r) => r.id),
      ['i-aaa'],
    );
  });

  it('leaves out ineligible instances with the reason and groups the rest by region', () => {
    const plan = planDeletion([a, prepaid, b, creating, reservation('esi-1')], NOW);
    assert.deepEqual(
      plan.eligible.map((r) => r.id),
      ['i-aaa', 'i-bbb'],
    );
    assert.deepEqual(
      plan.groups.map((g) => [g.region, g.refs.length]),
      [
        ['cn-beijing', 1],
        ['cn-shanghai', 1],
      ],
    );
    assert.deepEqual(
      plan.skipped.map((s) => s.reason),
      ['subscription-not-expired', 'instance-creating', 'other-kind'],
    );
  });

  it('an instance selected twice (listed twice, or under two accounts) is planned, counted and sent once', () => {
    const again = { ...a, accountId: 'second-account' };
    const plan = planDeletion([a, b, { ...a }, again, prepaid, { ...prepaid }], NOW);
    assert.deepEqual(
      plan.eligible.map((r) => [r.id, r.accountId]),
      [
        ['i-aaa', a.accountId],
        ['i-bbb', b.accountId],
      ],
    );
    assert.deepEqual(
      plan.skipped.map((s) => s.ref.id),
      ['i-ppp'],
    );
    assert.equal(deleteConfirmation(plan, enT, 'en').message, 'Delete 2 instances in cn-beijing, cn-shanghai?');
  });

  it('confirmation names the count, IDs, names and the left-out reasons (en and zh)', () => {
    const plan = planDeletion([a, b, prepaid], NOW);
    const en = deleteConfirmation(plan, enT, 'en');
    assert.equal(en.message, 'Delete 2 instances in cn-beijing, cn-shanghai?');
    assert.match(en.detail, /web-aaa \(i-aaa\) · cn-beijing/);
    assert.match(en.detail, /web-bbb \(i-bbb\) · cn-shanghai/);
    assert.match(en.detail, /Left out \(1\):\nweb-ppp \(i-ppp\) · cn-beijing: Subscription instance: does not expire/);
    assert.equal(en.confirmLabel, 'Delete 2 Instances');
    assert.match(en.typePrompt, /^Type 2 to delete: web-aaa \(i-aaa\), web-bbb \(i-bbb\) \(left out: web-ppp; why: see the output\)$/);
    const zh = deleteConfirmation(plan, zhT, 'zh-cn');
    assert.equal(zh.message, '删除 cn-beijing，cn-shanghai 中的 2 个实例？');
    assert.match(zh.detail, /包年包月实例在/);
    assert.match(zh.typePrompt, /^输入 2 以删除/);
  });

  it('an instance in a state the docs do not list is sent, and the confirmation says it was not checked locally', () => {
    const odd = inst('i-odd', { Status: 'HIBERNATING' });
    const plan = planDeletion([inst('i-aaa'), odd], NOW);
    assert.deepEqual(
      plan.eligible.map((r) => r.id),
      ['i-aaa', 'i-odd'],
    );
    assert.deepEqual(
      plan.unchecked.map((u) => u.ref.id),
      ['i-odd'],
    );
    assert.match(deleteConfirmation(plan, enT, 'en').detail, /web-odd \(i-odd\): Not checked locally: instance state HIBERNATING/);
    assert.match(deleteConfirmation(plan, zhT, 'zh-cn').detail, /未在本地校验：ECS Explorer 不认识实例状态 HIBERNATING/);
  });

  it('caps long lists in the modal detail and the prompt', () => {
    const many = Array.from({ length: 120 }, (_, i) => inst(`i-${String(i).padStart(4, '0')}`));
    const c = deleteConfirmation(planDeletion(many, NOW), enT, 'en');
    assert.ok(c.detail.split('\n').length < 50);
    assert.match(c.detail, /… and 81 more \(listed in the output\)/);
    assert.match(c.typePrompt, /^Type 120 to delete: .* and 117 more$/);
    const sub = (id: string) => inst(id, { InstanceChargeType: 'PrePaid', ExpiredAt: '2099-01-01T00:00:00Z' });
    const three = deleteConfirmation(planDeletion([...many.slice(0, 2), sub('i-s1'), sub('i-s2'), sub('i-s3')], NOW), enT, 'en');
    assert.match(three.typePrompt, /\(left out: web-s1, web-s2 and 1 more; why: see the output\)$/);
  });
});

describe('actions: delete outcomes', () => {
  const a = inst('i-aaa');
  const b = inst('i-bbb');
  const c = inst('i-ccc', {}, 'cn-shanghai');
  const prepaid = inst('i-ppp', { InstanceChargeType: 'PrePaid', ExpiredAt: '2025-06-01T00:00:00+08:00' });

  it('gives exactly one result per instance: client outcomes, group errors, missing ones, left-out ones', () => {
    const plan = planDeletion([a, b, c, prepaid], NOW);
    const results = collectResults(
      plan,
      [
        { accountId: 'p1', region: 'cn-beijing', outcomes: [{ id: 'i-aaa', ok: true }] },
        { accountId: 'p1', region: 'cn-shanghai', error: { code: 'InvalidAccessKey', message: 'bad key' } },
      ],
      'en',
    );
    assert.deepEqual(
      results.map((r) => [r.ref.id, r.kind, r.code]),
      [
        ['i-aaa', 'done', undefined],
        ['i-bbb', 'unknown', 'OutcomeUnknown'],
        ['i-ccc', 'failed', 'InvalidAccessKey'],
        ['i-ppp', 'skipped', 'subscription-not-expired'],
      ],
    );
    assert.equal(new Set(results.map((r) => r.ref.id)).size, results.length);
  });

  it('maps Cancelled and OutcomeUnknown codes', () => {
    const plan = planDeletion([a, b], NOW);
    const results = collectResults(
      plan,
      [
        {
          accountId: 'p1',
          region: 'cn-beijing',
          outcomes: [
            { id: 'i-aaa', ok: false, code: 'Cancelled' },
            { id: 'i-bbb', ok: false, code: 'OutcomeUnknown' },
          ],
        },
      ],
      'en',
    );
    assert.deepEqual(
      results.map((r) => r.kind),
      ['cancelled', 'unknown'],
    );
  });

  it('a failure without a code is an unknown result, never "failed"', () => {
    const plan = planDeletion([a, b], NOW);
    const results = collectResults(
      plan,
      [
        {
          accountId: 'p1',
          region: 'cn-beijing',
          outcomes: [
            { id: 'i-aaa', ok: false, code: '' },
            { id: 'i-bbb', ok: false, code: 'InvalidInstanceStatus' },
          ],
        },
      ],
      'en',
    );
    assert.deepEqual(
      results.map((r) => r.kind),
      ['unknown', 'failed'],
    );
  });

  it('an unexpired subscription instance as the service lists it (NoEsi, empty ScheduledInstanceId) is left out', () => {
    const real = inst('i-nnn', {
      InstanceChargeType: 'PrePaid',
      ExpiredAt: '2099-06-01T00:00:00+08:00',
      ElasticScheduledInstanceType: 'NoEsi',
      ScheduledInstanceId: '',
      SpotStrategy: 'NoSpot',
    });
    const plan = planDeletion([a, real], NOW);
    assert.deepEqual(
      plan.eligible.map((r) => r.id),
      ['i-aaa'],
    );
    assert.deepEqual(
      plan.skipped.map((s) => [s.ref.id, s.reason]),
      [['i-nnn', 'subscription-not-expired']],
    );
  });

  it('summary reads "98 deleted, 2 failed" / "已删除 98 个，失败 2 个"', () => {
    const counts = { done: 98, failed: 2, unknown: 0, cancelled: 0, skipped: 0 };
    assert.equal(summaryText(counts, enT), '98 deleted, 2 failed');
    assert.equal(summaryText(counts, zhT), '已删除 98 个，失败 2 个');
    assert.equal(summaryText({ ...counts, skipped: 1, cancelled: 3 }, enT), '98 deleted, 2 failed, 3 not sent, 1 left out');
  });

  it('formats the OperationDetails table with aligned columns, CJK-aware', () => {
    const plan = planDeletion([a, inst('i-zh', { InstanceName: '数据库' })], NOW);
    const results = collectResults(
      plan,
      [
        {
          accountId: 'p1',
          region: 'cn-beijing',
          outcomes: [
            { id: 'i-aaa', ok: true },
            {
              id: 'i-zh',
              ok: false,
              code: 'InvalidInstanceStatus',
              message: 'The status of the specified instance does not support this request.',
            },
          ],
        },
      ],
      'en',
    );
    const table = formatOutcomeTable(outcomeRows(results, enT), enT).split('\n');
    assert.equal(table[0], 'Instance ID  Name     Result   Code                   Message');
    assert.equal(table[2], 'i-aaa        web-aaa  deleted');
    assert.equal(
      table[3],
      'i-zh         数据库   failed   InvalidInstanceStatus  The status of the specified instance does not support this request.',
    );
    assert.deepEqual(countResults(results), { done: 1, failed: 1, unknown: 0, cancelled: 0, skipped: 0 });
    const zh = formatOutcomeTable(outcomeRows(results, zhT), zhT);
    assert.match(zh, /^实例 ID\s+名称\s+结果/);
  });

  it('formats durations', () => {
    assert.equal(formatDuration(65_000, enT), '1 min');
    assert.equal(formatDuration(3_725_000, zhT), '1 小时 2 分钟');
    assert.equal(formatDuration(-5, enT), '0 s');
  });
});
