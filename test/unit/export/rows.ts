/** History rows without loading vscode: historyRows lives beside the commands, so a copy of its input is built here. */
import type { HistoryEntry } from '../../../src/history/store';
import { installVscodeShim } from '../../support/vscode-shim';

export function historyRowsForTest(): Record<string, unknown>[] {
  installVscodeShim();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { historyRows } = require('../../../src/export/commands') as typeof import('../../../src/export/commands');
  const e: HistoryEntry = {
    id: 'e1',
    time: '2026-03-01T10:00:00.000Z',
    provider: 'volcengine',
    account: { profileId: 'p1', name: 'prod', maskedKeyId: 'AKLT…XYZ' },
    region: 'cn-beijing',
    action: 'DeleteInstances',
    command: 'Delete Instances',
    resources: [
      { id: 'i-1', outcome: 'deleted', clientToken: 'tok-1', requestId: 'req-1', finalState: 'gone' },
      {
        id: 'i-2',
        outcome: 'failed',
        code: 'InvalidInstance.NotFound',
        message: 'not found, "i-2"',
        clientToken: 'tok-1',
        requestId: 'req-1',
      },
    ],
    calls: [{ clientToken: 'tok-1', requestId: 'req-1' }],
    follow: { state: 'done', updated: '2026-03-01T10:01:00.000Z' },
  };
  return historyRows([e]);
}
