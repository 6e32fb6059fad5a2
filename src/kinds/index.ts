/**
 * The kind table: one entry per resource kind (ID/name fields, label, icon and state styles, console page,
 * listing, tooltip, search fields, actions with their eligibility and context flag). Tree, pickers, planning and
 * menus look kinds up here instead of switching on them.
 */
import type { Provider } from '../core/types';
import type { ResourceKind, ResourceRef } from '../contracts';
import { instanceKind } from './instance';
import { reservationKind } from './reservation';
import { reservedInstanceKind } from './reservedInstance';
import type { KindAction, KindSpec } from './types';

export type * from './types';

export const KIND_TABLE: Readonly<Record<ResourceKind, KindSpec>> = {
  instance: instanceKind,
  reservation: reservationKind,
  reservedInstance: reservedInstanceKind,
};

export function kindSpec(kind: ResourceKind): KindSpec {
  return KIND_TABLE[kind];
}

/** The kinds of each provider, in tree order. */
export const KINDS_OF: Readonly<Record<Provider, readonly ResourceKind[]>> = (() => {
  const out: Record<Provider, ResourceKind[]> = { volcengine: [], aliyun: [] };
  for (const k of Object.values(KIND_TABLE)) out[k.provider].push(k.kind);
  return out;
})();

/** Every action of every kind with its kind. */
export function allActions(): { kind: KindSpec; action: KindAction }[] {
  return Object.values(KIND_TABLE).flatMap((kind) => kind.actions.map((action) => ({ kind, action })));
}

/** The action behind a command, with its kind. */
export function actionOf(command: string): { kind: KindSpec; action: KindAction } | undefined {
  return allActions().find((a) => a.action.command === command);
}

/** Builds a ResourceRef from an API object; the name falls back to the ID. */
export function refFromData(
  provider: Provider,
  accountId: string,
  region: string,
  kind: ResourceKind,
  data: Record<string, unknown> | undefined,
  id?: string,
): ResourceRef {
  const spec = KIND_TABLE[kind];
  const rid = id ?? (data?.[spec.idField] as string);
  const name = data?.[spec.nameField];
  return { provider, accountId, region, kind, id: rid, name: typeof name === 'string' && name ? name : rid, data };
}

/** `resource;<kind>;` then `<flag>;` per action that can act now, `no-<flag>;` per one that cannot (each flag once). */
export function contextFlags(kind: ResourceKind, ok: (action: KindAction) => boolean): string {
  let s = `resource;${kind};`;
  const seen = new Set<string>();
  for (const a of KIND_TABLE[kind].actions) {
    if (seen.has(a.flag)) continue;
    seen.add(a.flag);
    s += ok(a) ? `${a.flag};` : `no-${a.flag};`;
  }
  return s;
}
