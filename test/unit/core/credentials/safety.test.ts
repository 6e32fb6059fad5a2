import assert from 'node:assert/strict';
import * as path from 'node:path';
import {
  checkPolicy,
  commandOf,
  guardVerdict,
  matchPattern,
  mergePolicyEnv,
  parsePolicyFile,
  parseRules,
  policyFilePath,
} from '../../../../src/core/credentials/safety';

describe('credentials/safety (aliyun-cli safety policy semantics)', () => {
  const file = JSON.stringify({
    enabled: true,
    rules: [
      { pattern: 'ecs:DeleteInstance', action: 'deny' },
      { pattern: '*:Delete*', action: 'confirm' },
      { pattern: 'ecs:Modify*', action: 'forbid' },
    ],
  });

  it('patterns: * is any sequence, case-insensitive, anchored, other characters literal', () => {
    assert.ok(matchPattern('ecs:Delete*', 'ecs:DeleteInstances'));
    assert.ok(matchPattern('*:delete*', 'ecs:DeleteScheduledInstance'));
    assert.ok(!matchPattern('ecs:DeleteInstance', 'ecs:DeleteInstances'));
    assert.ok(!matchPattern('ecs.Delete*', 'ecsxDeleteInstances'));
    assert.ok(!matchPattern('', 'ecs:DeleteInstances'));
    assert.equal(commandOf('ModifyReservedInstances'), 'ecs:ModifyReservedInstances');
  });

  it('first matching rule wins; forbid means confirm; disabled or absent policy allows', () => {
    const p = parsePolicyFile(file);
    assert.equal(checkPolicy(p, 'ecs:DeleteInstance').action, 'deny');
    assert.equal(checkPolicy(p, 'ecs:DeleteInstances').action, 'confirm');
    assert.equal(checkPolicy(p, 'ecs:ModifyReservedInstances').action, 'confirm');
    assert.equal(checkPolicy(p, 'ecs:DescribeInstances').action, 'allow');
    assert.equal(checkPolicy({ ...p, enabled: false }, 'ecs:DeleteInstance').action, 'allow');
    assert.deepEqual(parsePolicyFile(undefined), { enabled: false, rules: [] });
    assert.deepEqual(parsePolicyFile('{not json'), { enabled: false, rules: [] });
    assert.equal(
      parseRules([{ pattern: 'ecs:*', action: 'block' }])[0].action,
      'allow',
      'unknown action matches and allows, as in the CLI',
    );
  });

  it('environment: ENABLED overrides the file (ParseBool), RULES replaces the rules (empty clears, unparsable keeps)', () => {
    const p = parsePolicyFile(file);
    assert.equal(mergePolicyEnv(p, { ALIBABA_CLOUD_SAFETY_POLICY_ENABLED: 'false' }).enabled, false);
    assert.equal(mergePolicyEnv(p, { ALIBABA_CLOUD_SAFETY_POLICY_ENABLED: 'maybe' }).enabled, true);
    assert.deepEqual(mergePolicyEnv(p, { ALIBABA_CLOUD_SAFETY_POLICY_RULES: '*:Delete*=deny, ecs:Modify*=confirm' }).rules, [
      { pattern: '*:Delete*', action: 'deny' },
      { pattern: 'ecs:Modify*', action: 'confirm' },
    ]);
    assert.deepEqual(mergePolicyEnv(p, { ALIBABA_CLOUD_SAFETY_POLICY_RULES: '' }).rules, []);
    assert.deepEqual(mergePolicyEnv(p, { ALIBABA_CLOUD_SAFETY_POLICY_RULES: 'junk,x=nope' }).rules, p.rules);
    assert.equal(policyFilePath('/h', {}), path.join('/h', '.aliyun', 'safety-policy.json'));
    assert.equal(policyFilePath('/h', { ALIBABA_CLOUD_CLI_SAFETY_POLICY_FILE: '/etc/p.json' }), '/etc/p.json');
  });

  it('the CLI policy guards Alibaba actions; the setting guards both clouds; the stricter verdict wins', () => {
    const cli = parsePolicyFile(JSON.stringify({ enabled: true, rules: [{ pattern: 'ecs:Modify*', action: 'deny' }] }));
    const v = guardVerdict('aliyun', 'ModifyReservedInstances', cli, [{ pattern: 'ecs:Modify*', action: 'confirm' }]);
    assert.equal(v.action, 'deny');
    assert.equal(v.from, 'aliyun-cli');
    assert.equal(
      guardVerdict(
        'volcengine',
        'DeleteInstances',
        parsePolicyFile(JSON.stringify({ enabled: true, rules: [{ pattern: '*:*', action: 'deny' }] })),
        [],
      ).action,
      'allow',
    );
    const s = guardVerdict('volcengine', 'DeleteInstances', { enabled: false, rules: [] }, [{ pattern: 'ecs:Delete*', action: 'confirm' }]);
    assert.equal(s.action, 'confirm');
    assert.equal(s.from, 'setting');
  });
});
