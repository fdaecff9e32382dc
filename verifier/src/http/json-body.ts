import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { ModelError, parseJsonBytes } from '@lp/model';
import { sendProblem } from './problem.ts';

/**
 * The JSON body handling every verifier route shares: `parse` reads the raw body up to `limit`
 * (413 past it, unparsed), then @lp/model's one strict reader: ill-formed UTF-8 → 400
 * ENCODING_INVALID (never believed as U+FFFD), a key twice → 400 JSON_DUPLICATE_KEY.
 * `requireJson` also answers 415 to any other content type.
 */
export function jsonBody(limit: number | string): { parse: RequestHandler; requireJson: RequestHandler } {
  const raw = express.raw({ limit, type: () => true });
  const parse: RequestHandler = (req, res, next) => raw(req, res, (err?: unknown) => {
    if (err) return next(err);
    if (!(req.body instanceof Uint8Array)) {
      req.body = undefined;
      return next();
    }
    try {
      req.body = parseJsonBytes(new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength), { maxBytes: Number.MAX_SAFE_INTEGER });
    } catch (e) {
      if (!(e instanceof ModelError)) return next(e);
      if (e.code === 'ENCODING_INVALID' || e.code === 'JSON_DUPLICATE_KEY') return sendProblem(res, 400, e.code, e.message);
      return sendProblem(res, 400, e.code === 'EMPTY_INPUT' ? 'BODY_INVALID' : 'BODY_NOT_JSON', e.code === 'EMPTY_INPUT' ? 'the body is empty' : 'the body is not valid JSON');
    }
    next();
  });
  const requireJson = (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('application/json')) return sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
    parse(req, res, next);
  };
  return { parse, requireJson };
}

/** 400 BODY_INVALID naming what was expected and the first zod issue with its path. */
export function sendBodyInvalid(res: Response, expected: string, error: z.ZodError): void {
  const first = error.issues[0];
  sendProblem(res, 400, 'BODY_INVALID', `expected ${expected}: ${first?.message ?? 'invalid'} at ${first?.path.join('.') || '$'}`);
}

/** body-parser's errors (size, JSON syntax) as problem+json with a stable code; registered last. */
export function bodyErrors(limitOf: (req: Request) => number | string): ErrorRequestHandler {
  return (err, req, res, next) => {
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large') return sendProblem(res, 413, 'BODY_TOO_LARGE', `the body is over ${limitOf(req)}`);
    if (e?.type === 'entity.parse.failed') return sendProblem(res, 400, 'BODY_NOT_JSON', 'the body is not valid JSON');
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return sendProblem(res, e.status, 'BODY_INVALID', 'the body could not be read');
    next(err);
  };
}
