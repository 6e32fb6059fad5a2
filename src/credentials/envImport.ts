/**
 * The automatic import of environment credentials: on first open, a provider without any account gets the
 * environment's key pair as account "env" (once: a removed "env" account stays removed).
 */
import * as vscode from 'vscode';
import type { ActionLog } from '../services';
import type { Provider } from '../core/types';
import { reportProblem } from '../output/problem';
import { providerLabel } from '../tree/items';
import { credentialsFromEnv } from './mask';
import type { ProfileStore } from './store';

const PROVIDERS: readonly Provider[] = ['volcengine', 'aliyun'];

export interface EnvImportDeps {
  readonly profiles: Pick<ProfileStore, 'all' | 'get' | 'add' | 'envImported' | 'markEnvImported' | 'external'>;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Pick<ActionLog, 'info' | 'error'>;
}

export class EnvImport {
  private checked = false;
  /** The import while it runs: callers that arrive meanwhile share it. */
  private running: Promise<void> | undefined;

  constructor(private readonly d: EnvImportDeps) {}

  /** Runs the import the first time (and after `again()`); later calls wait for a running one. Never rejects. */
  once(): Promise<void> {
    if (this.running) return this.running;
    if (this.checked) return Promise.resolve();
    this.checked = true;
    this.running = this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The next `once()` checks again (a full refresh). */
  again(): void {
    this.checked = false;
  }

  private async run(): Promise<void> {
    const { profiles, env, log } = this.d;
    // CLI and environment accounts count as accounts; with the environment source on, nothing is imported.
    await profiles.external?.ready();
    for (const p of PROVIDERS) {
      if (profiles.external?.enabled('env', p)) continue;
      if (profiles.all(p).length > 0 || profiles.envImported(p)) continue;
      const creds = credentialsFromEnv(p, env);
      if (!creds) continue;
      try {
        await profiles.add(p, 'env', creds, `${p}-env`);
        await profiles.markEnvImported(p);
        log.info(vscode.l10n.t('Imported {0} credentials from the environment into account "env" (AccessKey ID {1}).', providerLabel(p), profiles.get(`${p}-env`)?.maskedKeyId ?? ''));
      } catch (e) {
        reportProblem(log, e, vscode.l10n.t('Could not import {0} credentials from the environment', providerLabel(p)));
      }
    }
  }
}
