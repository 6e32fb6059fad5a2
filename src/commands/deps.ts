/** What the action commands need; passed in so tests can drive them. */
import type { ModifyFollowOptions, PollOptions } from '../core';
import type { Locale } from '../core/types';
import type { ActionLog, ClientFactory, ScopeSource, TreeControl } from '../services';
import type { Translate } from '../output/translate';
import type { Prompts } from '../ui/prompts';
import type { HistoryRecorder } from '../history/recorder';

export type ConfirmMode = 'typeCount' | 'modal';

export interface ActionDeps {
  readonly clients: ClientFactory;
  readonly log: ActionLog;
  readonly prompts: Prompts;
  readonly tree: TreeControl;
  readonly scope: ScopeSource;
  readonly now: () => Date;
  readonly t: Translate;
  readonly locale: () => Locale;
  /** `ecsExplorer.confirmDestructive`. */
  readonly confirmMode: () => ConfirmMode;
  /**
   * Following an accepted ModifyReservedInstances, and looking for a lost answer's change: period, bounds and
   * timer (tests inject one driven by their clock). Defaults: the core's MODIFY_FOLLOW_DEFAULTS / MODIFY_RECONCILE_DEFAULTS.
   */
  readonly modifyFollow?: Omit<ModifyFollowOptions, 'signal' | 'onPoll'>;
  readonly modifyReconcile?: Omit<PollOptions, 'signal'>;
  /** Aborted when the extension is deactivated: background follow-ups stop. */
  readonly lifetime?: AbortSignal;
  /** The record of mutating actions (History view); absent in tests that do not look at it. */
  readonly history?: HistoryRecorder;
}
