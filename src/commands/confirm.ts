/** The destructive-action confirmation: type-the-count input box or modal, per `ecsExplorer.confirmDestructive`. */
import type { ActionDeps } from './deps';

export interface ConfirmSpec {
  readonly count: number;
  readonly message: string;
  readonly detail: string;
  readonly confirmLabel: string;
  readonly typePrompt: string;
}

/** True only when the user confirmed; false on Esc or a wrong answer. */
export async function confirmDestructive(deps: ActionDeps, spec: ConfirmSpec): Promise<boolean> {
  const { t } = deps;
  if (deps.confirmMode() === 'modal') return deps.prompts.confirm(spec.message, spec.detail, spec.confirmLabel);
  const want = String(spec.count);
  const typed = await deps.prompts.input({
    title: spec.message,
    prompt: spec.typePrompt,
    placeHolder: want,
    // A wrong answer keeps the prompt (what is about to happen) in view: the message replaces it in the input box.
    validate: (v) => {
      const typed = v.trim();
      return typed === '' || typed === want ? undefined : t('"{0}" is not {1}. {2}', typed, want, spec.typePrompt);
    },
  });
  return typed !== undefined && typed.trim() === want;
}
