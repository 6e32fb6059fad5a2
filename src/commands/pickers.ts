/** Palette path: ask for the account, the region and the resources by quick pick. */
import type { AliyunReservedInstance } from '../core';
import type { Provider } from '../core/types';
import type { ResourceKind, ResourceRef } from '../contracts';
import { KIND_TABLE, kindSpec } from '../kinds';
import type { PickItem } from '../ui/prompts';
import type { ActionDeps } from './deps';
import { makeRef } from './plan/refs';
import { stateName } from '../output/states';
import { providerLabel } from '../output/translate';

export interface Place {
  readonly accountId: string;
  readonly region: string;
}

function providerName(deps: ActionDeps, p: Provider): string {
  return providerLabel(p, deps.t);
}

/** The account (skipped when there is one) and the region. undefined on Esc or when nothing is configured. */
export async function pickPlace(deps: ActionDeps, provider: Provider, title: string): Promise<Place | undefined> {
  const { t, prompts } = deps;
  const accounts = await deps.accountSource.accounts(provider);
  if (accounts.length === 0) {
    void prompts.notify('warn', t('No {0} account is configured. Add an AccessKey first.', providerName(deps, provider)));
    return undefined;
  }
  let accountId = accounts[0].id;
  if (accounts.length > 1) {
    const picked = await prompts.pickOne(
      accounts.map((p) => ({ label: p.name, description: p.maskedKeyId, value: p.id })),
      { title, placeHolder: t('Select the account') },
    );
    if (picked === undefined) return undefined;
    accountId = picked;
  }
  const regions = deps.accountSource.regions(provider);
  if (regions.length === 0) {
    void prompts.notify('warn', t('No {0} region is configured. Choose regions first.', providerName(deps, provider)));
    return undefined;
  }
  const account = accounts.find((p) => p.id === accountId)!;
  const region = await prompts.pickOne(
    regions.map((r) => ({ label: r, description: `${providerName(deps, provider)} · ${account.name}`, value: r })),
    { title, placeHolder: t('Select the {0} region (account {1})', providerName(deps, provider), account.name) },
  );
  return region === undefined ? undefined : { accountId, region };
}

function nothingFound(deps: ActionDeps, what: string, region: string): undefined {
  void deps.prompts.notify('info', deps.t('No {0} found in {1}.', what, region));
  return undefined;
}

/** Pick items of API objects of a kind (kind table: name, ID field, description). */
export function pickItems(deps: Pick<ActionDeps, 't'>, place: Place, kind: ResourceKind, list: readonly object[]): PickItem<ResourceRef>[] {
  const spec = kindSpec(kind);
  const state = (s: string) => stateName(s, deps.t);
  return list.map((d) => {
    const ref = makeRef(
      spec.provider,
      place.accountId,
      place.region,
      kind,
      d as Record<string, unknown>,
      String((d as Record<string, unknown>)[spec.idField]),
    );
    return { label: ref.name, description: spec.pickDescription(d, deps.t, state), value: ref };
  });
}

/** Resources of one kind in one region (the place asked first): several when `many`, else one. */
export async function pickResources(
  deps: ActionDeps,
  kind: ResourceKind,
  title: string,
  many: boolean,
  placeHolder: string,
): Promise<ResourceRef[] | undefined> {
  const spec = kindSpec(kind);
  const place = await pickPlace(deps, spec.provider, title);
  if (!place) return undefined;
  const list = await spec.listAll(deps.clients, place.accountId, place.region);
  if (list.length === 0) return nothingFound(deps, spec.noun(deps.t), place.region);
  const items = pickItems(deps, place, kind, list);
  if (many) {
    const picked = await deps.prompts.pickMany(items, { title, placeHolder });
    return picked && picked.length ? picked : undefined;
  }
  const one = await deps.prompts.pickOne(items, { title, placeHolder });
  return one ? [one] : undefined;
}

/** Instances of one region, several may be picked. */
export function pickInstances(deps: ActionDeps, title: string): Promise<ResourceRef[] | undefined> {
  const pick = KIND_TABLE.instance.actions[0].batch!.pick;
  return pickResources(deps, 'instance', title, pick.many, pick.placeHolder(deps.t));
}

/** Coupon pick items of a region. */
export function reservedInstanceItems(place: Place, list: readonly AliyunReservedInstance[]): PickItem<ResourceRef>[] {
  return pickItems({ t: (m) => m }, place, 'reservedInstance', list);
}

/** Reserved-instance coupons of one region: one, or several when `many`. */
export function pickReservedInstances(deps: ActionDeps, title: string, many: boolean): Promise<ResourceRef[] | undefined> {
  return pickResources(
    deps,
    'reservedInstance',
    title,
    many,
    many ? deps.t('Select two or more reserved instances to merge') : deps.t('Select the reserved instance'),
  );
}
