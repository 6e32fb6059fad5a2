/** The user's guard rails, read on each acting command: aliyun-cli's safety policy and `ecsExplorer.safetyRules`. */
import { readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { guardVerdict, mergePolicyEnv, parsePolicyFile, parseRules, policyFilePath, type SafetyVerdict } from '../core/credentials/safety';
import type { Provider } from '../core/types';

const MAX_POLICY_BYTES = 1 << 20;

async function readPolicy(file: string): Promise<string | undefined> {
  try {
    if ((await stat(file)).size > MAX_POLICY_BYTES) return undefined;
    return await readFile(file, 'utf8');
  } catch {
    return undefined; // absent or unreadable: no policy, as the CLI treats a missing file
  }
}

export function safetyGuard(env: NodeJS.ProcessEnv, home = os.homedir()): (provider: Provider, action: string) => Promise<SafetyVerdict> {
  return async (provider, action) => {
    const cli = mergePolicyEnv(parsePolicyFile(await readPolicy(policyFilePath(home, env))), env);
    // User-level only: a workspace cannot loosen (or set) the guard rails.
    const rules = parseRules(vscode.workspace.getConfiguration('ecsExplorer').inspect('safetyRules')?.globalValue);
    return guardVerdict(provider, action, cli, rules);
  };
}
