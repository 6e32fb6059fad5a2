/**
 * The one command table: every contributed command is registered and every registered one contributed; the one
 * wrapper refuses a lost row, applies the guard rails and funnels errors. registry.ts pulls in modules that import
 * `vscode`: the bench's shim stands in for it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { installVscodeShim } from '../../support/vscode-shim';
import { CloudError } from '../../../src/core';
import type { SafetyVerdict } from '../../../src/core/credentials/safety';
import type { CommandContext } from '../../../src/commands/context';
import { englishT } from '../../../src/output/translate';
import { ScriptedPrompts } from '../../support/scripted-prompts';

installVscodeShim();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const registry = require('../../../src/commands/registry') as typeof import('../../../src/commands/registry');

const root = path.resolve(__dirname, '../../../..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]> };
};

function context(prompts: ScriptedPrompts, verdict?: SafetyVerdict) {
  const lines: string[] = [];
  const log = {
    info: (m: string) => lines.push(`info ${m}`),
    warn: (m: string) => lines.push(`warn ${m}`),
    error: (m: string) => lines.push(`error ${m}`),
    call() {},
    show() {},
  };
  const ctx: CommandContext = {
    clients: {} as never,
    log,
    prompts,
    tree: { refresh() {}, follow() {} },
    accountSource: { accounts: async () => [], regions: () => [] },
    now: () => new Date('2026-01-01T00:00:00Z'),
    t: englishT,
    locale: () => 'en',
    confirmMode: () => 'modal',
    guard: verdict ? async () => verdict : undefined,
  };
  return { ctx, lines };
}

const row = {
  type: 'resource',
  id: 'n1',
  ref: { provider: 'aliyun', accountId: 'p', region: 'cn-hangzhou', kind: 'reservedInstance', id: 'ecsri-1', name: 'ri', data: {} },
};

describe('commands/registry', () => {
  it('registers exactly the commands package.json contributes (title-bar twins included)', () => {
    const contributed = pkg.contributes.commands.map((c) => c.command).sort();
    const registered = registry.registeredIds().sort();
    assert.deepEqual(registered, [...new Set(registered)], 'no command registered twice');
    assert.deepEqual(registered, contributed);
  });

  it('every menu entry names a contributed command', () => {
    const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
    const used = Object.values(pkg.contributes.menus).flatMap((m) => m.map((e) => e.command));
    assert.ok(used.length > 20);
    assert.deepEqual(
      used.filter((c) => !contributed.has(c)),
      [],
    );
  });

  it('every acting command is guarded by the API action it calls', () => {
    const guards = Object.fromEntries(registry.COMMANDS.filter((c) => c.guard).map((c) => [c.id, c.guard!.action]));
    assert.deepEqual(guards, {
      'ecsExplorer.deleteInstances': 'DeleteInstances',
      'ecsExplorer.cancelReservation': 'DeleteScheduledInstance',
      'ecsExplorer.splitReservedInstance': 'ModifyReservedInstances',
      'ecsExplorer.mergeReservedInstances': 'ModifyReservedInstances',
      'ecsExplorer.modifyReservedInstanceScope': 'ModifyReservedInstances',
    });
  });

  describe('the wrapper', () => {
    const spec = (
      run: (ctx: CommandContext, node?: unknown, nodes?: unknown) => unknown,
      extra: Partial<import('../../../src/commands/registry').CommandSpec> = {},
    ) => ({
      id: 'ecsExplorer.test',
      title: (t: (m: string) => string) => t('Split Reserved Instance'),
      run,
      ...extra,
    });

    it('a row command whose row is missing from its arguments runs nothing and says so', async () => {
      const prompts = new ScriptedPrompts();
      const { ctx, lines } = context(prompts);
      let ran = 0;
      const s = spec(() => ran++, { row: true });
      await registry.runCommand(ctx, s, [undefined, undefined]);
      await registry.runCommand(ctx, s, [row, [row, undefined]]);
      assert.equal(ran, 0);
      assert.deepEqual(
        prompts.notices().map((n) => n.level),
        ['warn', 'warn'],
      );
      assert.match(prompts.notices()[0].message, /^Split Reserved Instance: the row this menu was opened on could not be identified/);
      assert.equal(lines.filter((l) => l.startsWith('warn')).length, 2);
      // Palette (no arguments) and a real row run it, with the row and the selection.
      const args: unknown[] = [];
      const t = spec((_c, node, nodes) => args.push(node, nodes), { row: true });
      await registry.runCommand(ctx, t, []);
      await registry.runCommand(ctx, t, [row, [row]]);
      assert.deepEqual(args, [undefined, undefined, row, [row]]);
    });

    it('a denying rule stops an acting command before its handler; a confirming one asks for the action name', async () => {
      const guard = { provider: 'aliyun' as const, action: 'ModifyReservedInstances' };
      const deny: SafetyVerdict = { action: 'deny', from: 'setting', rule: { pattern: 'ecs:Modify*' } } as SafetyVerdict;
      const denied = new ScriptedPrompts();
      let ran = 0;
      await registry.runCommand(
        context(denied, deny).ctx,
        spec(() => ran++, { guard }),
        [row],
      );
      assert.equal(ran, 0);
      assert.equal(denied.notices()[0].level, 'error');
      assert.match(
        denied.notices()[0].message,
        /blocked by the setting ecsExplorer\.safetyRules \(rule "ecs:Modify\*" denies ecs:ModifyReservedInstances\)/,
      );

      const confirm: SafetyVerdict = { action: 'confirm', from: 'aliyun-cli', rule: { pattern: 'ecs:*' } } as SafetyVerdict;
      const escaped = new ScriptedPrompts([{ cancel: true }]);
      await registry.runCommand(
        context(escaped, confirm).ctx,
        spec(() => ran++, { guard }),
        [row],
      );
      assert.equal(ran, 0);
      const typed = new ScriptedPrompts([{ input: 'ModifyReservedInstances' }]);
      let mode: string | undefined;
      await registry.runCommand(
        context(typed, confirm).ctx,
        spec((c) => (mode = c.confirmMode()), { guard }),
        [row],
      );
      assert.equal(mode, 'typeCount', 'a confirming rule forces type-to-confirm over the modal setting');
    });

    it('errors go through the funnel: logged with guidance and shown once; cancellation is silent; results are returned', async () => {
      const prompts = new ScriptedPrompts();
      const { ctx, lines } = context(prompts);
      const err = new CloudError({
        kind: 'api',
        provider: 'aliyun',
        action: 'ModifyReservedInstances',
        region: 'cn-hangzhou',
        code: 'InvalidParameter',
        message: 'bad',
        httpStatus: 400,
        requestId: 'R1',
      });
      assert.equal(
        await registry.runCommand(
          ctx,
          spec(() => Promise.reject(err)),
          [],
        ),
        undefined,
      );
      assert.equal(prompts.notices().length, 1);
      assert.match(prompts.notices()[0].message, /^Split Reserved Instance: \[InvalidParameter\] bad/);
      assert.ok(lines.some((l) => l.startsWith('error') && l.includes('InvalidParameter')));
      const cancelled = new CloudError({
        kind: 'cancelled',
        provider: 'aliyun',
        action: 'x',
        region: 'r',
        code: 'Cancelled',
        message: 'c',
      });
      await registry.runCommand(
        ctx,
        spec(() => Promise.reject(cancelled)),
        [],
      );
      assert.equal(prompts.notices().length, 1, 'nothing shown for a cancellation');
      assert.equal(
        await registry.runCommand(
          ctx,
          spec(async () => 42),
          [],
        ),
        42,
      );
    });
  });
});
