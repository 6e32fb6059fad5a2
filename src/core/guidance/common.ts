/** Codes both clouds use, and generic families used as fallbacks. */
import { g, type GuidanceEntry } from './entry';

export const COMMON_GUIDANCE: Record<string, GuidanceEntry> = {
  InternalError: g(
    'The cloud service hit an internal error while handling the request.',
    'Try again in a moment (safe reads are retried automatically). If it keeps failing, open a support ticket with the RequestId.',
    '云服务处理请求时发生内部错误。',
    '稍后重试（只读请求会自动重试）。如多次失败，请携带 RequestId 提交工单。',
  ),
  ServiceUnavailable: g(
    'The service is temporarily unavailable.',
    'Wait a few minutes and try again.',
    '服务暂时不可用。',
    '请等待几分钟后重试。',
  ),
  SignatureDoesNotMatch: g(
    'The request signature did not match: the AccessKey Secret is wrong, or the request was changed in transit (for example by a proxy).',
    'Re-enter the AccessKey pair with "Edit Account…" and check that no proxy rewrites the request.',
    '请求签名不匹配：AccessKey Secret 有误，或请求在传输中被改动（例如代理）。',
    '通过“编辑账号…”重新输入 AccessKey，并确认没有代理改写请求。',
  ),
  MissingParameter: g(
    'A required request parameter is missing.',
    'Check the parameter named in the message; if this came from the extension, report it as a bug.',
    '缺少必填的请求参数。',
    '检查错误信息中提到的参数；如果请求由本扩展发出，请报告此问题。',
  ),
  InvalidParameter: g(
    'A request parameter is not valid, or parameters conflict with each other.',
    'Read the server message for the parameter at fault and correct the input.',
    '请求参数无效，或参数之间相互冲突。',
    '根据服务端返回的信息找到出错的参数并修正输入。',
  ),
  IdempotentParameterMismatch: g(
    'The ClientToken was already used for a different request; a token may only be reused for an identical request.',
    'Start the operation again so that a new ClientToken is generated.',
    'ClientToken 已被一个参数不同的请求使用过；同一个令牌只能用于完全相同的请求。',
    '重新发起操作，以生成新的 ClientToken。',
  ),
  'InvalidZone.NotFound': g(
    'The specified zone does not exist in this region.',
    'Refresh the zone list and pick a zone from it.',
    '指定的可用区在该地域中不存在。',
    '刷新可用区列表并从中选择。',
  ),
  AccessDenied: g(
    'The user is not authorized to perform this action on the resource.',
    'Ask the account administrator to grant the ECS permission named in the message.',
    '当前用户无权对该资源执行此操作。',
    '请主账号管理员授予错误信息中提到的 ECS 权限。',
  ),
  // Families, reached by prefix or suffix when an exact code is unknown.
  Forbidden: g(
    'The request was refused for lack of permission or by a policy.',
    'Check the permissions of this AccessKey (Alibaba Cloud RAM / Volcengine IAM) and the server message.',
    '请求因权限不足或策略限制被拒绝。',
    '检查该 AccessKey 的权限（阿里云 RAM / 火山引擎 IAM）以及服务端返回的信息。',
  ),
  NotFound: g(
    'The resource named in the request does not exist (it may have been deleted or belong to another region).',
    'Refresh the view and check the region.',
    '请求中指定的资源不存在（可能已被删除，或属于其他地域）。',
    '刷新视图并确认地域是否正确。',
  ),
  Malformed: g(
    'A request value has the wrong format.',
    'Correct the value named in the message.',
    '请求中的某个值格式不正确。',
    '按错误信息修正对应的值。',
  ),
};
