/**
 * What a resource row's description shows (pure, no vscode import), chosen per kind by the settings
 * `ecsExplorer.rowDescription.instance` / `.reservation` / `.reservedInstance` (lists of field names, joined
 * with ` · `; empty values are left out). The ID stays in the tooltip and Copy ID; `id` puts it here too.
 */
import type { ResourceKind, ResourceRef } from '../services';

export const ROW_FIELDS = {
  instance: ['state', 'type', 'ip', 'publicIp', 'zone', 'id'],
  reservation: ['state', 'window', 'type', 'count', 'zone', 'id'],
  reservedInstance: ['state', 'typeAmount', 'scope', 'expires', 'id'],
} as const satisfies Record<ResourceKind, readonly string[]>;

export type RowField<K extends ResourceKind = ResourceKind> = (typeof ROW_FIELDS)[K][number];

export const DEFAULT_ROW_FIELDS: Readonly<Record<ResourceKind, readonly string[]>> = {
  instance: ['state', 'type', 'ip'],
  reservation: ['state', 'window'],
  reservedInstance: ['state', 'typeAmount', 'scope'],
};

/** The fields to show for each kind (the settings, checked; unknown names dropped, a non-list gives the default). */
export function rowFields(kind: ResourceKind, value: unknown): readonly string[] {
  if (!Array.isArray(value)) return DEFAULT_ROW_FIELDS[kind];
  const known = ROW_FIELDS[kind] as readonly string[];
  return value.filter((v): v is string => typeof v === 'string' && known.includes(v)).filter((v, i, a) => a.indexOf(v) === i);
}

/** Unknown names in a setting's value (for the settings' problem report). */
export function unknownRowFields(kind: ResourceKind, value: unknown): string[] {
  if (!Array.isArray(value)) return value === undefined ? [] : [String(value)];
  const known = ROW_FIELDS[kind] as readonly string[];
  return value.filter((v) => typeof v !== 'string' || !known.includes(v)).map(String);
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** `03-01 10:00` in local time; '' for a missing or bad time. */
export function shortTime(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const p = (n: number) => (n < 10 ? '0' : '') + n;
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

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
  if (ref.kind === 'instance') {
    switch (field) {
      case 'type':
        return str(d.InstanceTypeId);
      case 'ip': {
        const nics = d.NetworkInterfaces;
        const first = Array.isArray(nics) ? (nics[0] as Record<string, unknown> | undefined) : undefined;
        return first ? str(first.PrimaryIpAddress) : '';
      }
      case 'publicIp':
        return str((d.EipAddress as Record<string, unknown> | undefined)?.IpAddress);
      default:
        return '';
    }
  }
  if (ref.kind === 'reservation') {
    switch (field) {
      case 'window': {
        const a = shortTime(d.StartDeliveryAt);
        const b = shortTime(d.EndDeliveryAt);
        return a || b ? `${a}–${b}` : '';
      }
      case 'type':
        return str((d.InstanceConfig as Record<string, unknown> | undefined)?.InstanceTypeId);
      case 'count':
        return d.Count === undefined ? '' : `×${str(d.Count)}`;
      default:
        return '';
    }
  }
  switch (field) {
    case 'typeAmount':
      return d.InstanceType ? `${str(d.InstanceType)} × ${str(d.InstanceAmount) || '?'}` : '';
    case 'scope':
      return d.Scope === 'Zone' ? str(d.ZoneId) || 'Zone' : str(d.Scope);
    default:
      return '';
  }
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
