/** Typed, validated view of the `ecsExplorer.*` settings (thin vscode layer over ./validate). */
import * as vscode from 'vscode';
import { PROVIDERS, type Provider } from '../core/types';
import { vscodePrompts, type Prompts } from '../ui/prompts';
import {
  decideEndpoint,
  ENDPOINT_ENV,
  SETTINGS_PREFIX,
  validateConfirmDestructive,
  validateGeneral,
  validateRegions,
  type EndpointDecision,
  type GeneralSettings,
  type SettingProblem,
} from './validate';

export interface SettingsChange {
  readonly regions: boolean;
  readonly endpoints: boolean;
  readonly transport: boolean;
  readonly pageSize: boolean;
  readonly autoRefresh: boolean;
}

interface Snapshot {
  regions: Record<Provider, string[]>;
  endpoints: Record<Provider, EndpointDecision>;
  general: GeneralSettings;
  problems: SettingProblem[];
}

export class Settings implements vscode.Disposable {
  private snap: Snapshot | undefined;
  private reported = new Set<string>();
  private readonly emitter = new vscode.EventEmitter<SettingsChange>();
  readonly onDidChange = this.emitter.event;
  private readonly subs: vscode.Disposable[] = [];
  /** Regions of the CLI profiles: used when the user has chosen none. */
  regionDefaults?: (provider: Provider) => readonly string[];
  /** The prompts of the commands' context (read at each use); VS Code's own when unset. */
  prompts?: () => Prompts;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {
    this.subs.push(
      this.emitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration(SETTINGS_PREFIX)) return;
        const a = (k: string) => e.affectsConfiguration(`${SETTINGS_PREFIX}.${k}`);
        this.snap = undefined;
        this.emitter.fire({
          regions: a('volcengine.regions') || a('aliyun.regions'),
          endpoints: a('volcengine.endpoint') || a('aliyun.endpoint'),
          transport: a('http') || a('maxConcurrentRequests'),
          pageSize: a('pageSize'),
          autoRefresh: a('autoRefreshSeconds'),
        });
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.snap = undefined;
        this.emitter.fire({ regions: false, endpoints: true, transport: false, pageSize: false, autoRefresh: false });
      }),
    );
  }

  /** The CLI profiles' regions changed: re-read (they apply only while the user has chosen no regions). */
  regionDefaultsChanged(): void {
    this.snap = undefined;
    this.emitter.fire({ regions: true, endpoints: false, transport: false, pageSize: false, autoRefresh: false });
  }

  private read(): Snapshot {
    if (this.snap) return this.snap;
    const cfg = vscode.workspace.getConfiguration(SETTINGS_PREFIX);
    const problems: SettingProblem[] = [];
    const regions = {} as Record<Provider, string[]>;
    const endpoints = {} as Record<Provider, EndpointDecision>;
    for (const p of PROVIDERS) {
      const r = validateRegions(p, cfg.get(`${p}.regions`));
      regions[p] = r.regions;
      const ri = cfg.inspect(`${p}.regions`);
      const chosen = ri?.globalValue !== undefined || ri?.workspaceValue !== undefined || ri?.workspaceFolderValue !== undefined;
      const fromCli = chosen ? [] : (this.regionDefaults?.(p) ?? []);
      if (fromCli.length) regions[p] = [...fromCli];
      problems.push(...r.problems);
      const ins = cfg.inspect(`${p}.endpoint`);
      const ws = ins?.workspaceFolderValue ?? ins?.workspaceValue;
      const d = decideEndpoint({
        provider: p,
        envValue: this.env[ENDPOINT_ENV[p]],
        userValue: ins?.globalValue,
        workspaceValue: ws,
      });
      endpoints[p] = d;
      problems.push(...d.problems);
    }
    const g = validateGeneral((k) => cfg.get(k));
    problems.push(...g.problems);
    const confirm = validateConfirmDestructive(cfg.get('confirmDestructive'));
    if (confirm.problem) problems.push(confirm.problem);
    this.snap = { regions, endpoints, general: g.settings, problems };
    return this.snap;
  }

  regions(provider: Provider): readonly string[] {
    return this.read().regions[provider];
  }

  endpoint(provider: Provider): EndpointDecision {
    return this.read().endpoints[provider];
  }

  general(): GeneralSettings {
    return this.read().general;
  }

  problems(): readonly SettingProblem[] {
    return this.read().problems;
  }

  /** Problems that make a provider unusable until fixed. */
  blockingProblems(provider: Provider): SettingProblem[] {
    return this.read().problems.filter(
      (p) => p.blocking && (p.setting.startsWith(`${SETTINGS_PREFIX}.${provider}.`) || p.setting === ENDPOINT_ENV[provider]),
    );
  }

  /** Shows each new problem once (a warning naming the setting, with "Open Settings"). */
  reportProblems(): void {
    const current = this.read().problems.map((p) => [p, formatProblem(p)] as const);
    // A problem fixed and later made again is reported again; one still there is not repeated.
    const now = new Set(current.map(([, m]) => m));
    for (const m of this.reported) if (!now.has(m)) this.reported.delete(m);
    for (const [p, msg] of current) {
      if (this.reported.has(msg)) continue;
      this.reported.add(msg);
      const open = vscode.l10n.t('Open Settings');
      const isEnv = !p.setting.startsWith(SETTINGS_PREFIX);
      void (this.prompts ?? vscodePrompts)()
        .notify(p.blocking ? 'error' : 'warn', msg, ...(isEnv ? [] : [open]))
        .then((c) => {
          if (c === open) void vscode.commands.executeCommand('workbench.action.openSettings', p.setting);
        });
    }
  }

  /** Writes the region list of a provider (user settings unless the workspace already overrides it). */
  async setRegions(provider: Provider, regions: string[]): Promise<void> {
    const cfg = vscode.workspace.getConfiguration(SETTINGS_PREFIX);
    const ins = cfg.inspect(`${provider}.regions`);
    const target =
      ins?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : ins?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await cfg.update(`${provider}.regions`, regions, target);
    this.snap = undefined;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
  }
}

/** One sentence naming the setting and what is wrong. */
export function formatProblem(p: SettingProblem): string {
  const v = p.value ?? '';
  switch (p.code) {
    case 'notArray':
      return vscode.l10n.t('Setting {0} must be a list of region IDs (got {1}). No regions are queried until it is fixed.', p.setting, v);
    case 'notString':
      return p.blocking
        ? vscode.l10n.t('Setting {0}: {1} is not a string. That cloud is not queried until it is fixed.', p.setting, v)
        : vscode.l10n.t('Setting {0}: {1} is not a string; it is ignored.', p.setting, v);
    case 'badRegionId':
      return vscode.l10n.t('Setting {0}: "{1}" is not a valid region ID (like cn-beijing); it is ignored.', p.setting, v);
    case 'duplicateRegion':
      return vscode.l10n.t('Setting {0}: region "{1}" is listed twice.', p.setting, v);
    case 'envOverridesSetting':
      return vscode.l10n.t('Setting {0} is not used: the environment variable {1} sets the endpoint.', p.setting, v);
    case 'refreshTooShort':
      return vscode.l10n.t(
        'Setting {0}: {1} seconds is too often (cloud APIs are rate-limited); use 0 (off) or 10 or more. Auto-refresh is off until then.',
        p.setting,
        v,
      );
    case 'urlExtras':
      return vscode.l10n.t(
        'Setting {0}: "{1}" must be a plain base URL, without a user name, password, query or fragment. That cloud is not queried until it is fixed.',
        p.setting,
        v,
      );
    case 'notInteger':
      return vscode.l10n.t('Setting {0}: {1} is not a whole number; using the default.', p.setting, v);
    case 'badChoice':
      return vscode.l10n.t('Setting {0}: {1} is not "typeCount" or "modal"; using "typeCount" (type the count to confirm).', p.setting, v);
    case 'badUrl':
      return vscode.l10n.t(
        'Setting {0}: "{1}" is not a valid http(s) base URL. That cloud is not queried until it is fixed.',
        p.setting,
        v,
      );
    case 'insecureUrl':
      return vscode.l10n.t(
        'Setting {0}: "{1}" uses plain http to a non-local host; only https is allowed (http only for localhost). That cloud is not queried until it is fixed.',
        p.setting,
        v,
      );
    case 'notNumber':
      return vscode.l10n.t('Setting {0}: {1} is not a number; using the default.', p.setting, v);
    case 'outOfRange':
      return vscode.l10n.t('Setting {0}: {1} is outside {2}–{3}; using the default.', p.setting, v, p.min ?? '', p.max ?? '');
    case 'workspaceEndpoint':
      return vscode.l10n.t(
        'Setting {0} is ignored in workspace settings: a workspace must not redirect signed requests. Set it in your user settings.',
        p.setting,
      );
  }
}
