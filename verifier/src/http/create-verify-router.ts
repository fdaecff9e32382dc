import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { CHECK_IDS } from '@lp/model';
import { verifyFullRecord, type VerifyFullRecordOptions } from '@lp/formats';
import { sendProblem } from './problem.ts';

export interface VerifyRouterOptions {
  /** The verifier's clock (tests set it). */
  now?: () => Date;
  /** Extra verification options (trust, status) that later steps inject. */
  verifyOptions?: () => Omit<VerifyFullRecordOptions, 'now' | 'checks'>;
}

/** Bodies above this are refused with 413 before they are parsed (DESIGN.md, security rules). */
export const VERIFY_BODY_LIMIT = '1mb';

const zVerifyBody = z.object({
  verifiableCredential: z.union([z.record(z.string(), z.unknown()), z.string().min(1)]),
  options: z.object({ checks: z.array(z.enum(CHECK_IDS)).min(1).optional() }).loose().optional(),
});

/**
 * `POST /credentials/verify` of the W3C VC-API (VCALM): body `{verifiableCredential, options}`;
 * 200 with the result when VALID, 422 when INVALID or UNKNOWN, 400 for a malformed body, 413 over
 * 1 MB, 415 for a body that is not JSON. The credential is a JSON object with a Data Integrity
 * proof or a compact application/vc+jwt string.
 */
export function createVerifyRouter(opts: VerifyRouterOptions = {}): Router {
  const router = express.Router();
  const json = express.json({ limit: VERIFY_BODY_LIMIT, type: () => true });
  router.post('/credentials/verify', (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('application/json')) {
      sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
      return;
    }
    json(req, res, next);
  }, async (req: Request, res: Response) => {
    const body = zVerifyBody.safeParse(req.body);
    if (!body.success) {
      sendProblem(res, 400, 'BODY_INVALID', `expected {verifiableCredential, options}: ${body.error.issues[0]?.message ?? 'invalid'} at ${body.error.issues[0]?.path.join('.') || '$'}`);
      return;
    }
    const { verifiableCredential, options } = body.data;
    const result = await verifyFullRecord(verifiableCredential, {
      ...opts.verifyOptions?.(),
      now: opts.now?.() ?? new Date(),
      ...(options?.checks ? { checks: options.checks } : {}),
    });
    res.status(result.verdict === 'VALID' ? 200 : 422).json({ verified: result.verdict === 'VALID', verdict: result.verdict, checks: result.checks });
  });
  // body-parser's errors (size, JSON syntax) become problem+json with a stable code.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    const e = err as { type?: string; status?: number };
    if (e?.type === 'entity.too.large') return sendProblem(res, 413, 'BODY_TOO_LARGE', `the body is over ${VERIFY_BODY_LIMIT}`);
    if (e?.type === 'entity.parse.failed') return sendProblem(res, 400, 'BODY_NOT_JSON', 'the body is not valid JSON');
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return sendProblem(res, e.status, 'BODY_INVALID', 'the body could not be read');
    next(err);
  });
  return router;
}
