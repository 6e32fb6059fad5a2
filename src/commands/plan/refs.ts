/** Turns command arguments (tree nodes, refs) into ResourceRefs. Pure. */
import type { ResourceKind, ResourceRef } from '../../contracts';
import { refFromData } from '../../kinds';

export function isResourceRef(x: unknown): x is ResourceRef {
  const r = x as Partial<ResourceRef> | null;
  return (
    !!r &&
    typeof r === 'object' &&
    typeof r.id === 'string' &&
    typeof r.kind === 'string' &&
    typeof r.region === 'string' &&
    typeof r.provider === 'string'
  );
}

/** A tree node's `ref`, or the argument itself when it is a ref. */
export function refOf(x: unknown): ResourceRef | undefined {
  if (isResourceRef(x)) return x;
  const ref = (x as { ref?: unknown } | null)?.ref;
  return isResourceRef(ref) ? ref : undefined;
}

export function refKey(r: Pick<ResourceRef, 'provider' | 'accountId' | 'region' | 'kind' | 'id'>): string {
  return `${r.provider}/${r.accountId}/${r.region}/${r.kind}/${r.id}`;
}

/**
 * The resources a command acts on, from `(node, selectedNodes)`: the selection when the clicked node is in it
 * (or no node was clicked), else the clicked node alone — as VS Code's tree does. Other kinds dropped, duplicates removed.
 */
export function refsFromArgs(node: unknown, selected: unknown, kind?: ResourceKind): ResourceRef[] {
  const sel = Array.isArray(selected) ? selected.map(refOf).filter((r): r is ResourceRef => !!r) : [];
  const clicked = refOf(node);
  let list: ResourceRef[];
  if (!clicked) list = sel;
  else if (sel.some((r) => refKey(r) === refKey(clicked))) list = sel;
  else list = [clicked];
  const seen = new Set<string>();
  return list.filter((r) => {
    if (kind && r.kind !== kind) return false;
    const k = refKey(r);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Groups refs by account and region, keeping first-seen order. */
export function groupByPlace(refs: readonly ResourceRef[]): { accountId: string; region: string; refs: ResourceRef[] }[] {
  const groups = new Map<string, { accountId: string; region: string; refs: ResourceRef[] }>();
  for (const r of refs) {
    const k = `${r.accountId}\u0000${r.region}`;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = { accountId: r.accountId, region: r.region, refs: [] }));
    g.refs.push(r);
  }
  return [...groups.values()];
}

export { refLabel } from '../../kinds/types';

/** A ref for an API object fetched by a command (palette path, new coupons). */
export function makeRef(
  provider: ResourceRef['provider'],
  accountId: string,
  region: string,
  kind: ResourceKind,
  data: Record<string, unknown> | undefined,
  id: string,
): ResourceRef {
  return refFromData(provider, accountId, region, kind, data, id);
}
