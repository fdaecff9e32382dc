import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import {
  catalogueLookupFromBundle, parsePlacementPolicy, RecognitionError, splitEvidence, suggestPlacement, summariseLearning,
  type PlacementPolicy, type SelfDeclaredItem,
} from '@lp/recognition';
import { verifyAny, type VerificationResult, type VerifyContext } from '@lp/verify';
import { sendProblem } from './problem.ts';
import { bodyErrors, jsonBody, sendBodyInvalid } from './json-body.ts';
import { resultToJson } from '../result-json.ts';

export interface RecognitionRouterOptions {
  /** The trust bundle in use; without one nothing is VALID, so nothing counts. */
  context: () => Pick<VerifyContext, 'bundle'> | Promise<Pick<VerifyContext, 'bundle'>>;
  now?: () => Date;
  /** The ministry's or school's policy (LP_RECOGNITION_POLICY); a RecognitionError when its file did not parse. */
  policy?: () => PlacementPolicy | RecognitionError | undefined;
}

/** A learner's records (several full records and seals) fit well under this. */
export const RECOGNITION_BODY_LIMIT = '2mb';

const zBody = z.strictObject({
  /** Full records (JSON or vc+jwt) and `LP1:` seal texts. */
  credentials: z.array(z.union([z.record(z.string(), z.unknown()), z.string().min(1).max(1_000_000)])).max(64).optional(),
  verifiablePresentation: z.record(z.string(), z.unknown()).optional(),
  selfDeclared: z.array(z.unknown()).max(64).optional(),
  host: z.string().min(1).max(64).optional(),
  birthDate: z.string().min(1).max(64).optional(),
  /** A policy for this request (the same JSON as a policy file), instead of the server's. */
  policy: z.unknown().optional(),
  lang: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/).optional(),
}).refine((b) => b.credentials !== undefined || b.verifiablePresentation !== undefined || b.selfDeclared !== undefined, { message: 'give credentials, a verifiablePresentation or selfDeclared items', path: ['credentials'] })
  .refine((b) => (b.host === undefined) === (b.birthDate === undefined), { message: 'host and birthDate go together', path: ['host'] });

/**
 * `POST /recognition/summary`: `{credentials | verifiablePresentation, selfDeclared?, host?,
 * birthDate?, policy?}` → 200 `{records, summary, suggestion?}`. Each credential is verified with
 * the one pipeline; the summary counts VALID records only; with `host` and `birthDate` the
 * advisory placement comes too. Bad input from the school → 422 with its code (COUNTRY_UNKNOWN,
 * BIRTH_DATE_IN_FUTURE, POLICY_INVALID, …); a malformed body 400, not JSON 415, over 2 MB 413.
 */
export function createRecognitionRouter(opts: RecognitionRouterOptions): Router {
  const router = express.Router();
  const { requireJson } = jsonBody(RECOGNITION_BODY_LIMIT);

  router.post('/recognition/summary', requireJson, async (req: Request, res: Response) => {
    const body = zBody.safeParse(req.body);
    if (!body.success) return sendBodyInvalid(res, '{credentials | verifiablePresentation, selfDeclared?, host?, birthDate?, policy?}', body.error);
    const b = body.data;
    const now = opts.now?.() ?? new Date();
    try {
      const serverPolicy = opts.policy?.();
      if (b.policy === undefined && serverPolicy instanceof RecognitionError) {
        return sendProblem(res, 503, serverPolicy.code, `the server's placement policy is not usable: ${serverPolicy.message}`);
      }
      const policy = b.policy !== undefined ? parsePlacementPolicy(b.policy) : (serverPolicy as PlacementPolicy | undefined);
      const inputs = [...(b.credentials ?? []).flatMap((c) => splitEvidence(c)), ...(b.verifiablePresentation ? splitEvidence(b.verifiablePresentation) : [])];
      if (inputs.length > 64) throw new RecognitionError('INPUT_INVALID', 'at most 64 credentials at once');
      const ctx: VerifyContext = { bundle: (await opts.context()).bundle, now, ...(b.lang ? { lang: b.lang } : {}) };
      const results: VerificationResult[] = [];
      for (const input of inputs) results.push(await verifyAny(input, ctx));
      const summary = summariseLearning({
        results, now, catalogue: catalogueLookupFromBundle(ctx.bundle?.bundle),
        ...(b.selfDeclared ? { selfDeclared: b.selfDeclared as SelfDeclaredItem[] } : {}), ...(policy ? { policy } : {}),
      });
      const suggestion = b.host !== undefined ? suggestPlacement({ summary, host: b.host, birthDate: b.birthDate!, now, ...(policy ? { policy } : {}) }) : undefined;
      res.status(200).json({ records: results.map((r) => resultToJson(r)), summary, ...(suggestion ? { suggestion } : {}) });
    } catch (err) {
      if (err instanceof RecognitionError) return sendProblem(res, 422, err.code, err.message);
      throw err;
    }
  });

  router.use(bodyErrors(() => RECOGNITION_BODY_LIMIT));
  return router;
}
