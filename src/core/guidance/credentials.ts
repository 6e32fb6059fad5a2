/** Codes of credential-source failures (CredentialError) and the STS expired-token answers. */
import { g, type GuidanceEntry } from './entry';

const fixProfile = [
  "Fix the profile in the CLI config file (or run the CLI's configure command), then refresh.",
  '请修正 CLI 配置文件中的该配置（或运行 CLI 的 configure 命令），然后刷新。',
] as const;

export const CREDENTIAL_GUIDANCE: Record<string, GuidanceEntry> = {
  CredentialFileUnreadable: g(
    'The CLI config file could not be read.',
    'Check that it exists and your user can read it, then refresh.',
    '无法读取 CLI 配置文件。',
    '请确认文件存在且当前用户可读，然后刷新。',
  ),
  CredentialFileTooLarge: g(
    'The CLI config file is larger than 1 MiB.',
    'Check that the path points at the CLI config file.',
    'CLI 配置文件超过 1 MiB。',
    '请确认该路径指向 CLI 配置文件。',
  ),
  CredentialFileMalformed: g(
    'The CLI config file is not a valid configuration.',
    fixProfile[0],
    'CLI 配置文件不是有效的配置。',
    fixProfile[1],
  ),
  ProfileNotFound: g(
    'The profile is no longer in its source.',
    'Refresh the view to see the current profiles.',
    '该配置已不在其来源中。',
    '请刷新视图以查看当前的配置。',
  ),
  ProfileFieldMissing: g('The profile lacks a field its mode needs.', fixProfile[0], '该配置缺少其模式所需的字段。', fixProfile[1]),
  ProfileModeNotSupported: g(
    'The profile uses a credential mode ECS Explorer does not support yet.',
    'Use a profile with an AccessKey, an STS token, a role to assume or an instance role, or set the key environment variables.',
    '该配置使用的凭证模式 ECS Explorer 暂不支持。',
    '请使用含 AccessKey、STS 令牌、可扮演角色或实例角色的配置，或设置密钥环境变量。',
  ),
  SourceProfileNotFound: g(
    "The profile's source_profile does not exist.",
    fixProfile[0],
    '该配置的 source_profile 不存在。',
    fixProfile[1],
  ),
  RoleChainCycle: g(
    'The chain of source profiles loops.',
    'Make the chain end at a profile with an AccessKey, then refresh.',
    'source_profile 链形成循环。',
    '请让该链终止于含 AccessKey 的配置，然后刷新。',
  ),
  RoleChainTooLong: g(
    'The chain of source profiles is too long.',
    'Shorten the chain, then refresh.',
    'source_profile 链过长。',
    '请缩短该链，然后刷新。',
  ),
  AssumeRoleFailed: g(
    'STS refused to let the profile assume its role.',
    'Check the role name, that the role trusts the caller, and that the caller may call AssumeRole; then refresh.',
    'STS 拒绝该配置扮演其角色。',
    '请检查角色名称、角色是否信任调用方，以及调用方是否有 AssumeRole 权限，然后刷新。',
  ),
  MetadataUnavailable: g(
    'The ECS instance metadata service did not give instance-role credentials.',
    'This works only on an ECS instance with a role attached; elsewhere use another profile.',
    'ECS 实例元数据服务未提供实例角色凭证。',
    '这仅在绑定了角色的 ECS 实例上可用；在其他环境请使用其他配置。',
  ),
  EnvironmentIncomplete: g(
    'Only half of the AccessKey pair is set in the environment.',
    'Set both variables (or neither) and restart VS Code.',
    '环境变量中只设置了 AccessKey 的一半。',
    '请同时设置（或都不设置）这两个变量，然后重启 VS Code。',
  ),
  'InvalidSecurityToken.Expired': g(
    'The STS security token has expired.',
    'Refresh: role credentials are fetched again. For a fixed STS token, get a new one and update its source.',
    'STS 安全令牌已过期。',
    '请刷新：角色凭证会重新获取。如为固定的 STS 令牌，请获取新令牌并更新其来源。',
  ),
};
