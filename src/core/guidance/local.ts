/** Codes of failures that do not come from the cloud (LocalCodes). */
import { g, REPORT_BUG, type GuidanceEntry } from './entry';

export const LOCAL_GUIDANCE: Record<string, GuidanceEntry> = {
  NetworkError: g(
    'The cloud API could not be reached, or the connection broke.',
    'Check the network, proxy and endpoint settings, then try again.',
    '无法连接云 API，或连接中断。',
    '检查网络、代理和端点设置后重试。',
  ),
  RequestTimeout: g(
    'The cloud API did not answer in time.',
    'Check the network and try again; raise the timeout settings on slow links.',
    '云 API 未在规定时间内响应。',
    '检查网络后重试；网络较慢时可调大超时设置。',
  ),
  Cancelled: g(
    'The operation was cancelled.',
    'Nothing to do. If a change was in progress, refresh to see its current state.',
    '操作已取消。',
    '无需处理。如有变更正在进行，请刷新查看当前状态。',
  ),
  MalformedResponse: g(
    'The cloud returned a response the extension could not read.',
    `Refresh to read it again. If it persists, check the endpoint setting (a proxy or emulator may answer in another format). If the endpoint is the default: ${REPORT_BUG.en}`,
    '云服务返回的响应无法解析。',
    `请刷新以重新读取。如持续出现，请检查端点设置（代理或模拟器可能返回其他格式）。如使用的是默认端点：${REPORT_BUG.zh}`,
  ),
  InvalidInput: g(
    'A value you entered is not valid; nothing was sent.',
    'Correct the field named in the message.',
    '输入的值无效，请求未发送。',
    '按提示修正对应字段。',
  ),
  InsecureEndpoint: g(
    'The endpoint uses plain http on a non-loopback host, which would expose requests.',
    'Use https://, or http:// only for a local emulator (localhost, 127.0.0.1, [::1]).',
    'endpoint 对非本机地址使用明文 http，会暴露请求内容。',
    '请使用 https://；http:// 仅可用于本机模拟器（localhost、127.0.0.1、[::1]）。',
  ),
  InvalidEndpoint: g(
    'The endpoint setting or region is not a valid https URL or region ID.',
    'Fix the endpoint setting (for example https://open.volcengineapi.com) or clear it to use the default.',
    '端点设置或地域不是有效的 https URL 或地域 ID。',
    '修正端点设置（例如 https://open.volcengineapi.com），或清空以使用默认值。',
  ),
  MissingCredentials: g(
    'No AccessKey is set for this cloud.',
    'Run "Add Account…" to enter an AccessKey pair.',
    '尚未为该云设置 AccessKey。',
    '运行“添加账号…”命令输入 AccessKey。',
  ),
  InvalidCredentials: g(
    "A value of this account's credentials (AccessKey ID, AccessKey Secret or STS token) contains a line break or another control character, as when it was copied with one; it cannot be sent, so nothing was sent.",
    'Enter the value again without the line break ("Edit Account…" for a stored account; for a CLI profile or an environment variable, correct it there), then refresh.',
    '该账号的凭证（AccessKey ID、AccessKey Secret 或 STS Token）中含有换行符或其他控制字符（例如复制时带上了换行），无法发送，因此未发送任何请求。',
    '请重新输入不含换行的值（已保存的账号使用“编辑账号…”；CLI 配置或环境变量请在其来源处修正），然后刷新。',
  ),
  OutcomeUnknown: g(
    'The request may have reached the cloud, but its answer was lost, so it is unknown whether the change was applied.',
    'Refresh and check the resource state before trying again; do not repeat the change blindly.',
    '请求可能已到达云端，但响应丢失，无法确定变更是否生效。',
    '请先刷新并确认资源状态，再决定是否重试，切勿盲目重复操作。',
  ),
  HttpError: g(
    'The cloud answered with an HTTP error and no error code.',
    'Check the endpoint and proxy settings; try again later.',
    '云服务返回了 HTTP 错误但没有错误码。',
    '检查 endpoint 和代理设置，稍后重试。',
  ),
  HttpRedirect: g(
    'The endpoint answered with a redirect (HTTP 3xx). It was not followed: signed requests go only to the configured endpoint. A change may still have been applied on the way.',
    'Check the endpoint setting and any proxy in between; refresh to see the current state before trying a change again.',
    '端点返回了重定向（HTTP 3xx）。为避免签名请求被发往别处，未跟随重定向；变更仍可能已在途中生效。',
    '检查端点设置及中间代理；再次尝试变更前，请先刷新查看当前状态。',
  ),
  PagingLoop: g(
    'The cloud kept returning pages it had already sent (the same items or page tokens again, or empty pages without end), so the list was stopped.',
    "Refresh to try again. If it persists, the endpoint or a proxy in between is not paging correctly: check the endpoint setting and any proxy; give the RequestId from the ECS Explorer output to the cloud's support.",
    '云服务不断返回已返回过的分页（相同的条目或分页令牌，或无休止的空页），已停止列举。',
    '请刷新重试。如持续出现，说明端点或中间代理的分页有误：请检查端点设置及代理；可将 ECS Explorer 输出面板中的 RequestId 提供给云服务技术支持。',
  ),
  PagingLimit: g(
    'The list is longer than the extension reads in one go (a page or item limit), so it was stopped rather than use unbounded memory.',
    'Use the tree\'s "Load more" to page through it, or narrow the region; if the count is unexpected, check the endpoint setting.',
    '列表超出扩展一次读取的上限（页数或条目数），为避免占用无限内存已停止读取。',
    '请在树视图中使用“加载更多”分页浏览，或缩小地域范围；如数量异常，请检查端点设置。',
  ),
};
