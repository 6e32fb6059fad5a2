/**
 * Batch actions: IDs sent in chunks of the API's limit, one ClientToken per chunk (reused by its retries),
 * exactly one outcome per unique ID, progress and cancellation. One chunk is on the wire at a time, in order;
 * while it is, the next chunk is prepared (signed), so it goes out as soon as the answer is recorded.
 */
import { CloudError, LocalCodes } from './errors';
import { redact } from './redact';
import { chunk, newClientToken } from './clients/common';

/** What the server said about one ID of an answered chunk. */
export interface ItemResult {
  ok: boolean;
  code?: string;
  message?: string;
}

/** One chunk's answer: its RequestId and one result per ID, in the chunk's order (undefined: not mentioned). */
export interface ChunkAnswer {
  requestId: string;
  results: readonly (ItemResult | undefined)[];
}

/** The outcome of one ID. `ok` false with code `OutcomeUnknown`: it may have happened. `Cancelled`: not sent. */
export interface BatchOutcome {
  id: string;
  ok: boolean;
  code?: string;
  message?: string;
  requestId?: string;
  clientToken?: string;
  /** The HTTP status of a chunk refused as a whole. */
  httpStatus?: number;
}

export interface BatchCall {
  clientToken: string;
  requestId?: string;
  ids: string[];
}

export interface BatchResult {
  /** Exactly one per requested (deduplicated) ID, in request order. */
  outcomes: BatchOutcome[];
  /** One per chunk that was sent (or may have been). */
  calls: BatchCall[];
}

export interface BatchSpec {
  /** IDs in request order; duplicates are sent once. */
  ids: readonly string[];
  /** The API's limit of IDs per call. */
  chunkSize: number;
  /**
   * Prepares the call for one chunk (resolves credentials, signs); the returned function sends it. The call must
   * reuse `clientToken` on every retry. Errors are `CloudError`s; anything else is taken as outcome unknown.
   */
  prepare(ids: string[], clientToken: string, signal?: AbortSignal): Promise<() => Promise<ChunkAnswer>>;
  signal?: AbortSignal;
  /** Called with (done, total) before the first chunk and after each; a hook that throws is ignored. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Waits before the next chunk is prepared while one is on the wire (the client's write-after hook), so
   * preparing does not delay that write. Default: none.
   */
  yieldBeforePrepare?: () => Promise<void>;
  /** Words for the outcome messages (the action, e.g. "deleted"). */
  did?: string;
  /** The ClientToken source (tests). */
  newToken?: () => string;
}

export const NOT_SENT_MESSAGE = 'Not sent: the operation was cancelled.';
export const CANCELLED_IN_FLIGHT_MESSAGE = 'Cancelled after the request was sent: it may have been applied; refresh to check.';

/** Cancelled while the request was in flight: the server may have acted. */
function cancelledInFlight(e: CloudError): boolean {
  return (
    (e.kind === 'cancelled' && e.sent === true) ||
    (e.kind === 'outcome-unknown' && e.cause instanceof CloudError && e.cause.kind === 'cancelled')
  );
}

/** Runs a batch action; never throws for a chunk's failure: every unique ID gets exactly one outcome. */
export async function runBatch(spec: BatchSpec): Promise<BatchResult> {
  const unique = [...new Set(spec.ids)];
  const size = Math.max(1, Math.floor(spec.chunkSize));
  const chunks = chunk(unique, size);
  const outcomes: BatchOutcome[] = new Array(unique.length); // chunk i covers [i * size, i * size + its length)
  const calls: BatchCall[] = [];
  const token = spec.newToken ?? newClientToken;
  const did = spec.did ?? 'applied';
  const fill = (start: number, ids: string[], o: Omit<BatchOutcome, 'id'>) => {
    for (let k = 0; k < ids.length; k++) outcomes[start + k] = { id: ids[k], ...o };
  };
  let done = 0;
  const report = () => {
    try {
      spec.onProgress?.(done, unique.length);
    } catch {
      /* a reporting hook must not lose or change outcomes */
    }
  };
  report();

  type Answer = { ok: true; value: ChunkAnswer } | { ok: false; error: unknown };
  interface Prepared {
    ids: string[];
    start: number;
    clientToken: string;
    ready: Promise<() => Promise<ChunkAnswer>>;
  }
  const prepare = (i: number, later: boolean): Prepared => {
    const ids = chunks[i];
    const clientToken = token();
    const ready =
      later && spec.yieldBeforePrepare
        ? spec.yieldBeforePrepare().then(() => spec.prepare(ids, clientToken, spec.signal))
        : Promise.resolve().then(() => spec.prepare(ids, clientToken, spec.signal));
    ready.catch(() => undefined); // reported when the chunk is sent (or dropped if cancelled)
    return { ids, start: i * size, clientToken, ready };
  };
  const send = (c: Prepared): Promise<Answer> =>
    c.ready
      .then((run) => run())
      .then(
        (value): Answer => ({ ok: true, value }),
        (error: unknown): Answer => ({ ok: false, error }),
      );
  const record = (c: Prepared, a: Answer) => {
    const clientToken = c.clientToken;
    if (a.ok) {
      const { requestId, results } = a.value;
      calls.push({ clientToken, requestId, ids: c.ids });
      for (let k = 0; k < c.ids.length; k++) {
        const r = results[k];
        outcomes[c.start + k] = !r
          ? {
              // The call was accepted; the answer does not say what happened to this one.
              id: c.ids[k],
              ok: false,
              code: LocalCodes.outcomeUnknown,
              requestId,
              clientToken,
              message: `The response says nothing about this resource: it may have been ${did}; refresh to see its state.`,
            }
          : r.ok
            ? { id: c.ids[k], ok: true, requestId, clientToken }
            : { id: c.ids[k], ok: false, code: r.code, message: r.message, requestId, clientToken };
      }
    } else if (!(a.error instanceof CloudError)) {
      // Not expected (the calls throw CloudError); the request may have gone out, so the outcome is unknown.
      const e = a.error;
      calls.push({ clientToken, ids: c.ids });
      fill(c.start, c.ids, {
        ok: false,
        code: LocalCodes.outcomeUnknown,
        clientToken,
        message: `Unexpected failure (${redact(e instanceof Error ? e.message : String(e))}): the request may have been applied; refresh to check.`,
      });
    } else {
      const e = a.error;
      calls.push({ clientToken, requestId: e.requestId, ids: c.ids });
      const inFlight = cancelledInFlight(e);
      fill(c.start, c.ids, {
        ok: false,
        code: inFlight ? LocalCodes.outcomeUnknown : e.code,
        message: inFlight ? CANCELLED_IN_FLIGHT_MESSAGE : e.message,
        requestId: e.requestId,
        clientToken,
        ...(e.httpStatus !== undefined && !inFlight ? { httpStatus: e.httpStatus } : {}),
      });
    }
    done += c.ids.length;
    report();
  };

  // Each answer is recorded (and progress reported) before the next chunk is sent, so a cancel seen at a
  // progress step stops the rest.
  let next: Prepared | undefined;
  for (let i = 0; i < chunks.length; i++) {
    if (spec.signal?.aborted) {
      fill(i * size, chunks[i], { ok: false, code: 'Cancelled', message: NOT_SENT_MESSAGE });
      continue;
    }
    const c = next ?? prepare(i, false);
    const answer = send(c);
    next = i + 1 < chunks.length ? prepare(i + 1, true) : undefined;
    record(c, await answer);
  }
  return { outcomes, calls };
}
