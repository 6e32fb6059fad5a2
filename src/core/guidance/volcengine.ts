/** Volcengine gateway and ECS codes (DeleteInstances, DeleteScheduledInstance, DescribeRegions/Zones). */
import { g, type GuidanceEntry } from './entry';

export const VOLCENGINE_GUIDANCE: Record<string, GuidanceEntry> = {
  // Gateway (common) codes.
  UndefinedError: g(
    'The Volcengine gateway hit an undefined internal error.',
    'Try again later; if it persists, open a ticket with the RequestId.',
    '火山引擎网关发生未定义的内部错误。',
    '稍后重试；如持续出现，请携带 RequestId 提交工单。',
  ),
  MissingAuthenticationToken: g(
    'The request carried no authentication information.',
    'Check the AccessKey pair of the account with "Edit Account…".',
    '请求中缺少认证信息。',
    '通过“编辑账号…”检查该账号的 AccessKey。',
  ),
  MissingRequestInfo: g(
    'The request lacks required information (AccessKey, service or region).',
    'Check the credentials and the selected region, then try again.',
    '请求缺少必要信息（AccessKey、服务或地域）。',
    '检查 AccessKey 和所选地域后重试。',
  ),
  MissingSignature: g(
    'The request was not signed.',
    'Set the AccessKey pair again; if it persists, report a bug.',
    '请求缺少签名。',
    '重新设置 AccessKey；如仍出现，请报告问题。',
  ),
  InvalidTimestamp: g(
    'The signature has expired or its time lies in the future: the computer clock is probably wrong.',
    'Synchronise the system clock (enable automatic time), then try again.',
    '签名已过期或签名时间来自未来，本机时钟可能不准确。',
    '同步系统时间（开启自动校时）后重试。',
  ),
  ServiceNotFound: g(
    'The gateway does not know the requested service.',
    'Check the endpoint setting; an emulator or proxy may be misconfigured.',
    '网关找不到请求的服务。',
    '检查端点设置，模拟器或代理可能配置有误。',
  ),
  InvalidActionOrVersion: g(
    'The API action or version is not available on this endpoint.',
    'Check the endpoint setting, or update the extension.',
    '该 endpoint 不支持此 API 操作或版本。',
    '检查端点设置，或升级扩展。',
  ),
  InvalidAccessKey: g(
    'The AccessKey ID is invalid, disabled or deleted.',
    'Create or enable an AccessKey in the Volcengine console and enter it again with "Edit Account…".',
    'AccessKey ID 无效、已禁用或已删除。',
    '在火山引擎控制台创建或启用 AccessKey，并通过“编辑账号…”重新输入。',
  ),
  LackPolicy: g(
    'The request was rejected because the user lacks an IAM policy for it.',
    'Ask the administrator to attach an ECS policy (for example ECSFullAccess, or ECSReadOnlyAccess for browsing).',
    '用户缺少执行该操作的 IAM 策略，请求被拒绝。',
    '请管理员授予 ECS 相关策略（如 ECSFullAccess，仅浏览可用 ECSReadOnlyAccess）。',
  ),
  InvalidAuthorization: g(
    'The Authorization header is malformed.',
    'Enter the AccessKey pair again with "Edit Account…"; if it persists, check proxies and report a bug.',
    'Authorization 请求头格式不正确。',
    '通过“编辑账号…”重新输入 AccessKey；如仍出现，请检查代理并报告问题。',
  ),
  InvalidCredential: g(
    'The credential scope in the Authorization header is invalid.',
    'Check the selected region and credentials, then try again.',
    'Authorization 中的凭证范围无效。',
    '检查所选地域和 AccessKey 后重试。',
  ),
  InvalidSecretToken: g(
    'The STS security token is invalid or has expired.',
    'Obtain a fresh STS token and enter it with "Edit Account…".',
    'STS 安全令牌无效或已过期。',
    '获取新的 STS 令牌，并通过“编辑账号…”输入。',
  ),
  LackProjectPolicy: g(
    'The user lacks a policy for the project the resource belongs to.',
    'Ask the administrator to grant ECS permissions on that project.',
    '用户缺少资源所属项目的策略授权。',
    '请管理员授予该项目的 ECS 权限。',
  ),
  FlowLimitExceeded: g(
    'Too many requests in a short time: the API rate limit was reached.',
    'Wait a few seconds; the extension retries automatically. Refresh less often if it persists.',
    '短时间内请求过多，已达到 API 流控上限。',
    '请稍等几秒，扩展会自动重试；如持续出现，请降低刷新频率。',
  ),
  InvalidArgument: g(
    'A request argument is not valid.',
    'Check the input named in the message and try again.',
    '请求参数不合法。',
    '检查错误信息中提到的参数后重试。',
  ),
  'LimitExceeded.MaximumRegionIds': g(
    'More than 20 region IDs were given in one request.',
    'Query at most 20 regions at a time.',
    '单次请求指定的地域 ID 超过 20 个。',
    '每次最多查询 20 个地域。',
  ),
  'LimitExceeded.MaximumZoneIds': g(
    'More than 20 zone IDs were given in one request.',
    'Query at most 20 zones at a time.',
    '单次请求指定的可用区 ID 超过 20 个。',
    '每次最多查询 20 个可用区。',
  ),

  // ClientToken handling.
  'InvalidClientToken.Malformed': g(
    'The ClientToken is malformed (ASCII only, at most 64 characters).',
    'Start the operation again so that a valid token is generated.',
    'ClientToken 不合法（仅支持 ASCII 字符，且不超过 64 个字符）。',
    '重新发起操作以生成合法的令牌。',
  ),
  IdempotentProcessing: g(
    'An earlier request with the same ClientToken is still being processed.',
    'Wait a moment; the extension retries with the same token, so the operation is not done twice.',
    '使用相同 ClientToken 的先前请求仍在处理中。',
    '请稍候，扩展会用同一令牌重试，操作不会被重复执行。',
  ),

  // DeleteScheduledInstance.
  'InvalidDeliveryTypeForScheduledInstanceDeletion.Unsupported': g(
    'Segmented reservations with Immediate delivery cannot be cancelled.',
    'Nothing to cancel here; delete the delivered instances (Delete Instances) when you no longer need them.',
    '立即交付方式的弹性预约单（时段型）不支持取消预约。',
    '无法取消；不再需要时，请删除已交付的实例（删除实例）。',
  ),
  InvalidScheduledInstanceStatus: g(
    'The reservation is not in a status that allows this operation (only a reservation waiting for delivery can be cancelled).',
    'Refresh to see its current status.',
    '弹性预约单当前状态不支持此操作（只有待交付的弹性预约单可以取消）。',
    '刷新以查看其当前状态。',
  ),
  'MissingParameter.ScheduledInstanceId': g(
    'No reservation ID (ScheduledInstanceId) was given.',
    'Select a reservation and try again.',
    '未指定弹性预约单 ID。',
    '选择一个弹性预约单后重试。',
  ),
  'InvalidScheduledInstance.NotFound': g(
    'The reservation does not exist (it may already be cancelled or in another region).',
    'Refresh the view and check the region.',
    '指定的弹性预约单不存在（可能已取消或属于其他地域）。',
    '刷新视图并确认地域。',
  ),
  'OperationDenied.LatestCancelTime': g(
    'The latest cancellation time has passed: an elastic reservation (Esi) can be cancelled only within 30 minutes of its creation, and a Segmented reservation only before its delivery window starts.',
    'It can no longer be cancelled; delete the instances after delivery (Delete Instances) if you do not need them.',
    '已超过最晚取消预约时间：弹性预约实例（Esi）的预约单仅可在创建后 30 分钟内取消，时段型预约单仅可在交付时段开始前取消。',
    '已无法取消；如不需要，请在交付后删除实例（删除实例）。',
  ),

  // DeleteInstances (request-level and per-instance).
  'InvalidCount.Malformed': g(
    'The number of instances is not valid (1 to 100 IDs per request).',
    'Select between 1 and 100 instances; the extension splits larger selections into batches.',
    '实例数量不合法（每次请求 1 到 100 个 ID）。',
    '选择 1 到 100 个实例；扩展会自动将更多实例分批处理。',
  ),
  'InvalidDedicatedHostStatus.Unsupported': g(
    'The dedicated host of the instance is in a status that does not allow this operation.',
    'Check the dedicated host in the console and try again later.',
    '实例所在专有宿主机的状态不支持此操作。',
    '在控制台检查专有宿主机状态，稍后重试。',
  ),
  InvalidInstanceStatus: g(
    'The instance status does not allow deletion (for example it is being created or already being deleted).',
    'Refresh, wait until the instance is Running or Stopped, then try again.',
    '实例当前状态不支持删除（例如正在创建或正在删除）。',
    '刷新，待实例处于运行中或已停止后再试。',
  ),
  'InvalidInstance.NotFound': g(
    'The instance does not exist (it may already be deleted or in another region).',
    'Refresh the view; nothing else to do if it was already deleted.',
    '指定的实例不存在（可能已删除或属于其他地域）。',
    '刷新视图；如已删除则无需处理。',
  ),
  'MissingParameter.InstanceId': g(
    'No instance ID was given.',
    'Select at least one instance and try again.',
    '未指定实例 ID。',
    '至少选择一个实例后重试。',
  ),
  'OperationDenied.PrePaidInstanceNotExpired': g(
    'A subscription (PrePaid) instance cannot be deleted before it expires or is unsubscribed.',
    'Switch it to pay-as-you-go or unsubscribe it in the console, then delete it.',
    '包年包月实例在到期或退订前不能删除。',
    '在控制台将其转为按量计费或退订后再删除。',
  ),
};
