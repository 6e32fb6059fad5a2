/** Tooltip markdown for resources (pure; built lazily in resolveTreeItem). API values are escaped. */
import type { Locale } from '../core/types';
import type { ResourceRef } from '../contracts';
import { kindSpec } from '../kinds';
import type { StateName, Translate } from './markdown';

export * from './markdown';

/** A resource's tooltip, as its kind builds it (src/kinds). */
export function resourceTooltip(ref: ResourceRef, t: Translate, locale: Locale, now: Date, stateName: StateName = (x) => x): string {
  return kindSpec(ref.kind).tooltip(ref, t, locale, now, stateName);
}
