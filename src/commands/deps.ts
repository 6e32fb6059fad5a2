/** Moved to context.ts (CommandContext); this module stays while other branches import it. */
export type { ActionDeps, ConfirmMode } from './context';
