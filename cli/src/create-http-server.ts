import http, { type RequestListener, type Server } from 'node:http';

/** A whole request (headers and body) must arrive within this, unless LP_REQUEST_TIMEOUT_MS says otherwise. */
export const REQUEST_TIMEOUT_MS = 60_000;

export interface HttpTimeouts {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  checkEveryMs: number;
}

/**
 * LP_REQUEST_TIMEOUT_MS (whole milliseconds, at least 100) or 60 s: a client that trickles its
 * body (a byte a second keeps a socket open for ever under a per-read idle timeout) is answered
 * 408 and cut once the whole request has taken that long. 60 s lets a 10 MB photo through at
 * ~170 KB/s. Node looks for expired requests only every `connectionsCheckingInterval` (30 s by
 * default), so that interval follows the timeout.
 */
export function httpTimeoutsFrom(env: NodeJS.ProcessEnv): HttpTimeouts {
  const text = env.LP_REQUEST_TIMEOUT_MS;
  const requestTimeoutMs = text !== undefined && /^\d+$/.test(text) && Number(text) >= 100 ? Number(text) : REQUEST_TIMEOUT_MS;
  return {
    requestTimeoutMs,
    // Node requires headersTimeout <= requestTimeout.
    headersTimeoutMs: Math.min(20_000, requestTimeoutMs),
    checkEveryMs: Math.max(50, Math.min(5_000, Math.floor(requestTimeoutMs / 10))),
  };
}

/** An HTTP server for `app` whose slow requests are cut after the timeouts. */
export function createHttpServer(app: RequestListener, timeouts: HttpTimeouts): Server {
  return http.createServer({
    requestTimeout: timeouts.requestTimeoutMs,
    headersTimeout: timeouts.headersTimeoutMs,
    connectionsCheckingInterval: timeouts.checkEveryMs,
  }, app);
}
