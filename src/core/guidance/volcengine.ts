/** Volcengine gateway and ECS codes (DeleteInstances, DeleteScheduledInstance, DescribeRegions/Zones). */
import { bug, g, REPORT_BUG, type GuidanceEntry } from './entry';

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
    `Enter the AccessKey pair again with "Edit Account…". If it persists: ${REPORT_BUG.en}`,
    '请求缺少签名。',
    `通过“编辑账号…”重新输入 AccessKey。如仍出现：${REPORT_BUG.zh}`,
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
    `Enter the AccessKey pair again with "Edit Account…" and check that no proxy rewrites the request. If it persists: ${REPORT_BUG.en}`,
    'Authorization 请求头格式不正确。',
    `通过“编辑账号…”重新输入 AccessKey，并确认没有代理改写请求。如仍出现：${REPORT_BUG.zh}`,
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
    "Too many requests in a short time: the API rate limit was reached, and the extension's automatic retries (with backoff) were refused too. A refused request changes nothing.",
    'Wait a minute, then refresh or run the command again. If it keeps happening, refresh less often (auto-refresh setting) or reduce other API traffic on this account.',
    '短时间内请求过多，已达到 API 流控上限，扩展的自动重试（带退避）也被拒绝。被拒绝的请求不会产生任何变更。',
    '请等待一分钟后再刷新或重新执行命令。如持续出现，请降低刷新频率（自动刷新设置）或减少该账号下的其他 API 调用。',
  ),
  InvalidArgument: g(
    'Volcengine refused an argument of the request as not valid; nothing changed (for Delete Instances, no instance of this request was deleted).',
    `Refresh the view (an instance ID or region may be stale) and run the command again on what is listed. The extension builds every argument from the list itself, so if it recurs: ${REPORT_BUG.en}`,
    '火山引擎认为请求中的某个参数不合法并拒绝了请求，未做任何变更（删除实例时，本次请求中的实例均未被删除）。',
    `请刷新视图（实例 ID 或地域可能已过时），再对列表中显示的资源重新执行命令。所有参数都由扩展根据列表生成，如仍出现：${REPORT_BUG.zh}`,
  ),
  'LimitExceeded.MaximumRegionIds': bug(
    'More than 20 region IDs were given in one request (the extension does not filter regions by ID).',
    '单次请求指定的地域 ID 超过 20 个（本扩展不按 ID 筛选地域）。',
  ),
  'LimitExceeded.MaximumZoneIds': bug(
    'More than 20 zone IDs were given in one request (the extension does not filter zones by ID).',
    '单次请求指定的可用区 ID 超过 20 个（本扩展不按 ID 筛选可用区）。',
  ),

  // ClientToken handling.
  'InvalidClientToken.Malformed': bug(
    'Volcengine refused the ClientToken as malformed (it must be ASCII, at most 64 characters). The extension generates it (ecsx- and a UUID, 41 characters), so running the command again sends the same kind of token.',
    '火山引擎认为 ClientToken 不合法（仅支持 ASCII 字符，且不超过 64 个字符）。该令牌由扩展生成（ecsx- 加 UUID，共 41 个字符），重新执行命令仍会发送同类令牌。',
  ),
  IdempotentProcessing: g(
    'The request with the same ClientToken is still being processed by Volcengine: the extension kept retrying with that token until its retries ran out. The operation may still complete.',
    'Do not run the command again yet. Wait a minute, refresh, and check the state of the resources first; act again only on those that are still unchanged.',
    '使用相同 ClientToken 的请求仍在由火山引擎处理：扩展用同一令牌重试，直到重试次数用尽。该操作仍可能完成。',
    '暂不要重新执行命令。请等待一分钟后刷新，先检查资源状态，只对仍未变化的资源再次操作。',
  ),

  // DeleteScheduledInstance.
  'InvalidDeliveryTypeForScheduledInstanceDeletion.Unsupported': g(
    'Segmented reservations with Immediate delivery cannot be cancelled.',
    'It cannot be cancelled. When you no longer need the delivered instances, delete them with "Delete Instances…".',
    '立即交付方式的弹性预约单（时段型）不支持取消预约。',
    '无法取消。不再需要已交付的实例时，请通过“删除实例…”删除它们。',
  ),
  InvalidScheduledInstanceStatus: g(
    'The reservation is not in a status that allows this operation (only a reservation waiting for delivery can be cancelled).',
    'Refresh to see its current status: if it is still waiting for delivery, run "Cancel Reservation…" again; once it is delivered, delete its instances with "Delete Instances…" if you do not need them.',
    '弹性预约单当前状态不支持此操作（只有待交付的弹性预约单可以取消）。',
    '刷新以查看其当前状态：如仍为待交付，可再次执行“取消预约…”；已交付的，如不需要，请通过“删除实例…”删除其实例。',
  ),
  'MissingParameter.ScheduledInstanceId': bug(
    'The request carried no reservation ID (ScheduledInstanceId), which the extension always sends.',
    '请求中没有弹性预约单 ID（ScheduledInstanceId），而本扩展总会发送该参数。',
  ),
  'InvalidScheduledInstance.NotFound': g(
    'The reservation does not exist (it may already be cancelled or in another region).',
    'Refresh the view and check the region.',
    '指定的弹性预约单不存在（可能已取消或属于其他地域）。',
    '刷新视图并确认地域。',
  ),
  'OperationDenied.LatestCancelTime': g(
    'The latest cancellation time has passed: an elastic reservation (Esi) can be cancelled only within 30 minutes of its creation, and a Segmented reservation only before its delivery window starts.',
    'It can no longer be cancelled. If you do not need the instances, delete them after delivery with "Delete Instances…".',
    '已超过最晚取消预约时间：弹性预约实例（Esi）的预约单仅可在创建后 30 分钟内取消，时段型预约单仅可在交付时段开始前取消。',
    '已无法取消。如不需要这些实例，请在交付后通过“删除实例…”删除。',
  ),

  // DeleteInstances (request-level and per-instance).
  'InvalidCount.Malformed': g(
    'Volcengine refused the number of instance IDs in the request (the documented limit is 1 to 100 per request, and the extension sends at most 100 per request); no instance of this request was deleted.',
    `Refresh, then run "Delete Instances…" again on a smaller selection (for example 10 instances). If a small selection is refused too: ${REPORT_BUG.en}`,
    '火山引擎拒绝了请求中的实例 ID 数量（文档规定每次请求 1 到 100 个，扩展每次最多发送 100 个）；本次请求中的实例均未被删除。',
    `请刷新后对较少的实例（例如 10 个）重新执行“删除实例…”。如少量实例也被拒绝：${REPORT_BUG.zh}`,
  ),
  'InvalidDedicatedHostStatus.Unsupported': g(
    'The whole request was refused because an instance in it runs on a dedicated host whose status does not allow deletion: no instance of this request was deleted, not even those on other hosts.',
    'Send the others again without the instance(s) on that host ("Delete Instances…" offers this when it can tell which ones they are, and asks for confirmation as usual). Delete those instances after the dedicated host is back to normal: check the host\'s status in the Volcengine ECS console.',
    '整个请求被拒绝：其中某个实例所在专有宿主机的状态不支持删除。本次请求中的实例均未被删除，包括其他宿主机上的实例。',
    '请去掉该宿主机上的实例后重新发送其余实例（“删除实例…”能确定是哪些实例时会提供此选项，并照常请您确认）。待专有宿主机恢复正常后再删除这些实例：可在火山引擎云服务器控制台查看该宿主机的状态。',
  ),
  InvalidInstanceStatus: g(
    'The instance status does not allow deletion (for example it is being created or already being deleted).',
    'Refresh: if it is being deleted, there is nothing more to do; if it is being created or changing, wait until it has settled (for example Running or Stopped), then delete it again.',
    '实例当前状态不支持删除（例如正在创建或正在删除）。',
    '请刷新：如正在删除，则无需处理；如正在创建或变更中，请待其状态稳定（例如运行中或已停止）后再删除。',
  ),
  'InvalidInstance.NotFound': g(
    'The instance does not exist (it may already be deleted or in another region).',
    'Refresh the view; nothing else to do if it was already deleted.',
    '指定的实例不存在（可能已删除或属于其他地域）。',
    '刷新视图；如已删除则无需处理。',
  ),
  'MissingParameter.InstanceId': bug(
    'The request carried no instance ID, which the extension always sends (it checks the selection before sending).',
    '请求中没有实例 ID，而本扩展发送前会检查所选实例并总会发送该参数。',
  ),
  'OperationDenied.PrePaidInstanceNotExpired': g(
    'A subscription (PrePaid) instance cannot be deleted before it expires or is unsubscribed.',
    'Switch it to pay-as-you-go or unsubscribe it in the console, then delete it.',
    '包年包月实例在到期或退订前不能删除。',
    '在控制台将其转为按量计费或退订后再删除。',
  ),
  // Family of Volcengine refusals (OperationDenied.*) whose exact code has no entry.
  OperationDenied: g(
    'Volcengine refused the operation: the current state of the resource, or a rule of this action, does not allow it. Nothing changed.',
    'Read the server message for the rule, refresh to see the current state of the resource, and run the command again only once that state allows it.',
    '火山引擎拒绝了该操作：资源当前状态或该操作的规则不允许执行。未做任何变更。',
    '根据服务端返回的信息了解具体规则，刷新查看资源的当前状态，待状态允许后再重新执行命令。',
  ),
};

/** Entries that differ by action (looked up before the ones above). */
export const VOLCENGINE_ACTION_GUIDANCE: Record<string, Record<string, GuidanceEntry>> = {
  DeleteInstances: {
    IdempotentProcessing: g(
      'The deletion request with the same ClientToken is still being processed by Volcengine: the extension kept retrying with that token until its retries ran out. The instances may still be deleted.',
      'Do not run "Delete Instances…" again yet. Wait a minute, refresh, and check the instances first; delete again only those that are still listed and not being deleted.',
      '使用相同 ClientToken 的删除请求仍在由火山引擎处理：扩展用同一令牌重试，直到重试次数用尽。这些实例仍可能被删除。',
      '暂不要再次执行“删除实例…”。请等待一分钟后刷新，先检查这些实例，只对仍在列表中且不在删除中的实例再次删除。',
    ),
  },
  DeleteScheduledInstance: {
    IdempotentProcessing: g(
      'The cancellation request with the same ClientToken is still being processed by Volcengine: the extension kept retrying with that token until its retries ran out. The reservation may still be cancelled.',
      'Do not run "Cancel Reservation…" again yet. Wait a minute, refresh, and check the reservation first; cancel again only if it is still waiting for delivery.',
      '使用相同 ClientToken 的取消预约请求仍在由火山引擎处理：扩展用同一令牌重试，直到重试次数用尽。该预约仍可能被取消。',
      '暂不要再次执行“取消预约…”。请等待一分钟后刷新，先检查该弹性预约单，仅当其仍为待交付时再取消。',
    ),
  },
};
