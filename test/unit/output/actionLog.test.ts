/** The action log's output channel is created on its first line, not with the log (each is a message to the window). */
import * as assert from 'node:assert/strict';
import { installVscodeShim } from '../../support/vscode-shim';

installVscodeShim();
/* eslint-disable @typescript-eslint/no-require-imports */
const shim = require('../../support/vscode-shim') as Record<string, unknown>;
const { createActionLog } = require('../../../src/output/actionLog') as typeof import('../../../src/output/actionLog');

describe('output/actionLog', () => {
  let saved: unknown;
  const created: { lines: string[]; disposed: boolean }[] = [];
  before(() => {
    saved = shim.window;
    shim.window = {
      ...(saved as object),
      createOutputChannel: () => {
        const c = { lines: [] as string[], disposed: false };
        created.push(c);
        const write = (l: string) => (m: string) => void c.lines.push(`${l} ${m}`);
        return {
          info: write('info'),
          warn: write('warn'),
          error: write('error'),
          debug: write('debug'),
          show() {},
          dispose: () => (c.disposed = true),
        };
      },
    };
  });
  after(() => (shim.window = saved));

  it('creates the channel on the first line only, once; after dispose, lines are kept but no channel is created', () => {
    created.length = 0;
    const log = createActionLog();
    assert.equal(created.length, 0, 'no channel before a line is written');
    log.info('one');
    log.warn('two');
    assert.equal(created.length, 1);
    assert.deepEqual(created[0].lines, ['info one', 'warn two']);
    log.dispose();
    assert.ok(created[0].disposed);
    log.error('late');
    assert.equal(created.length, 1, 'not created again after dispose');
    assert.match(log.text(), /late/);

    const unused = createActionLog();
    unused.dispose();
    assert.equal(created.length, 1, 'a log never written never creates its channel');
  });
});
