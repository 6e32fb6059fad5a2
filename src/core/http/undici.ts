/**
 * The parts of undici the transport uses: the connection pool and its `request` method.
 * Loading them directly, instead of the package root, keeps fetch, WebSocket, caches and mocks out of
 * the extension bundle.
 */
import type { Pool as UndiciPool } from 'undici';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const PoolImpl: typeof UndiciPool = require('undici/lib/dispatcher/pool');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const request: UndiciPool['request'] = require('undici/lib/api/api-request');

const proto = PoolImpl.prototype as { request?: unknown };
if (typeof proto.request !== 'function') proto.request = request;

export const Pool = PoolImpl;
export type Pool = UndiciPool;
