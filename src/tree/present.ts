/**
 * How resources look in the tree: state icon/color, description, contextValue (pure, no vscode import).
 *
 * contextValue format (menus match these with anchored regexes):
 *   ecsExplorer.instance.deletable | ecsExplorer.instance.notDeletable
 *   ecsExplorer.reservation.cancellable | ecsExplorer.reservation.notCancellable
 *   ecsExplorer.reservedInstance.modifiable | ecsExplorer.reservedInstance.notModifiable
 * Other nodes: ecsExplorer.provider.<provider>, ecsExplorer.profile, ecsExplorer.region, ecsExplorer.folder.<kind>,
 *   ecsExplorer.loadMore, ecsExplorer.error, ecsExplorer.message.
 */
import type { ResourceKind, ResourceRef } from '../services';
import { stateOf } from './model';

export interface StateStyle {
  /** Codicon id, e.g. `vm-running` or `loading~spin`. */
  readonly icon: string;
  /** ThemeColor id, or undefined for the default foreground. */
  readonly color?: string;
  readonly transitional: boolean;
}

const GREEN = 'charts.green';
const GREY = 'disabledForeground';
const RED = 'problemsErrorIcon.foreground';
const BLUE = 'charts.blue';

const SPIN: StateStyle = { icon: 'loading~spin', transitional: true };

/** Transitional: ends in "ing" (CREATING, DELETING, Creating, Updating, DELIVERING…) except RUNNING. */
export function isTransitional(state: string): boolean {
  return state.length > 3 && /ing$/i.test(state) && state.toUpperCase() !== 'RUNNING';
}

const STYLES: Record<ResourceKind, Record<string, StateStyle>> = {
  instance: {
    RUNNING: { icon: 'vm-running', color: GREEN, transitional: false },
    STOPPED: { icon: 'vm-outline', color: GREY, transitional: false },
    ERROR: { icon: 'error', color: RED, transitional: false },
  },
  reservation: {
    RESERVED: { icon: 'calendar', color: BLUE, transitional: false },
    DELIVERED: { icon: 'pass', color: GREEN, transitional: false },
    CANCELLED: { icon: 'circle-slash', color: GREY, transitional: false },
    RELEASED: { icon: 'history', color: GREY, transitional: false },
    EXPIRED: { icon: 'history', color: GREY, transitional: false },
  },
  reservedInstance: {
    ACTIVE: { icon: 'tag', color: GREEN, transitional: false },
    EXPIRED: { icon: 'circle-slash', color: GREY, transitional: false },
    INACTIVE: { icon: 'circle-outline', color: GREY, transitional: false },
  },
};

const DEFAULT_STYLE: Record<ResourceKind, StateStyle> = {
  instance: { icon: 'vm', transitional: false },
  reservation: { icon: 'calendar', transitional: false },
  reservedInstance: { icon: 'tag', transitional: false },
};

const styleCache: Record<ResourceKind, Map<string, StateStyle>> = { instance: new Map(), reservation: new Map(), reservedInstance: new Map() };

export function stateStyle(kind: ResourceKind, state: string): StateStyle {
  const m = styleCache[kind];
  let s = m.get(state);
  if (!s) m.set(state, (s = STYLES[kind][state.toUpperCase()] ?? (isTransitional(state) ? SPIN : DEFAULT_STYLE[kind])));
  return s;
}

export const CONTEXT_PREFIX = 'ecsExplorer';

/** contextValue for a resource given its eligibility (from the core's rules). */
export function resourceContextValue(kind: ResourceKind, eligible: boolean): string {
  switch (kind) {
    case 'instance':
      return eligible ? 'ecsExplorer.instance.deletable' : 'ecsExplorer.instance.notDeletable';
    case 'reservation':
      return eligible ? 'ecsExplorer.reservation.cancellable' : 'ecsExplorer.reservation.notCancellable';
    case 'reservedInstance':
      return eligible ? 'ecsExplorer.reservedInstance.modifiable' : 'ecsExplorer.reservedInstance.notModifiable';
  }
}

/** A state's display text ('' for none) and the ` · text` that follows an ID (built once per state by the caller). */
export interface StateText {
  readonly text: string;
  readonly suffix: string;
}
export function stateText(text: string): StateText {
  return { text, suffix: text && ` · ${text}` };
}

/** Short description: `ID · State`, the ID only when the name is not the ID. One concatenation per row. */
export function resourceDescription(ref: ResourceRef, state: StateText): string {
  const id = ref.name === ref.id ? '' : ref.id;
  return id ? id + state.suffix : state.text;
}

/**
 * Lower-case text the filter searches: name and ID (a term matches anywhere), then the API state and the state
 * as shown (`label`, e.g. 运行中), each after a line break. An ASCII term matches a state from its start only, so
 * "active" finds Active, not Inactive; a Chinese one anywhere in it (失效 finds 已失效).
 */
export function filterHaystack(ref: ResourceRef, label?: (state: string) => string): string {
  const state = stateOf(ref);
  const flat = (s: string) => s.replace(/\s/g, ' ');
  return `${flat(ref.name)} ${flat(ref.id)}\n${state}\n${label && state ? flat(label(state)) : ''}`.toLowerCase();
}

/** Parse a filter query into lower-case terms (whitespace separated; all must match). */
export function filterTerms(query: string | undefined): string[] {
  if (!query) return [];
  return query.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesFilter(ref: ResourceRef, terms: readonly string[], label?: (state: string) => string): boolean {
  if (terms.length === 0) return true;
  const hay = filterHaystack(ref, label);
  const states = hay.indexOf('\n');
  for (const t of terms) {
    const i = hay.indexOf(t);
    // Found in the name or ID, else in a state: at the start of its line for an ASCII term.
    if (i < 0 || (i > states && /^[\x21-\x7e]+$/.test(t) && !hay.includes('\n' + t, states))) return false;
  }
  return true;
}
