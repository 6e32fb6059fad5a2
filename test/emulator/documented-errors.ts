/**
 * The error tables of the three API documents the product follows, row for row: HTTP status, code and message
 * as documented. Handlers answer these codes with these texts; `%s` marks a message the server fills in (the
 * handler's own text, or the fault's `message`). test/unit/project/proof/documented-errors.test.ts compares this table
 * with the documents' rows kept in test/fixtures/documented/errors.json.
 */
import { fail } from './api-error';

export interface DocumentedError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
}

export type DocumentedAction = 'DeleteScheduledInstance' | 'DeleteInstances' | 'ModifyReservedInstances';

const IDEMPOTENT_MISMATCH =
  'The request uses the same client token as a previous, but non-identical request. Do not reuse a client token with different requests, unless the requests are identical.';
const IDEMPOTENT_PROCESSING = 'The request uses the same client token as a previous one that is still in process.';

export const DOCUMENTED_ERRORS: Readonly<Record<DocumentedAction, readonly DocumentedError[]>> = {
  DeleteScheduledInstance: [
    { status: 400, code: 'IdempotentParameterMismatch', message: IDEMPOTENT_MISMATCH },
    { status: 400, code: 'InvalidClientToken.Malformed', message: 'The specified ClientToken is malformed.' },
    {
      status: 400,
      code: 'InvalidDeliveryTypeForScheduledInstanceDeletion.Unsupported',
      message: 'The specified DeliveryType cannot be used for scheduled instance deletion.',
    },
    {
      status: 400,
      code: 'InvalidScheduledInstanceStatus',
      message: 'The specified scheduled instance is not in the correct status for the request.',
    },
    { status: 400, code: 'MissingParameter.ScheduledInstanceId', message: 'The required parameter ScheduledInstanceId is not supplied.' },
    { status: 404, code: 'InvalidScheduledInstance.NotFound', message: 'The specified scheduled instance does not exist.' },
    { status: 412, code: 'IdempotentProcessing', message: IDEMPOTENT_PROCESSING },
    {
      status: 412,
      code: 'OperationDenied.LatestCancelTime',
      message: 'The specified operation is denied as your resource has exceeded the latest appointment cancellation time.',
    },
    { status: 500, code: 'InternalError', message: 'An internal error has occurred.' },
  ],
  DeleteInstances: [
    { status: 400, code: 'IdempotentParameterMismatch', message: IDEMPOTENT_MISMATCH },
    { status: 400, code: 'InvalidArgument', message: 'The specified argument is invalid.' },
    { status: 400, code: 'InvalidClientToken.Malformed', message: 'The specified ClientToken is malformed.' },
    { status: 400, code: 'InvalidCount.Malformed', message: 'The specified count is malformed.' },
    {
      status: 400,
      code: 'InvalidDedicatedHostStatus.Unsupported',
      message: 'The status of the specified dedicated host does not support this request.',
    },
    { status: 412, code: 'IdempotentProcessing', message: IDEMPOTENT_PROCESSING },
    { status: 500, code: 'InternalError', message: 'An internal error has occurred.' },
  ],
  ModifyReservedInstances: [
    { status: 400, code: 'InvalidInstanceType.ValueUnauthorized', message: 'The specified InstanceType is not authorized.' },
    {
      status: 403,
      code: 'OperationDenied.NoStock',
      message: 'The requested resource is sold out in the specified zone; try other types of resources or other regions and zones.',
    },
    { status: 500, code: 'InternalError', message: 'The request processing has failed due to some unknown error.' },
    {
      status: 403,
      code: 'OperationDenied',
      message: 'Sales of this resource are temporarily suspended in the specified region; please try again later.',
    },
    { status: 400, code: 'InvalidParameter.Conflict', message: 'The specified region and cluster do not match.' },
    { status: 403, code: 'NodeControllerUnavailable', message: 'The Node Controller is temporarily unavailable.' },
    { status: 403, code: 'OperationDenied', message: 'The resource is out of usage.' },
    { status: 403, code: 'InvalidParameter.ResourceOwnerAccount', message: 'ResourceOwnerAccount is Invalid.' },
    { status: 403, code: 'Zone.NotOpen', message: 'The specified zone is not granted to you to buy resources yet.' },
    { status: 403, code: 'Zone.NotOnSale', message: 'The specified zone is not available for purchase.' },
    { status: 400, code: 'InvalidTagKey.Malformed', message: 'The specified Tag.n.Key is not valid.' },
    { status: 400, code: 'RegionUnauthorized', message: '%s' },
    { status: 500, code: 'InternalError', message: '%s' },
    { status: 400, code: 'Zone.NotOnSale', message: '%s' },
    { status: 400, code: 'InvalidPeriodUnit.ValueNotSupported', message: 'The specified parameter PeriodUnit is not valid.' },
    { status: 400, code: 'InvalidTagValue.Malformed', message: 'The specified Tag.n.Value is not valid.' },
    { status: 403, code: 'InvalidParameter.NotMatch', message: '%s' },
    { status: 403, code: 'Account.Arrearage', message: 'Your account has been in arrears.' },
    { status: 400, code: 'InvalidChargeType.ValueNotSupported', message: 'ChargeType is not valid' },
    { status: 403, code: 'IncorrectInstanceStatus', message: 'The current status of the resource does not support this operation.' },
  ],
};

export function isDocumentedAction(action: string): action is DocumentedAction {
  return Object.prototype.hasOwnProperty.call(DOCUMENTED_ERRORS, action);
}

/**
 * The documented row of an action's code: the first, or the one with this status, or the `variant`-th (0-based)
 * of those (a code may be documented twice, e.g. OperationDenied with two messages). Throws when there is none.
 */
export function documentedError(action: DocumentedAction, code: string, pick: { status?: number; variant?: number } = {}): DocumentedError {
  const rows = DOCUMENTED_ERRORS[action].filter((r) => r.code === code && (pick.status === undefined || r.status === pick.status));
  const row = rows[pick.variant ?? 0];
  if (!row) {
    const known = [...new Set(DOCUMENTED_ERRORS[action].map((r) => r.code))].join(', ');
    throw new Error(
      `${action} documents no error ${code}${pick.status ? ` with status ${pick.status}` : ''}${pick.variant ? ` variant ${pick.variant}` : ''}; documented: ${known}`,
    );
  }
  return row;
}

/** The message of a row, with `%s` filled in. */
export function documentedMessage(row: DocumentedError, detail: string): string {
  return row.message.includes('%s') ? row.message.replace('%s', detail) : row.message;
}

/** Fails the call with a documented error (`detail` fills a `%s` message). */
export function failDocumented(
  action: DocumentedAction,
  code: string,
  opts: { status?: number; variant?: number; detail?: string } = {},
): never {
  const row = documentedError(action, code, opts);
  return fail(row.status, row.code, documentedMessage(row, opts.detail ?? code));
}
