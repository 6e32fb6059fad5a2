/**
 * How resources look in the tree: state icon/color, description, contextValue (pure, no vscode import).
 *
 * contextValue of a resource: `resource;<kind>;` then, per action of the kind (src/kinds), `<flag>;` when it can
 * act now or `no-<flag>;` (e.g. `resource;instance;deletable;`); menus match with regexes (`viewItem =~ /;deletable;/`).
 * Other nodes: ecsExplorer.provider.<provider>, ecsExplorer.account, ecsExplorer.region, ecsExplorer.folder.<kind>,
 *   ecsExplorer.loadMore, ecsExplorer.error, ecsExplorer.message.
 */
import type { ResourceKind, ResourceRef } from '../contracts';
import { contextFlags, kindSpec, type StateStyle } from '../kinds';
import { stateOf } from './model';

export type { StateStyle } from '../kinds';

const SPIN: StateStyle = { icon: 'loading~spin', transitional: true };

/** Transitional: ends in "ing" (CREATING, DELETING, Creating, Updating, DELIVERING…) except RUNNING. */
export function isTransitional(state: string): boolean {
  return state.length > 3 && /ing$/i.test(state) && state.toUpperCase() !== 'RUNNING';
}

const styleCache = new Map<ResourceKind, Map<string, StateStyle>>();

/** The kind's style of a state (kind table), a spinner for a transitional state, else the kind's default. */
export function stateStyle(kind: ResourceKind, state: string): StateStyle {
  let m = styleCache.get(kind);
  if (!m) styleCache.set(kind, (m = new Map()));
  let s = m.get(state);
  if (!s) {
    const k = kindSpec(kind);
    m.set(state, (s = k.styles[state.toUpperCase()] ?? (isTransitional(state) ? SPIN : k.defaultStyle)));
  }
  return s;
}

export const CONTEXT_PREFIX = 'ecsExplorer';

/** contextValue for a resource of `kind` whose actions all can (or all cannot) act now. */
export function resourceContextValue(kind: ResourceKind, eligible: boolean): string {
  return contextFlags(kind, () => eligible);
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
