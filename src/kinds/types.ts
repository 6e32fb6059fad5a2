/**
 * The shape of the kind table: one `KindSpec` per resource kind (src/kinds/<kind>.ts), each with its actions.
 * Pure data and functions, no vscode import. Texts are English keys translated by the `t` given (l10n bundle).
 */
import type { BatchResult, Eligibility, VolcengineClient } from '../core';
import type { ConsoleKind } from '../core/endpoints';
import type { Bilingual, Locale, Provider } from '../core/types';
import type { Translate } from '../output/translate';
import type { ClientFactory, ResourceKind, ResourceRef } from '../contracts';

export interface StateStyle {
  /** Codicon id, e.g. `vm-running` or `loading~spin`. */
  readonly icon: string;
  /** ThemeColor id, or undefined for the default foreground. */
  readonly color?: string;
  readonly transitional: boolean;
}

export const GREEN = 'charts.green';
export const GREY = 'disabledForeground';
export const RED = 'problemsErrorIcon.foreground';
export const BLUE = 'charts.blue';

/** Where the next page starts: a Volcengine NextToken or an Alibaba page number. */
export type Cursor = { readonly nextToken: string } | { readonly pageNumber: number };

export interface ListRequest {
  readonly accountId: string;
  readonly region: string;
  readonly pageSize: number;
  readonly cursor?: Cursor;
  readonly signal?: AbortSignal;
  readonly priority?: number;
}

/** One page of API objects. */
export interface ListedPage {
  readonly items: readonly object[];
  /** Set when more pages exist. */
  readonly more?: Cursor;
  /** Total count when the API reports it. */
  readonly total?: number;
}

/** Display text of an API state (`Running`). */
export type StateName = (state: string) => string;

/** The texts of a batch action (English keys through `t`). */
export interface BatchTexts {
  /** Progress title, e.g. "Deleting 3 instances". */
  progress(t: Translate, refs: readonly ResourceRef[]): string;
  /** Confirmation headline. */
  question(t: Translate, refs: readonly ResourceRef[], regions: readonly string[]): string;
  confirmLabel(t: Translate, n: number): string;
  /**
   * Type-the-count prompt: `shown` names the first few, `more` and `skipped` are ready-made suffixes, `note` is
   * what `note` gave.
   */
  typePrompt(t: Translate, n: number, shown: string, more: string, skipped: string, note?: string): string;
  /** A short line for the prompt from the checks of the resources sent (e.g. the soonest deadline). */
  note?(t: Translate, checks: readonly Eligibility[]): string;
  /** What cannot be undone (last paragraph of the confirmation). */
  warning(t: Translate): string;
  /** The word for an ID the action was done to ("deleted"), and its count ("3 deleted"). */
  doneWord(t: Translate): string;
  doneCount(t: Translate, n: number): string;
  /** The notice when the one resource sent was done (default: the summary). */
  doneOne?(t: Translate, label: string): string;
  /** Nothing selected can be acted on: `{0}` title, `{1}` the first reason. */
  noneEligible(t: Translate, title: string, why: string): string;
  /** Lines added to the confirmation for one resource (e.g. a reservation's type and time left). */
  details?(t: Translate, ref: ResourceRef, e: Eligibility, locale: Locale): string[];
}

/** An action run on many IDs of one place at a time by the batch mechanism (src/core/batch.ts). */
export interface BatchAction {
  /** The API action (history, guidance, guard rails). */
  readonly apiAction: string;
  /** Checks the IDs of one region before anything is sent (throws CloudError `invalid-input`). */
  validate(ids: string[], region: string): void;
  /** Sends: one outcome per unique ID. */
  run(
    client: VolcengineClient,
    region: string,
    ids: string[],
    o: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void },
  ): Promise<BatchResult>;
  readonly text: BatchTexts;
  /** The palette's pick (no row selected): several or one, and its placeholder. */
  readonly pick: { readonly many: boolean; placeHolder(t: Translate): string };
  /** The history outcome of an ID the action was done to ("deleted"). */
  readonly historyOutcome: string;
}

export interface KindAction {
  /** Command id, e.g. `ecsExplorer.deleteInstances`. */
  readonly command: string;
  /** English title (also the l10n key of the command's runtime title). */
  readonly title: string;
  /** Context flag set on rows it can act on (`resource;instance;deletable;`); `no-<flag>` otherwise. */
  readonly flag: string;
  /** Whether it can act on this API object now. */
  check(data: unknown, now: Date): Eligibility;
  /** Offered on rows it cannot act on too (the run lists them as left out, with the reason). */
  readonly offerIneligible?: boolean;
  /** Offered instead on rows it cannot act on (e.g. "Why can't I cancel this?"). */
  readonly explain?: { readonly command: string; readonly title: string };
  /** Set for actions that run on the batch mechanism. */
  readonly batch?: BatchAction;
}

export interface KindSpec {
  readonly kind: ResourceKind;
  readonly provider: Provider;
  /** Fields of the API object holding the ID and the name. */
  readonly idField: string;
  readonly nameField: string;
  /** Folder label ("Instances") and one resource ("Instance"). */
  label(t: Translate): string;
  one(t: Translate): string;
  /** The kind in running text ("instances"). */
  noun(t: Translate): string;
  /** Codicon of the folder and of Go to Resource rows. */
  readonly icon: string;
  /** State styles by upper-case API state; `defaultStyle` for states not listed and not transitional. */
  readonly styles: Readonly<Record<string, StateStyle>>;
  readonly defaultStyle: StateStyle;
  /** The console page kind (core/endpoints consoleUrl). */
  readonly console: ConsoleKind;
  /** One page for the tree. */
  listPage(clients: ClientFactory, q: ListRequest): Promise<ListedPage>;
  /** Every item of a region (palette pickers). */
  listAll(clients: ClientFactory, accountId: string, region: string): Promise<readonly object[]>;
  /** A picker row's description. */
  pickDescription(data: unknown, t: Translate, stateName: StateName): string;
  /** Tooltip markdown. */
  tooltip(ref: ResourceRef, t: Translate, locale: Locale, now: Date, stateName: StateName): string;
  /**
   * Row description fields (setting `ecsExplorer.rowDescription.<kind>`): every field name, the default ones,
   * and the text of a field of the kind's own (`state`, `id`, `zone`, `expires` are common).
   */
  readonly rowFields: {
    readonly all: readonly string[];
    readonly defaults: readonly string[];
    text(data: Record<string, unknown>, field: string): string;
  };
  /** Instance type, private and public IPs (Go to Resource matches them). */
  search(data: unknown): { type: string; privateIps: string[]; publicIp: string };
  /** In menu order. */
  readonly actions: readonly KindAction[];
}

/** A reason a selected row is left out of a batch action. */
export interface LeftOut {
  readonly reason: string;
  readonly message: Bilingual;
}

/** `name (id)`, or the ID alone when the name is the ID or empty. */
export function refLabel(r: Pick<ResourceRef, 'id' | 'name'>): string {
  return r.name && r.name !== r.id ? `${r.name} (${r.id})` : r.id;
}

/** The `Status` field of a resource's API object ('' when missing). */
export function stateOf(ref: Pick<ResourceRef, 'data'>): string {
  const s = (ref.data as { Status?: unknown } | null)?.Status;
  return typeof s === 'string' ? s : '';
}

/** A string field's text ('' for none; numbers as text). */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

/** `03-01 10:00` in local time; '' for a missing or bad time. */
export function shortTime(iso: unknown): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = new Date(iso);
  if (isNaN(d.getTime())) return iso;
  const p = (n: number) => (n < 10 ? '0' : '') + n;
  return `${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
