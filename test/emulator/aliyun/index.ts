/** Alibaba Cloud provider: V1/V3 auth, routing, envelopes. */
import { ApiError } from '../api-error';
import { documentedError } from '../documented-errors';
import { parsePairs, type Pair } from '../encode';
import type { Call, EmuRequest, EmuResponse } from '../http-types';
import type { Ledger } from '../ledger';
import type { ErrorFault, ProviderApi } from '../provider';
import type { State } from '../state';
import { ALI_ACTIONS } from './actions';
import { verifyRpcV1 } from './auth-v1';
import { verifyV3 } from './auth-v3';
import { ALI_VERSION, aliError, aliOk, aliRequestId } from './envelope';
import type { NonceStore } from './nonces';
import { ALI_STS_VERSION, type StsIssuer } from '../sts';

export function aliyunApi(state: State, ledger: Ledger, nonces: NonceStore, sts?: StsIssuer): ProviderApi {
  const ctx = { state, ledger };
  return {
    provider: 'aliyun',
    prepare(req: EmuRequest): Call | EmuResponse {
      const requestId = aliRequestId();
      if (req.method !== 'GET' && req.method !== 'POST')
        return aliError(requestId, 403, 'UnsupportedHTTPMethod', `HTTP method ${req.method} is not supported.`);
      let queryPairs: Pair[],
        bodyPairs: Pair[] = [];
      try {
        queryPairs = parsePairs(req.rawQuery);
        const ct = (req.headers['content-type'] ?? '').toLowerCase();
        if (req.method === 'POST' && req.body && (ct === '' || ct.includes('x-www-form-urlencoded'))) bodyPairs = parsePairs(req.body);
      } catch {
        return aliError(requestId, 400, 'InvalidParameter', 'The request contains malformed percent-encoding.');
      }
      const isV3 = /^ACS3-/.test(req.headers['authorization'] ?? '');
      const params: Record<string, string> = Object.create(null);
      for (const [k, v] of queryPairs) params[k] = v;
      for (const [k, v] of bodyPairs) params[k] = v;
      const action = isV3 ? (req.headers['x-acs-action'] ?? '') : (params.Action ?? '');
      const version = isV3 ? (req.headers['x-acs-version'] ?? '') : (params.Version ?? '');
      if (!action)
        return aliError(
          requestId,
          400,
          'MissingParameter',
          'The input parameter “Action” that is mandatory for processing this request is not supplied.',
        );
      if (!version)
        return aliError(
          requestId,
          400,
          'MissingParameter',
          'The input parameter “Version” that is mandatory for processing this request is not supplied.',
        );
      const auth = isV3
        ? verifyV3(req, queryPairs, params, state, nonces)
        : verifyRpcV1(req.method, [...queryPairs, ...bodyPairs], state, nonces);
      if (!auth.ok) return aliError(requestId, auth.status, auth.code, auth.message);
      if (sts && version === ALI_STS_VERSION && action === 'AssumeRole')
        return { account: auth.account, region: '', action, params, requestId };
      if (version !== ALI_VERSION || !ALI_ACTIONS[action])
        return aliError(requestId, 404, 'InvalidApi.NotFound', 'Specified api is not found, please check your url and method.');
      return { account: auth.account, region: params.RegionId ?? '', action, params, requestId };
    },
    run(call: Call): EmuResponse {
      state.tick();
      try {
        if (sts && call.params.Version === ALI_STS_VERSION) return aliOk(call.requestId, sts.aliyunAssumeRole(call.account, call.params));
        return aliOk(call.requestId, ALI_ACTIONS[call.action](ctx, call));
      } catch (e) {
        if (e instanceof ApiError) return aliError(call.requestId, e.status, e.code, e.message);
        throw e;
      }
    },
    faultError(call: Call, kind: ErrorFault, retryAfterMs: number): EmuResponse {
      if (kind === 'throttle') {
        return aliError(
          call.requestId,
          400,
          'Throttling',
          'You have made too many requests within a short time; your request is denied due to request throttling.',
          { 'x-acs-retry-after': String(retryAfterMs) },
        );
      }
      if (kind === 'unavailable')
        return aliError(call.requestId, 503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');
      return aliError(call.requestId, 500, 'InternalError', documentedError('ModifyReservedInstances', 'InternalError').message);
    },
    apiError(call: Call, status: number, code: string, message: string): EmuResponse {
      return aliError(call.requestId, status, code, message);
    },
    idempotency() {
      return undefined;
    },
    idempotencyError(call: Call): EmuResponse {
      return aliError(
        call.requestId,
        400,
        'IdempotentParameterMismatch',
        'The request uses the same client token as a previous, but non-identical request.',
      );
    },
    dropRequiredField(body: Record<string, unknown>): void {
      const paths: [string, string, string][] = [
        ['ReservedInstances', 'ReservedInstance', 'ReservedInstanceId'],
        ['Regions', 'Region', 'RegionId'],
        ['Zones', 'Zone', 'ZoneId'],
      ];
      for (const [a, b, id] of paths) {
        const list = (body[a] as Record<string, unknown[]> | undefined)?.[b];
        if (Array.isArray(list) && list.length) {
          const first = { ...(list[0] as Record<string, unknown>) };
          delete first[id];
          list[0] = first;
          return;
        }
        if (Array.isArray(list)) {
          delete body[a];
          return;
        }
      }
      if (body.ReservedInstanceIdSets) {
        delete body.ReservedInstanceIdSets;
        return;
      }
      delete body.RequestId;
    },
  };
}
