import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { RateLimiter } from '@lp/web-kit/node';
import { sendProblem } from './problem.ts';

/** The verify routes' default: as many requests per address as the issuer allows per API key. */
export const VERIFY_RATE_LIMIT = { limit: 600, windowMs: 60_000 } as const;

/**
 * A per-address rate limit for the verify routes, which need no API key: past `limit` requests in
 * the window, 429 RATE_LIMITED with Retry-After (RFC 9110 §10.2.3) before the body is read.
 * The address is the socket's (or Express's `req.ip` when the app trusts a proxy).
 */
export function limitByAddress(opts: { limit: number; windowMs: number; now: () => Date }): RequestHandler {
  const limiter = new RateLimiter(opts.limit, opts.windowMs);
  return (req: Request, res: Response, next: NextFunction) => {
    const wait = limiter.take(req.ip ?? req.socket.remoteAddress ?? 'unknown', opts.now().getTime());
    if (wait > 0) {
      res.set('Retry-After', String(wait));
      return sendProblem(res, 429, 'RATE_LIMITED', `too many verification requests from this address; retry after ${wait} s`);
    }
    next();
  };
}
