/** Alibaba Cloud gateway and ECS reserved-instance codes. */
import { bug, g, REPORT_BUG, type GuidanceEntry } from './entry';

export const ALIYUN_GUIDANCE: Record<string, GuidanceEntry> = {
  // Gateway (common) codes.
  IncompleteSignature: g(
    'The request signature does not follow the Alibaba Cloud signing rules.',
    `Enter the AccessKey pair again with "Edit Account…" and check that no proxy rewrites the request. If it persists: ${REPORT_BUG.en}`,
    '请求签名不符合阿里云的签名规范。',
    `通过“编辑账号…”重新输入 AccessKey，并确认没有代理改写请求。如仍出现：${REPORT_BUG.zh}`,
  ),
  'InvalidAccessKeyId.NotFound': g(
    'The AccessKey ID does not exist.',
    'Check the AccessKey in the RAM console and enter it again with "Edit Account…".',
    'AccessKey ID 不存在。',
    '在 RAM 控制台核对 AccessKey，并通过“编辑账号…”重新输入。',
  ),
  'InvalidAccessKeyId.Inactive': g(
    'The AccessKey is disabled.',
    'Enable it in the RAM console, or set a different AccessKey.',
    'AccessKey 已被禁用。',
    '在 RAM 控制台启用它，或改用其他 AccessKey。',
  ),
  'Forbidden.AccessKeyDisabled': g(
    'The AccessKey is disabled.',
    'Enable it in the RAM console, or set a different AccessKey.',
    'AccessKey 已被禁用。',
    '在 RAM 控制台启用它，或改用其他 AccessKey。',
  ),
  SignatureNonceUsed: g(
    'The signature nonce was already used, and the automatic retry with a new nonce was refused the same way. A refused request changes nothing.',
    'Run the command again (every request gets a new nonce). If it recurs, something between you and Alibaba Cloud may be resending requests: check the proxy settings, and refresh to check the reserved instances before changing them again.',
    '签名随机数（SignatureNonce）已被使用，使用新随机数的自动重试也被同样拒绝。被拒绝的请求不会产生任何变更。',
    '请重新执行命令（每个请求都会使用新的随机数）。如仍出现，可能有中间设备在重复发送请求：请检查代理设置，并在再次修改前刷新检查预留实例券。',
  ),
  'InvalidTimeStamp.Expired': g(
    'The request timestamp is more than 15 minutes away from the server time: the computer clock is probably wrong.',
    'Synchronise the system clock (enable automatic time), then try again.',
    '请求时间戳与服务器时间相差超过 15 分钟，本机时钟可能不准确。',
    '同步系统时间（开启自动校时）后重试。',
  ),
  'InvalidTimeStamp.Format': bug('The request timestamp is not well formatted.', '请求时间戳格式不正确。'),
  IllegalTimestamp: g(
    'The Timestamp parameter is missing or not valid.',
    `Check the system clock (enable automatic time). If it is correct: ${REPORT_BUG.en}`,
    'Timestamp 参数缺失或无效。',
    `检查系统时间（开启自动校时）。如时间正确：${REPORT_BUG.zh}`,
  ),
  InvalidSignatureMethod: bug('The signature method is not supported.', '不支持该签名方法。'),
  'InvalidApi.NotFound': g(
    'The API was not found at this endpoint.',
    'Check the endpoint setting and the region.',
    '该 endpoint 上找不到此 API。',
    '检查端点设置和地域。',
  ),
  Throttling: g(
    "Too many requests in a short time: the request was throttled, and the extension's automatic retries (with backoff) were throttled too. A throttled request changes nothing.",
    'Wait a minute, then refresh or run the command again. If it keeps happening, refresh less often (auto-refresh setting).',
    '短时间内请求过多，请求被流控，扩展的自动重试（带退避）也被流控。被流控的请求不会产生任何变更。',
    '请等待一分钟后再刷新或重新执行命令。如持续出现，请降低刷新频率（自动刷新设置）。',
  ),
  'Throttling.User': g(
    "The per-user request quota was exceeded, and the extension's automatic retries were throttled too. A throttled request changes nothing.",
    'Wait a minute, then refresh or run the command again. If it keeps happening, reduce other API traffic on this account (scripts, other tools).',
    '超出用户级流控配额，扩展的自动重试也被流控。被流控的请求不会产生任何变更。',
    '请等待一分钟后再刷新或重新执行命令。如持续出现，请减少该账号下的其他 API 调用（脚本、其他工具）。',
  ),
  'Throttling.Api': g(
    "The per-API request quota was exceeded, and the extension's automatic retries were throttled too. A throttled request changes nothing.",
    'Wait a minute, then refresh or run the command again.',
    '超出接口级流控配额，扩展的自动重试也被流控。被流控的请求不会产生任何变更。',
    '请等待一分钟后再刷新或重新执行命令。',
  ),
  'Forbidden.RAM': g(
    'The RAM user is not authorized for this operation or resource.',
    'Ask the account administrator to grant the ECS permission (for example AliyunECSFullAccess, or AliyunECSReadOnlyAccess for browsing).',
    'RAM 用户无权执行此操作或访问该资源。',
    '请主账号管理员授予 ECS 权限（如 AliyunECSFullAccess，仅浏览可用 AliyunECSReadOnlyAccess）。',
  ),
  'Forbidden.RiskControl': g(
    'The operation was blocked by risk control.',
    'Check your account status and messages in the Alibaba Cloud console, or contact support.',
    '操作被风控拦截。',
    '在阿里云控制台查看账号状态和消息，或联系技术支持。',
  ),
  'Forbidden.SubUser': g(
    'The RAM user is not allowed to perform this operation.',
    'Ask the account administrator to grant the permission, or use an authorized AccessKey.',
    '该 RAM 子用户无权执行此操作。',
    '请主账号管理员授权，或使用已授权的 AccessKey。',
  ),
  'Forbidden.Unauthorized': g(
    'The account is not authorized to perform this operation.',
    'Check the account permissions in the RAM console.',
    '账号无权执行此操作。',
    '在 RAM 控制台检查账号权限。',
  ),
  InvalidAction: g(
    'The API action is not valid or not allowed.',
    `Check the endpoint setting (clear it to use the default). If it is correct: ${REPORT_BUG.en}`,
    'API 操作无效或不被允许。',
    `检查端点设置（清空即使用默认值）。如设置无误：${REPORT_BUG.zh}`,
  ),
  UnsupportedHTTPMethod: bug('The HTTP method is not supported for this API.', '该 API 不支持此 HTTP 方法。'),
  OperationConflict: g(
    'The request conflicts with a previous request on the same resource that is still in progress (it may be an earlier change of yours); this request was refused.',
    'Refresh and check the reserved instances: while they are Updating, a change is still being applied. Wait until they are Active again, check that they are not already as you wanted, then run the command again if needed.',
    '该请求与同一资源上先前仍在处理中的请求冲突（可能是您之前的修改），该请求被拒绝。',
    '请刷新并检查预留实例券：处于更新中（Updating）表示仍有修改正在生效。待其恢复为生效中（Active），确认尚未达到您想要的结果后，再按需重新执行命令。',
  ),
  'ServiceUnavailable.RegionMaintaining': g(
    'The region is under system maintenance; the request was refused.',
    'Wait until the maintenance is over (see the Alibaba Cloud console notices), then refresh or run the command again.',
    '所选地域正在进行系统维护，请求被拒绝。',
    '请待维护结束（见阿里云控制台公告）后再刷新或重新执行命令。',
  ),
  InsufficientBalance: g(
    'The account balance is insufficient.',
    'Top up the account in the Alibaba Cloud billing console, then try again.',
    '账号余额不足。',
    '在阿里云费用中心充值后重试。',
  ),
  UnknownError: g(
    'The server failed with an unknown error.',
    'Refresh later; if it persists, open a ticket with the RequestId.',
    '服务端发生未知错误。',
    '稍后刷新；如持续出现，请携带 RequestId 提交工单。',
  ),
  InvalidOwnerId: bug('The OwnerId parameter is not valid (the extension does not send it).', 'OwnerId 参数无效（本扩展不发送该参数）。'),
  InvalidOwnerAccount: bug(
    'The OwnerAccount parameter is not valid (the extension does not send it).',
    'OwnerAccount 参数无效（本扩展不发送该参数）。',
  ),

  // DescribeRegions / DescribeReservedInstances.
  'Unauthorized.EmptyRegion': g(
    'No region is available to this account for the requested resource type.',
    'Check that the account is verified and allowed to buy reserved instances.',
    '该账号在请求的资源类型下没有可用地域。',
    '确认账号已实名认证并可购买预留实例券。',
  ),
  'InvalidAcceptLanguage.NotFound': bug('The AcceptLanguage value is not supported.', 'AcceptLanguage 取值不受支持。'),
  'InvalidResourceType.NotFound': bug('The ResourceType value is not supported.', 'ResourceType 取值不受支持。'),
  'MissingParamter.RegionId': bug(
    'The request carried no region ID, which the extension always sends.',
    '请求中没有地域 ID，而本扩展总会发送该参数。',
  ),
  'InvalidRegion.NotFound': g(
    'The region ID is not valid.',
    'Run "Select Regions…" and keep only regions from its list (the ecsExplorer regions setting may name a region that does not exist).',
    '地域 ID 无效。',
    '运行“选择地域…”，只保留列表中的地域（ecsExplorer 的地域设置中可能有不存在的地域）。',
  ),
  'InvalidRegionId.NotFound': g(
    'The region ID does not exist.',
    'Run "Select Regions…" and keep only regions from its list (the ecsExplorer regions setting may name a region that does not exist).',
    '地域 ID 不存在。',
    '运行“选择地域…”，只保留列表中的地域（ecsExplorer 的地域设置中可能有不存在的地域）。',
  ),
  'InvalidEndTime.ValueNotSupported': bug(
    'The end time value is not supported (the extension sends no end-time filter).',
    '结束时间取值不受支持（本扩展不发送结束时间筛选条件）。',
  ),
  'InvalidAllocationType.ValueNotSupported': bug(
    'The AllocationType value is not supported (Normal or Shared; the extension does not send it).',
    'AllocationType 取值不受支持（Normal 或 Shared；本扩展不发送该参数）。',
  ),

  // ModifyReservedInstances / ModifyReservedInstanceAttribute.
  'InvalidParameter.ReservedInstanceName': g(
    'The reserved instance name is not valid: 2 to 128 characters, starting with a letter or Chinese character, with digits, ":", "_" or "-" allowed, and not starting with http:// or https://.',
    'Nothing changed. Run the command again and enter a name that follows these rules.',
    '预留实例券名称不合法：长度 2～128 个字符，以字母或中文开头，可包含数字、":"、"_"、"-"，不能以 http:// 或 https:// 开头。',
    '未做任何变更。请重新执行命令，并输入符合上述规则的名称。',
  ),
  'InvalidInstanceType.ValueUnauthorized': g(
    'The account is not authorized to use this instance type.',
    'Nothing changed. Run the command again with another instance type of the same family, or request access to this type from Alibaba Cloud (ticket).',
    '账号未被授权使用该实例规格。',
    '未做任何变更。请选择同规格族的其他规格重新执行命令，或通过工单向阿里云申请该规格的使用权限。',
  ),
  'OperationDenied.NoStock': g(
    'The requested instance type is sold out in the zone of the new configuration; nothing changed.',
    'A reserved instance cannot move to another region. Run the command again with another zone of the same region, the Region scope, or another instance type of the same family.',
    '新配置所在可用区内请求的实例规格库存不足，未做任何变更。',
    '预留实例券不能迁移到其他地域。请改用同一地域的其他可用区、地域范围，或同规格族的其他规格后重新执行命令。',
  ),
  OperationDenied: g(
    'The operation was refused, and nothing changed: either sales of this resource are suspended in the region for now, or a reserved instance is not in a usable state.',
    'Read the server message. If sales are suspended, run the command again later (a reserved instance cannot move to another region). If a reserved instance is not usable, refresh and check that every selected one is Active.',
    '操作被拒绝，未做任何变更：该地域暂时关闭了此资源的售卖，或预留实例券不在可用状态。',
    '查看服务端返回的信息。若暂停售卖，请稍后重新执行命令（预留实例券不能迁移到其他地域）；若资源不可用，请刷新并确认所选预留实例券均为生效中（Active）。',
  ),
  'InvalidParameter.Conflict': g(
    'Alibaba Cloud found that the region and the cluster (where the chosen zone is placed) do not match: the zone of a configuration does not belong to the region of the reserved instance. Nothing changed.',
    `Run the command again and pick the zone from the list it offers (read from this region with DescribeZones), or use the Region scope. If the zone you picked was in that list: ${REPORT_BUG.en}`,
    '阿里云认为地域与集群（所选可用区所在位置）不匹配：配置中的可用区不属于该预留实例券所在地域。未做任何变更。',
    `请重新执行命令，从命令提供的可用区列表（通过 DescribeZones 读取该地域）中选择可用区，或改用地域范围。如所选可用区就在该列表中：${REPORT_BUG.zh}`,
  ),
  NodeControllerUnavailable: g(
    'The node controller is temporarily unavailable; the request was refused.',
    'Nothing changed. Wait a few minutes, refresh to check that the reserved instances are still Active, then run the command again.',
    '节点控制器暂不可用，请求被拒绝。',
    '未做任何变更。请等待几分钟，刷新确认预留实例券仍为生效中（Active）后，再重新执行命令。',
  ),
  'InvalidParameter.ResourceOwnerAccount': bug(
    'The ResourceOwnerAccount parameter is not valid (the extension does not send it).',
    'ResourceOwnerAccount 参数不合法（本扩展不发送该参数）。',
  ),
  'Zone.NotOpen': g(
    'The account is not allowed to buy resources in this zone yet.',
    'Nothing changed. Run the command again with another zone of the same region or the Region scope, or apply to Alibaba Cloud (ticket) for access to this zone.',
    '账号尚未被授权购买该可用区的资源。',
    '未做任何变更。请改用同一地域的其他可用区或地域范围重新执行命令，或通过工单向阿里云申请该可用区的权限。',
  ),
  'Zone.NotOnSale': g(
    'The zone is not available for purchase (sold out or sales closed).',
    'Nothing changed. Run the command again with another zone of the same region, another instance type of the same family, or the Region scope.',
    '该可用区暂不可购买（已售罄或暂停售卖）。',
    '未做任何变更。请改用同一地域的其他可用区、同规格族的其他规格或地域范围后重新执行命令。',
  ),
  'InvalidTagKey.Malformed': bug(
    'Alibaba Cloud refused a tag key, but the extension sends no tags with this request (split, merge and scope changes carry none): this is a bug.',
    '阿里云拒绝了某个标签键，但本扩展的这个请求不带任何标签（拆分、合并和修改范围都不发送标签）：这是扩展的缺陷。',
  ),
  'InvalidTagValue.Malformed': bug(
    'Alibaba Cloud refused a tag value, but the extension sends no tags with this request (split, merge and scope changes carry none): this is a bug.',
    '阿里云拒绝了某个标签值，但本扩展的这个请求不带任何标签（拆分、合并和修改范围都不发送标签）：这是扩展的缺陷。',
  ),
  RegionUnauthorized: g(
    'The account is not authorized for this region, so the change was refused; nothing changed.',
    'A reserved instance cannot move to another region, so choosing another region does not help: ask Alibaba Cloud (ticket, with the RequestId) to authorize the account for this region, then run the command again.',
    '账号未被授权使用该地域，修改被拒绝，未做任何变更。',
    '预留实例券不能迁移到其他地域，更换地域无济于事：请通过工单（附 RequestId）请阿里云为账号开通该地域的权限，然后重新执行命令。',
  ),
  'InvalidPeriodUnit.ValueNotSupported': bug(
    'The PeriodUnit value is not valid, but the extension does not send PeriodUnit with this request.',
    'PeriodUnit 参数无效，但本扩展的这个请求并不发送 PeriodUnit。',
  ),
  'InvalidChargeType.ValueNotSupported': bug(
    'The charge type is not valid, but the extension does not send a charge type with this request.',
    '计费方式无效，但本扩展的这个请求并不发送计费方式。',
  ),
  'InvalidParameter.NotMatch': g(
    'The new configurations do not fit the source reserved instances: the family changed, the computing power is not conserved, the merge rules are broken (same zone/region, platform, end time), or split, merge and scope change were mixed.',
    'Nothing changed. Run the command again keeping the same instance family and total computing power, and doing one kind of change (split, merge or scope) per request.',
    '新配置与源预留实例券不匹配：规格族变化、计算力不守恒、违反合并规则（同地域/可用区、平台、结束时间），或同时混合了拆分、合并和修改范围。',
    '未做任何变更。请保持同一规格族和总计算力不变，每次只做一种修改（拆分、合并或修改范围），再重新执行命令。',
  ),
  'Account.Arrearage': g(
    'The account has an overdue payment.',
    'Top up the account in the Alibaba Cloud billing console, then try again.',
    '账号已欠费。',
    '在阿里云费用中心充值后再操作。',
  ),
  IncorrectInstanceStatus: g(
    'The reserved instance is not Active, so it cannot be modified (it may be Creating, Updating, Inactive or Expired).',
    'Refresh and wait until all selected reserved instances are Active.',
    '预留实例券不处于生效中（Active）状态，无法修改（可能为创建中、更新中、已失效或已过期）。',
    '刷新并等待所选预留实例券均为生效中（Active）后再试。',
  ),
  'InvalidReservedInstanceId.NotFound': g(
    'The reserved instance does not exist (it may belong to another region).',
    'Refresh the view and check the region.',
    '指定的预留实例券不存在（可能属于其他地域）。',
    '刷新视图并确认地域。',
  ),
  'MissingParameter.ZoneId': g(
    'A configuration with Zone scope has no zone; the request was refused.',
    'Nothing changed. Run the command again and pick a zone for each Zone-scoped configuration, or use the Region scope.',
    '范围为可用区的配置未指定可用区，请求被拒绝。',
    '未做任何变更。请重新执行命令，为每个可用区范围的配置选择可用区，或改用地域范围。',
  ),
};

/** Entries that differ by action (looked up before the ones above); none yet. */
export const ALIYUN_ACTION_GUIDANCE: Record<string, Record<string, GuidanceEntry>> = {};
