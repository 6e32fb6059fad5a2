/** source_profile chains of the CLI files: their bound and the problems found from the file alone (loop, too long, missing source). */
import { CredentialError } from './errors';
import type { ParsedConfig } from './profiles';

/** Profiles one chain may pass through. */
export const MAX_CHAIN = 8;

/** The problem of a source_profile chain (loop, too long, missing or broken source), found from the file alone. */
export function chainProblem(cfg: ParsedConfig, name: string): CredentialError | undefined {
  const seen: string[] = [];
  let cur = name;
  for (;;) {
    if (seen.includes(cur)) return cycleError(cfg, [...seen, cur]);
    if (seen.length >= MAX_CHAIN) return tooLongError(cfg, name);
    const p = cfg.profiles.find((x) => x.name === cur);
    if (!p) return seen.length ? missingSourceError(cfg, seen[seen.length - 1], cur) : undefined;
    seen.push(cur);
    if (p.problem) return seen.length > 1 ? p.problem : undefined;
    if (p.kind !== 'chain') return undefined;
    cur = p.sourceProfile!;
  }
}

export function cycleError(cfg: ParsedConfig, names: string[]): CredentialError {
  const loop = names.join(' → ');
  return new CredentialError({
    code: 'RoleChainCycle',
    provider: cfg.provider,
    profile: names[0],
    file: cfg.file,
    explain: { en: `The source_profile chain loops: ${loop}.`, zh: `source_profile 链形成循环：${loop}。` },
    next: {
      en: 'Make the chain end at a profile with an AccessKey (mode AK or StsToken), then refresh.',
      zh: '请让该链终止于含 AccessKey 的配置（模式 AK 或 StsToken），然后刷新。',
    },
  });
}

export function tooLongError(cfg: ParsedConfig, name: string): CredentialError {
  return new CredentialError({
    code: 'RoleChainTooLong',
    provider: cfg.provider,
    profile: name,
    file: cfg.file,
    explain: { en: `The source_profile chain is longer than ${MAX_CHAIN} profiles.`, zh: `source_profile 链超过 ${MAX_CHAIN} 个配置。` },
    next: { en: 'Shorten the chain, then refresh.', zh: '请缩短该链，然后刷新。' },
  });
}

export function missingSourceError(cfg: ParsedConfig, from: string, name: string): CredentialError {
  return new CredentialError({
    code: 'SourceProfileNotFound',
    provider: cfg.provider,
    profile: from,
    file: cfg.file,
    field: 'source_profile',
    explain: {
      en: `Profile "${from}" names source_profile "${name}", which is not in ${cfg.file}.`,
      zh: `配置“${from}”的 source_profile 为“${name}”，但 ${cfg.file} 中没有该配置。`,
    },
    next: { en: 'Fix source_profile or add that profile, then refresh.', zh: '请修正 source_profile 或添加该配置，然后刷新。' },
  });
}
