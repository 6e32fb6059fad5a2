/**
 * The user's own guard rails: the Alibaba CLI safety policy, and the same rules from a setting.
 *
 * aliyun/aliyun-cli@eadd68d sysconfig/safety/policy.go: file `<config dir>/safety-policy.json` (`~/.aliyun`)
 * `{"enabled": bool, "rules": [{"pattern": "ecs:Delete*", "action": "allow" | "deny" | "confirm" | "forbid"}]}`
 * (`forbid` = `confirm`); ALIBABA_CLOUD_SAFETY_POLICY_ENABLED (strconv.ParseBool) overrides `enabled`;
 * ALIBABA_CLOUD_SAFETY_POLICY_RULES (`pattern=action,…`; an empty value clears the rules, an unparsable one keeps the
 * file's) replaces the rules; ALIBABA_CLOUD_CLI_SAFETY_POLICY_FILE is the file path the CLI hands to its plugins.
 * A command is `product:ApiName` (product lower-cased); patterns match case-insensitively with `*` = any sequence;
 * the first matching rule wins; no match = allow. An unreadable-as-JSON file counts as no policy (as in the CLI).
 */
import * as path from 'node:path';
import type { Provider } from '../types';
import type { Env } from './env';

export type SafetyAction = 'allow' | 'deny' | 'confirm';
export interface SafetyRule {
  readonly pattern: string;
  readonly action: SafetyAction;
}
export interface SafetyPolicy {
  readonly enabled: boolean;
  readonly rules: readonly SafetyRule[];
}
export interface SafetyVerdict {
  readonly action: SafetyAction;
  readonly rule?: SafetyRule;
  readonly from?: 'aliyun-cli' | 'setting';
}

export const SAFETY_POLICY_FILE = 'safety-policy.json';
const MAX_RULES = 1000;

function action(s: unknown): SafetyAction | undefined {
  const a = typeof s === 'string' ? s.trim().toLowerCase() : s === undefined || s === '' ? 'allow' : undefined;
  if (a === 'forbid') return 'confirm';
  return a === 'allow' || a === 'deny' || a === 'confirm' ? a : undefined;
}

/** Rules from JSON values; entries with an empty pattern are dropped. */
export function parseRules(v: unknown): SafetyRule[] {
  if (!Array.isArray(v)) return [];
  const out: SafetyRule[] = [];
  for (const r of v.slice(0, MAX_RULES)) {
    const o = r as { pattern?: unknown; action?: unknown } | null;
    // An unknown action matches and allows (the CLI's Check returns it, and only deny/confirm stop a command).
    const a = action(o?.action) ?? 'allow';
    if (typeof o?.pattern === 'string' && o.pattern.trim()) out.push({ pattern: o.pattern.trim(), action: a });
  }
  return out;
}

/** The policy file's text (or undefined when absent) → policy; unparsable = disabled, as the CLI does. */
export function parsePolicyFile(text: string | undefined): SafetyPolicy {
  if (text === undefined) return { enabled: false, rules: [] };
  try {
    const o = JSON.parse(text) as { enabled?: unknown; rules?: unknown };
    return { enabled: o?.enabled === true, rules: parseRules(o?.rules) };
  } catch {
    return { enabled: false, rules: [] };
  }
}

function parseBool(s: string): boolean | undefined {
  const v = s.trim();
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)) return false;
  return undefined;
}

/** MergePolicyFromEnv. */
export function mergePolicyEnv(base: SafetyPolicy, env: Env): SafetyPolicy {
  let enabled = base.enabled;
  const e = env.ALIBABA_CLOUD_SAFETY_POLICY_ENABLED;
  if (e !== undefined) enabled = parseBool(e) ?? enabled;
  let rules = base.rules;
  const raw = env.ALIBABA_CLOUD_SAFETY_POLICY_RULES;
  if (raw !== undefined) {
    if (raw.trim() === '') rules = [];
    else {
      const parsed: SafetyRule[] = [];
      for (const part of raw.split(',')) {
        const i = part.indexOf('=');
        if (i < 0) continue;
        const pattern = part.slice(0, i).trim();
        const a = part.slice(i + 1).trim() ? action(part.slice(i + 1)) : undefined;
        if (pattern && a) parsed.push({ pattern, action: a });
      }
      if (parsed.length) rules = parsed;
    }
  }
  return { enabled, rules };
}

/** Where the CLI keeps its policy. */
export function policyFilePath(home: string, env: Env): string {
  return env.ALIBABA_CLOUD_CLI_SAFETY_POLICY_FILE?.trim() || path.join(home, '.aliyun', SAFETY_POLICY_FILE);
}

export function matchPattern(pattern: string, command: string): boolean {
  const p = pattern.trim();
  if (!p) return false;
  const re = new RegExp(
    '^' +
      p
        .split('*')
        .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    'i',
  );
  return re.test(command.trim());
}

/** The command string a rule sees for one of our API actions: `ecs:DeleteInstances`. */
export function commandOf(action: string, product = 'ecs'): string {
  return `${product.toLowerCase()}:${action}`;
}

/** First matching rule of an enabled policy, or allow. */
export function checkPolicy(policy: SafetyPolicy, command: string): SafetyVerdict {
  if (!policy.enabled) return { action: 'allow' };
  for (const rule of policy.rules) if (matchPattern(rule.pattern, command)) return { action: rule.action, rule };
  return { action: 'allow' };
}

/**
 * Verdict for an action we call: the CLI policy (Alibaba actions only: it is that CLI's policy), then the setting's
 * rules (both clouds). The stricter verdict wins: deny over confirm over allow.
 */
export function guardVerdict(
  provider: Provider,
  action: string,
  cliPolicy: SafetyPolicy,
  settingRules: readonly SafetyRule[],
): SafetyVerdict {
  const cmd = commandOf(action);
  const fromCli = provider === 'aliyun' ? { ...checkPolicy(cliPolicy, cmd), from: 'aliyun-cli' as const } : { action: 'allow' as const };
  const fromSetting = { ...checkPolicy({ enabled: true, rules: settingRules }, cmd), from: 'setting' as const };
  const rank = (v: SafetyVerdict) => (v.action === 'deny' ? 2 : v.action === 'confirm' ? 1 : 0);
  const best = rank(fromCli) >= rank(fromSetting) ? fromCli : fromSetting;
  return best.action === 'allow' ? { action: 'allow' } : best;
}
