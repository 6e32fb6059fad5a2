/**
 * What a resource row's description shows (pure, no vscode import), chosen per kind by the settings
 * `ecsExplorer.rowDescription.instance` / `.reservation` / `.reservedInstance` (lists of field names, joined
 * with ` · `; empty values are left out). The ID stays in the tooltip and Copy ID; `id` puts it here too.
 */
import type { ResourceKind, ResourceRef } from '../contracts';
import { KIND_TABLE, kindSpec, type KindSpec } from '../kinds';
import { shortTime, str } from '../kinds/types';

/** Every field name of each kind (kind table). */
export const ROW_FIELDS: Readonly<Record<ResourceKind, readonly string[]>> = mapKinds((k) => k.rowFields.all);

export const DEFAULT_ROW_FIELDS: Readonly<Record<ResourceKind, readonly string[]>> = mapKinds((k) => k.rowFields.defaults);

function mapKinds(f: (k: KindSpec) => readonly string[]): Record<ResourceKind, readonly string[]> {
  return Object.fromEntries(Object.values(KIND_TABLE).map((k) => [k.kind, f(k)])) as Record<ResourceKind, readonly string[]>;
}

/** The fields to show for each kind (the settings, checked; unknown names dropped, a non-list gives the default). */
export function rowFields(kind: ResourceKind, value: unknown): readonly string[] {
  if (!Array.isArray(value)) return DEFAULT_ROW_FIELDS[kind];
  const known = ROW_FIELDS[kind];
  return value.filter((v): v is string => typeof v === 'string' && known.includes(v)).filter((v, i, a) => a.indexOf(v) === i);
}

/** Unknown names in a setting's value (for the settings' problem report). */
export function unknownRowFields(kind: ResourceKind, value: unknown): string[] {
  if (!Array.isArray(value)) return value === undefined ? [] : [String(value)];
  const known = ROW_FIELDS[kind];
  return value.filter((v) => typeof v !== 'string' || !known.includes(v)).map(String);
}

export { shortTime };

/** One field's text for a row ('' when the resource has no such value). `state` is the state as shown. */
export function fieldText(ref: ResourceRef, field: string, state: string): string {
  const d = (ref.data ?? {}) as Record<string, unknown>;
  switch (field) {
    case 'state':
      return state;
    case 'id':
      return ref.name === ref.id ? '' : ref.id;
    case 'zone':
      return str(d.ZoneId);
    case 'expires':
      return shortTime(d.ExpiredTime);
    default:
  }
  return kindSpec(ref.kind).rowFields.text(d, field);
}

/** The row's description: the chosen fields' texts joined with ` · `. */
export function rowDescription(ref: ResourceRef, fields: readonly string[], state: string): string {
  let out = '';
  for (const f of fields) {
    const s = fieldText(ref, f, state);
    if (s) out = out ? `${out} · ${s}` : s;
  }
  return out;
}

/** The fields in effect (set by the VS Code layer from the settings; the defaults until then). */
let current: Record<ResourceKind, readonly string[]> = { ...DEFAULT_ROW_FIELDS };
export function setRowFields(f: Partial<Record<ResourceKind, readonly string[]>>): void {
  current = { ...current, ...f };
}
export function currentRowFields(kind: ResourceKind): readonly string[] {
  return current[kind];
}
