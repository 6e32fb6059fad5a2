import * as assert from 'node:assert/strict';
import { AliyunClient } from '../../../src/core/clients/aliyun';
import { VolcengineClient } from '../../../src/core/clients/volcengine';
import { Priority } from '../../../src/core/http/scheduler';
import { Transport } from '../../../src/core/http/transport';
import { loadPage } from '../../../src/tree/loader';
import { DEMO_ACCOUNTS, startEmulator, type Emulator } from '../../emulator/index';

const creds = (p: 'volcengine' | 'aliyun') => {
  const a = DEMO_ACCOUNTS.find((x) => x.provider === p)!;
  return { accessKeyId: a.accessKeyId, accessKeySecret: a.accessKeySecret };
};

describe('tree loader: scheduling priority reaches the transport', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.stop());

  it('passes the folder load priority with every page request of each kind (default normal)', async () => {
    const seen: (number | undefined)[] = [];
    const t = new Transport();
    const send = t.send.bind(t);
    t.send = (req, signal, ctx) => {
      seen.push(ctx?.priority);
      return send(req, signal, ctx);
    };
    const vc = new VolcengineClient({ credentials: creds('volcengine'), endpoint: emu.volcengineUrl, transport: t });
    const ac = new AliyunClient({ credentials: creds('aliyun'), endpoint: emu.aliyunUrl, transport: t });
    const clients = { volcengine: async () => vc, aliyun: async () => ac };
    try {
      const q = { accountId: 'p', pageSize: 20 } as const;
      await loadPage(clients, { ...q, provider: 'volcengine', region: 'cn-beijing', kind: 'instance', priority: Priority.visible });
      await loadPage(clients, { ...q, provider: 'volcengine', region: 'cn-beijing', kind: 'reservation', priority: Priority.background });
      await loadPage(clients, { ...q, provider: 'aliyun', region: 'cn-hangzhou', kind: 'reservedInstance', priority: Priority.visible });
      await loadPage(clients, { ...q, provider: 'aliyun', region: 'cn-hangzhou', kind: 'reservedInstance' });
      assert.deepEqual(seen, [Priority.visible, Priority.background, Priority.visible, undefined]);
      // A client-wide default applies to calls that give none.
      const bg = new VolcengineClient({
        credentials: creds('volcengine'),
        endpoint: emu.volcengineUrl,
        transport: t,
        priority: Priority.background,
      });
      seen.length = 0;
      await bg.describeZones('cn-beijing');
      await bg.describeInstancesPage('cn-beijing', { priority: Priority.visible });
      assert.deepEqual(seen, [Priority.background, Priority.visible]);
    } finally {
      await t.close();
    }
  });
});
