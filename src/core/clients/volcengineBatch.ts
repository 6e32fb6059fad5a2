/**
 * What Volcengine's batch actions (DeleteInstances and its siblings, DeleteScheduledInstance) use besides the client:
 * the outcome per instance read from an answer's OperationDetails, and the pause before the next chunk is prepared.
 */
import type * as z from 'zod/mini';
import type { BatchOutcome, ItemResult } from '../batch';
import { LocalCodes } from '../errors';
import { redact } from '../redact';
import type { DeleteInstancesResponse } from '../schemas/volcengine';

/**
 * Resolves after a request handed to the transport now has been written. undici (7.x) does not write to a
 * reused keep-alive socket at once: it resumes from a setImmediate after the previous response and checks the
 * idle socket in another, then writes. Waiting two check phases puts work after that write; with one, signing
 * ran first and delayed every write by ~0.25 ms (per-call timelines, undici diagnostics channels). Should the
 * write come later still, the work only delays it, as before.
 */
export function afterWrite(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

/** A batch outcome named by instance ID (DeleteInstances' public result). */
export type InstanceOutcome = Omit<BatchOutcome, 'id'> & { instanceId: string };

export interface DeleteInstancesResult {
  /** Exactly one per requested (deduplicated) ID, in request order. */
  outcomes: InstanceOutcome[];
  calls: { clientToken: string; requestId?: string; instanceIds: string[] }[];
}

type OperationDetail = z.output<typeof DeleteInstancesResponse>['Result']['OperationDetails'][number];

/**
 * One result per ID of a DeleteInstances answer. By ID; a detail without an InstanceId stands for the ID at its
 * position when the answer has one detail per ID and that ID is named nowhere else. IDs matched by neither are
 * OutcomeUnknown (the call was accepted; it may have been deleted).
 */
export function operationResults(
  ids: readonly string[],
  details: readonly OperationDetail[],
  secrets: readonly string[],
  did: string,
): ItemResult[] {
  let byId: Map<string, OperationDetail> | undefined; // built only if the details are not in request order
  const named = () => (byId ??= new Map(details.filter((x) => x.InstanceId).map((x) => [x.InstanceId!, x])));
  const positional = details.length === ids.length;
  const out: ItemResult[] = new Array(ids.length);
  // A refusal's code and message mostly repeat across the IDs of one answer: each distinct text is redacted once.
  const redacted = new Map<string, string>();
  const clean = (text: string): string => {
    let r = redacted.get(text);
    if (r === undefined) redacted.set(text, (r = redact(text, secrets)));
    return r;
  };
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    let d: OperationDetail | undefined = details[k];
    if (d?.InstanceId !== id) {
      const at = d;
      d = named().get(id);
      if (!d && positional && at && !at.InstanceId) d = at;
    }
    const code = d?.Error?.Code ? clean(d.Error.Code) : undefined;
    const said = d?.Error?.Message ? clean(d.Error.Message) : undefined;
    out[k] = !d
      ? {
          ok: false,
          code: LocalCodes.outcomeUnknown,
          message: `The response has no operation detail for this instance: it may have been ${did}; refresh to see its state.`,
        }
      : code
        ? { ok: false, code, message: said }
        : said
          ? {
              // An Error with a message but no code: neither a refusal nor a plain success.
              ok: false,
              code: LocalCodes.outcomeUnknown,
              message: `The response gives no error code for this instance, only: ${said}. It may have been ${did}; refresh to see its state.`,
            }
          : { ok: true }; // no Error, null, or an empty Code and Message: done
  }
  return out;
}
