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
};
