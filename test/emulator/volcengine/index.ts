/** Volcengine provider: auth, routing, envelopes. */
import { ApiError } from '../api-error';
import { canonicalize } from '../encode';
import type { Call, EmuRequest, EmuResponse } from '../http-types';
import type { Ledger } from '../ledger';
import type { ErrorFault, ProviderApi } from '../provider';
import type { State } from '../state';
import { VOLC_ACTIONS, VOLC_MUTATING } from './actions';
import { verifyVolcengine, volcParams } from './auth';
import { VOLC_VERSION, volcError, volcOk, volcRequestId } from './envelope';
import { VOLC_STS_VERSION, type StsIssuer } from '../sts';

export function volcengineApi(state: State, ledger: Ledger, sts?: StsIssuer): ProviderApi {
  const ctx = { state, ledger };
  const metaOf = (call: Call) => ({
    RequestId: call.requestId,
    Action: call.action,
    Version: call.params.Version ?? VOLC_VERSION,
    Region: call.region,
  });
  return {
    provider: 'volcengine',
    prepare(req: EmuRequest): Call | EmuResponse {
      const requestId = volcRequestId();
      let parsed;
      try {
        parsed = volcParams(req);
      } catch {
        return volcError(
          { RequestId: requestId, Action: '', Version: '', Region: '' },
          400,
          'InvalidArgument',
          'The request contains malformed parameters or body.',
        );
      }
      const { queryPairs, params } = parsed;
      const action = params.Action ?? '',
        version = params.Version ?? '';
      if (!action || !version) {
        return volcError(
          { RequestId: requestId, Action: action, Version: version, Region: '' },
          400,
          'MissingParameter',
          `The request is missing ${!action ? 'Action' : 'Version'} parameter.`,
        );
      }
      if (req.method !== 'GET' && req.method !== 'POST') {
        return volcError(
          { RequestId: requestId, Action: action, Version: version, Region: '' },
          405,
          'InvalidHttpMethod',
          `HTTP method ${req.method} is not supported.`,
        );
      }
      const isSts = !!sts && version === VOLC_STS_VERSION && action === 'AssumeRole';
      const auth = verifyVolcengine(req, state, queryPairs, params, isSts ? 'sts' : 'ecs');
      const m = { RequestId: requestId, Action: action, Version: version, Region: auth.region };
      if (!auth.ok) return volcError(m, auth.status, auth.code, auth.message);
      if (isSts) return { account: auth.account, region: auth.region, action, params, requestId };
      if (version !== VOLC_VERSION || !VOLC_ACTIONS[action])
        return volcError(m, 404, 'InvalidActionOrVersion', `Could not find operation ${action} for version ${version}`);
      const call: Call = { account: auth.account, region: auth.region, action, params, requestId };
      if (VOLC_MUTATING.has(action) && params.ClientToken !== undefined && params.ClientToken !== '') {
        if (!/^[\x20-\x7e]{1,64}$/.test(params.ClientToken))
          return volcError(m, 400, 'InvalidClientToken.Malformed', 'The specified ClientToken is malformed.');
        call.clientToken = params.ClientToken;
      }
      return call;
    },
    run(call: Call): EmuResponse {
      state.tick();
      try {
        if (sts && call.params.Version === VOLC_STS_VERSION)
          return volcOk(metaOf(call), sts.volcengineAssumeRole(call.account, call.params));
        return volcOk(metaOf(call), VOLC_ACTIONS[call.action](ctx, call));
      } catch (e) {
        if (e instanceof ApiError) return volcError(metaOf(call), e.status, e.code, e.message);
        throw e;
      }
    },
    faultError(call: Call, kind: ErrorFault): EmuResponse {
      if (kind === 'throttle')
        return volcError(metaOf(call), 429, 'FlowLimitExceeded', "You've reach the limit on request rate of resources.");
      if (kind === 'unavailable') return volcError(metaOf(call), 503, 'ServiceUnavailable', 'The service is temporarily unavailable.');
      return volcError(metaOf(call), 500, 'InternalError', 'An internal error has occurred.');
    },
    apiError(call: Call, status: number, code: string, message: string): EmuResponse {
      return volcError(metaOf(call), status, code, message);
    },
    idempotency(call: Call) {
      if (!call.clientToken) return undefined;
      const rest = Object.entries(call.params).filter(([k]) => k !== 'ClientToken');
      return {
        key: `v|${call.account.spec.accessKeyId}|${call.region}|${call.clientToken}`,
        fingerprint: call.action + '|' + canonicalize(rest),
      };
    },
    idempotencyError(call: Call, which): EmuResponse {
      return which === 'mismatch'
        ? volcError(
            metaOf(call),
            400,
            'IdempotentParameterMismatch',
            'The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests, unless the requests are identical.',
          )
        : volcError(
            metaOf(call),
            412,
            'IdempotentProcessing',
            'The request uses the same client token as a previous one that is still in process.',
          );
    },
    dropRequiredField(body: Record<string, unknown>): void {
      const result = body.Result as Record<string, unknown> | undefined;
      if (!result) {
        delete body.ResponseMetadata;
        return;
      }
      for (const v of Object.values(result)) {
        if (Array.isArray(v) && v.length && typeof v[0] === 'object') {
          const first = { ...(v[0] as Record<string, unknown>) };
          const idKey = Object.keys(first).find((k) => k.endsWith('Id'));
          if (idKey) {
            delete first[idKey];
            v[0] = first;
            return;
          }
        }
      }
      delete body.Result;
    },
  };
}
