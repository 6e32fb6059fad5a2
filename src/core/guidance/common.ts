/** Codes both clouds use, generic families used as fallbacks, and what changes in guidance for an action that acts. */
import { g, REPORT_BUG, type GuidanceEntry } from './entry';

export const COMMON_GUIDANCE: Record<string, GuidanceEntry> = {
  InternalError: g(
    'The cloud service hit an internal error while handling the request.',
    'Refresh in a moment (reads were already retried automatically). If it keeps failing, open a support ticket with the RequestId.',
    '云服务处理请求时发生内部错误。',
    '稍后刷新（只读请求已自动重试过）。如多次失败，请携带 RequestId 提交工单。',
  ),
  ServiceUnavailable: g(
    'The service is temporarily unavailable.',
    'Wait a few minutes, then refresh.',
    '服务暂时不可用。',
    '请等待几分钟后刷新。',
  ),
  SignatureDoesNotMatch: g(
    'The request signature did not match: the AccessKey Secret is wrong, or the request was changed in transit (for example by a proxy).',
    'Re-enter the AccessKey pair with "Edit Account…" and check that no proxy rewrites the request.',
    '请求签名不匹配：AccessKey Secret 有误，或请求在传输中被改动（例如代理）。',
    '通过“编辑账号…”重新输入 AccessKey，并确认没有代理改写请求。',
  ),
  MissingParameter: g(
    'A required request parameter is missing, so the request was refused.',
    `Nothing changed. The extension fills in every parameter itself, so this is a bug. ${REPORT_BUG.en}`,
    '缺少必填的请求参数，请求被拒绝。',
    `未做任何变更。请求参数均由本扩展填写，这是扩展的缺陷。${REPORT_BUG.zh}`,
  ),
  InvalidParameter: g(
    'A request parameter is not valid, or parameters conflict with each other; the request was refused.',
    `Nothing changed. Find the parameter in the server message: if it is a value you entered (a name, an amount, a zone), run the command again with a corrected value; otherwise refresh the view (an ID or zone may be stale) and run it again. If it recurs: ${REPORT_BUG.en}`,
    '请求参数无效，或参数之间相互冲突，请求被拒绝。',
    `未做任何变更。根据服务端返回的信息找到出错的参数：如果是您输入的值（名称、数量、可用区），请修正后重新执行命令；否则请刷新视图（ID 或可用区可能已过时）后重新执行。如仍出现：${REPORT_BUG.zh}`,
  ),
  IdempotentParameterMismatch: g(
    'The ClientToken was already used for a different request; a token may only be reused for an identical request. The request was refused.',
    `Nothing changed by this request. Refresh, then run the command again: it sends a new ClientToken. The extension makes a fresh token for every request, so if it recurs: ${REPORT_BUG.en}`,
    'ClientToken 已被一个参数不同的请求使用过；同一个令牌只能用于完全相同的请求。请求被拒绝。',
    `该请求未做任何变更。请刷新后重新执行命令，命令会使用新的 ClientToken。本扩展为每个请求生成新令牌，如仍出现：${REPORT_BUG.zh}`,
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
    'A request value has the wrong format, so the request was refused.',
    `Nothing changed. If the message names a value you entered, run the command again with a corrected value. Otherwise: ${REPORT_BUG.en}`,
    '请求中的某个值格式不正确，请求被拒绝。',
    `未做任何变更。如错误信息指向您输入的值，请修正后重新执行命令。否则：${REPORT_BUG.zh}`,
  ),
};

const CHECK_FIRST_EN =
  'Refresh and check the state of the resources in the request (instances, reservation or reserved instances) before running the command again; do not repeat it blindly.';
const CHECK_FIRST_ZH = '请先刷新并检查请求涉及资源（实例、弹性预约单或预留实例券）的状态，再决定是否重新执行命令，切勿盲目重复。';

/**
 * Entries that replace the default ones for an action that changes something (delete, cancel, modify): after
 * these errors the change may or may not have been applied, so the next step is to check, never to repeat.
 */
export const MUTATING_GUIDANCE: Record<string, GuidanceEntry> = {
  InternalError: g(
    'The cloud hit an internal error while handling the change, and the retries (with the same ClientToken where the API has one) ended with it too: the change may or may not have been applied.',
    `${CHECK_FIRST_EN} If it persists, open a support ticket with the RequestId.`,
    '云服务处理变更时发生内部错误，重试（如接口支持，使用同一 ClientToken）后仍然失败：变更可能已生效，也可能未生效。',
    `${CHECK_FIRST_ZH}如持续出现，请携带 RequestId 提交工单。`,
  ),
  UndefinedError: g(
    'The Volcengine gateway hit an undefined internal error while handling the change: it may or may not have been applied.',
    `${CHECK_FIRST_EN} If it persists, open a ticket with the RequestId.`,
    '火山引擎网关处理变更时发生未定义的内部错误：变更可能已生效，也可能未生效。',
    `${CHECK_FIRST_ZH}如持续出现，请携带 RequestId 提交工单。`,
  ),
  UnknownError: g(
    'The server failed with an unknown error while handling the change: it may or may not have been applied.',
    `${CHECK_FIRST_EN} If it persists, open a ticket with the RequestId.`,
    '服务端处理变更时发生未知错误：变更可能已生效，也可能未生效。',
    `${CHECK_FIRST_ZH}如持续出现，请携带 RequestId 提交工单。`,
  ),
  ServiceUnavailable: g(
    'The service was unavailable; such an answer normally means the change was not handled, but the answer alone does not prove it.',
    `Wait a few minutes. ${CHECK_FIRST_EN}`,
    '服务暂时不可用；这类响应通常表示变更未被处理，但仅凭响应无法确认。',
    `请等待几分钟。${CHECK_FIRST_ZH}`,
  ),
  MalformedResponse: g(
    'The cloud answered the change, but the answer could not be read: the change may have been applied.',
    `${CHECK_FIRST_EN} If it persists, check the endpoint setting (a proxy may alter answers). If the endpoint is the default: ${REPORT_BUG.en}`,
    '云服务对变更请求作出了响应，但响应无法解析：变更可能已生效。',
    `${CHECK_FIRST_ZH}如持续出现，请检查端点设置（代理可能改动响应）。如使用的是默认端点：${REPORT_BUG.zh}`,
  ),
  NetworkError: g(
    'The cloud API could not be reached, or the connection broke, before the change was delivered (a change that may have been delivered is reported as outcome unknown instead); an earlier attempt may still have reached it.',
    `Check the network, proxy and endpoint settings. ${CHECK_FIRST_EN}`,
    '无法连接云 API，或在变更送达前连接中断（可能已送达的变更会显示为结果未知）；但之前的某次尝试仍可能已到达云端。',
    `请检查网络、代理和端点设置。${CHECK_FIRST_ZH}`,
  ),
  RequestTimeout: g(
    'The cloud API could not be reached in time (a change that may have been delivered is reported as outcome unknown instead); an earlier attempt may still have reached it.',
    `Check the network, and raise the timeout settings on slow links. ${CHECK_FIRST_EN}`,
    '未能在规定时间内连接云 API（可能已送达的变更会显示为结果未知）；但之前的某次尝试仍可能已到达云端。',
    `请检查网络，网络较慢时可调大超时设置。${CHECK_FIRST_ZH}`,
  ),
  HttpError: g(
    'The cloud answered the change with an HTTP error and no error code: it is not known whether the change was applied.',
    `${CHECK_FIRST_EN} Check the endpoint and proxy settings.`,
    '云服务对变更请求返回了 HTTP 错误但没有错误码：无法确定变更是否生效。',
    `${CHECK_FIRST_ZH}另请检查端点和代理设置。`,
  ),
};
