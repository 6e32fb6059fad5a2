/** Palette path: ask for the profile, the region and the resources by quick pick. */
import type { AliyunReservedInstance, VolcInstance, VolcScheduledInstance } from '../core';
import type { Provider } from '../core/types';
import type { ResourceRef } from '../services';
import type { PickItem } from '../ui/prompts';
import type { ActionDeps } from './deps';
import { makeRef } from './plan/refs';
import { chargeName, stateName } from '../output/states';
import { providerLabel } from '../output/translate';

export interface Place {
  readonly profileId: string;
  readonly region: string;
}

function providerName(deps: ActionDeps, p: Provider): string {
  return providerLabel(p, deps.t);
}

/** The profile (skipped when there is one) and the region. undefined on Esc or when nothing is configured. */
export async function pickPlace(deps: ActionDeps, provider: Provider, title: string): Promise<Place | undefined> {
  const { t, prompts } = deps;
  const profiles = await deps.scope.profiles(provider);
  if (profiles.length === 0) {
    void prompts.notify('warn', t('No {0} account is configured. Add an AccessKey first.', providerName(deps, provider)));
    return undefined;
  }
  let profileId = profiles[0].id;
  if (profiles.length > 1) {
    const picked = await prompts.pickOne(
      profiles.map((p) => ({ label: p.name, description: p.maskedKeyId, value: p.id })),
      { title, placeHolder: t('Select the account') },
    );
    if (picked === undefined) return undefined;
    profileId = picked;
  }
  const regions = deps.scope.regions(provider);
  if (regions.length === 0) {
    void prompts.notify('warn', t('No {0} region is configured. Choose regions first.', providerName(deps, provider)));
    return undefined;
  }
  const account = profiles.find((p) => p.id === profileId)!;
  const region = await prompts.pickOne(
    regions.map((r) => ({ label: r, description: `${providerName(deps, provider)} · ${account.name}`, value: r })),
    { title, placeHolder: t('Select the {0} region (account {1})', providerName(deps, provider), account.name) },
  );
  return region === undefined ? undefined : { profileId, region };
}

function nothingFound(deps: ActionDeps, what: string, region: string): undefined {
  void deps.prompts.notify('info', deps.t('No {0} found in {1}.', what, region));
  return undefined;
}

/** Instances of one region, several may be picked. */
export async function pickInstances(deps: ActionDeps, title: string): Promise<ResourceRef[] | undefined> {
  const place = await pickPlace(deps, 'volcengine', title);
  if (!place) return undefined;
  const client = await deps.clients.volcengine(place.profileId);
  const list = await client.describeInstances(place.region);
  if (list.length === 0) return nothingFound(deps, deps.t('instances'), place.region);
  const items: PickItem<ResourceRef>[] = list.map((i: VolcInstance) => ({
    label: i.InstanceName || i.InstanceId,
    description: [i.InstanceId, stateName(i.Status ?? '', deps.t), chargeName(i.InstanceChargeType, deps.t)].filter(Boolean).join(' · '),
    value: makeRef('volcengine', place.profileId, place.region, 'instance', i, i.InstanceId),
  }));
  const picked = await deps.prompts.pickMany(items, { title, placeHolder: deps.t('Select the instances to delete') });
  return picked && picked.length ? picked : undefined;
}

/** One reservation of one region. */
export async function pickReservation(deps: ActionDeps, title: string): Promise<ResourceRef | undefined> {
  const place = await pickPlace(deps, 'volcengine', title);
  if (!place) return undefined;
  const client = await deps.clients.volcengine(place.profileId);
  const list = await client.describeScheduledInstances(place.region);
  if (list.length === 0) return nothingFound(deps, deps.t('reservations'), place.region);
  const items: PickItem<ResourceRef>[] = list.map((r: VolcScheduledInstance) => ({
    label: r.ScheduledInstanceName || r.ScheduledInstanceId,
    description: [r.ScheduledInstanceId, stateName(r.Status ?? '', deps.t), r.ElasticScheduledInstanceType].filter(Boolean).join(' · '),
    value: makeRef('volcengine', place.profileId, place.region, 'reservation', r, r.ScheduledInstanceId),
  }));
  return deps.prompts.pickOne(items, { title, placeHolder: deps.t('Select the reservation') });
}

/** Coupon pick items of a region. */
export function couponItems(place: Place, list: readonly AliyunReservedInstance[]): PickItem<ResourceRef>[] {
  return list.map((r) => ({
    label: r.ReservedInstanceName || r.ReservedInstanceId,
    description: `${r.ReservedInstanceId} · ${r.InstanceType} × ${r.InstanceAmount} · ${r.Status}`,
    value: makeRef('aliyun', place.profileId, place.region, 'reservedInstance', r, r.ReservedInstanceId),
  }));
}

/** Reserved-instance coupons of one region: one, or several when `many`. */
export async function pickCoupons(deps: ActionDeps, title: string, many: boolean): Promise<ResourceRef[] | undefined> {
  const place = await pickPlace(deps, 'aliyun', title);
  if (!place) return undefined;
  const client = await deps.clients.aliyun(place.profileId);
  const list = await client.describeReservedInstances(place.region);
  if (list.length === 0) return nothingFound(deps, deps.t('reserved instances'), place.region);
  const items = couponItems(place, list);
  if (many) {
    const picked = await deps.prompts.pickMany(items, { title, placeHolder: deps.t('Select two or more reserved instances to merge') });
    return picked && picked.length ? picked : undefined;
  }
  const one = await deps.prompts.pickOne(items, { title, placeHolder: deps.t('Select the reserved instance') });
  return one ? [one] : undefined;
}
