/** What the action commands need; passed in so tests can drive them. */
import type { Locale } from '../core/types';
import type { ActionLog, ClientFactory, ScopeSource, TreeControl } from '../services';
import type { Translate } from '../output/translate';
import type { Prompts } from '../ui/prompts';

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
}
