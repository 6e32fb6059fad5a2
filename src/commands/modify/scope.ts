/** Change Reserved Instance Scope: Region ↔ Zone, or another zone (Alibaba ModifyReservedInstances). */
import { reservedInstanceLabel, type AliyunReservedInstance } from '../../core';
import type { ActionDeps } from '../deps';
import { placementLabel, placementOf, scopeConfig, scopeTargets } from '../plan/reservedInstances';
import { refLabel } from '../plan/refs';
import { oneReservedInstance } from './plan';
import { submit, type ModifyRun } from './submit';

/** Handler of `ecsExplorer.modifyReservedInstanceScope(node)`: Region ↔ Zone, or another zone. */
export async function modifyReservedInstanceScope(deps: ActionDeps, node?: unknown, selected?: unknown): Promise<ModifyRun | undefined> {
  const { t, prompts } = deps;
  const title = t('Change Reserved Instance Scope');
  const ref = await oneReservedInstance(deps, title, node, selected);
  if (!ref) return undefined;
  const src = ref.data as AliyunReservedInstance;
  const client = await deps.clients.aliyun(ref.accountId);
  const zones = (await client.describeZones(ref.region)).map((z) => z.ZoneId);
  const current = placementOf(src);
  const to = await prompts.pickOne(
    scopeTargets(src, zones).map((p) => ({
      label: placementLabel(p, t),
      description: p.scope === 'Region' ? t('any zone of {0}', ref.region) : undefined,
      value: p,
    })),
    { title: t('{0} {1}: now {2}', title, refLabel(ref), placementLabel(current, t)), placeHolder: t('New scope') },
  );
  if (!to) return undefined;
  return submit(
    deps,
    title,
    t('Change the scope of {0} to {1}?', reservedInstanceLabel(src), placementLabel(to, t)),
    [ref],
    [scopeConfig(src, to)],
  );
}
