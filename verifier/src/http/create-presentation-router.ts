import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { DocumentLoader } from '@lp/formats';
import type { VerificationResult, VerifyContext } from '@lp/verify';
import { createChallengeStore, type ChallengeStore } from '../presentations/challenge-store.ts';
import { verifyPresentation } from '../presentations/verify-presentation.ts';
import { bodyErrors, jsonBody, sendBodyInvalid } from './json-body.ts';
import { zVcApiChecks } from './z-vc-api-checks.ts';

export interface PresentationRouterOptions {
  /** The trust bundle and clock for the credentials inside (the pipeline's context). */
  context: () => Omit<VerifyContext, 'now'> | Promise<Omit<VerifyContext, 'now'>>;
  now?: () => Date;
  /** This verifier's domain; default: the Host header the request came to. */
  domain?: string;
  challenges?: ChallengeStore;
  documentLoader: DocumentLoader;
}

/** A presentation with a few full records is far below this; larger bodies get 413 unparsed. */
export const PRESENTATION_BODY_LIMIT = '2mb';

const zVerifyBody = z.object({
  verifiablePresentation: z.record(z.string(), z.unknown()),
  options: z.object({
    challenge: z.string().min(1).max(200).optional(),
    domain: z.string().min(1).max(300).optional(),
    requireHolderBinding: z.boolean().optional(),
    // The same narrower question /credentials/verify takes, asked of every credential inside
    // (the holder's proof, challenge and domain are always checked).
    checks: zVcApiChecks.optional(),
  }).loose().optional(),
});

/**
 * The verifier's presentation endpoints (W3C VC-API):
 * - `POST /presentations/challenges` → 201 `{challenge, expires}`: a one-time, 5-minute nonce;
 * - `POST /presentations/verify` `{verifiablePresentation, options: {challenge, domain, checks?}}` → 200
 *   when valid, 422 with the result otherwise: `{verified, verdict, checks, credentials}` where
 *   `checks` are the 'presentation' checks (PRESENTATION_CHALLENGE_*, PRESENTATION_DOMAIN_MISMATCH,
 *   PRESENTATION_HOLDER_NOT_SUBJECT, PRESENTATION_SIGNATURE_INVALID…) and `credentials` one
 *   pipeline result per credential. 400/413/415 as problem+json.
 */
export function createPresentationRouter(opts: PresentationRouterOptions): Router {
  const now = opts.now ?? (() => new Date());
  const challenges = opts.challenges ?? createChallengeStore({ now });
  const router = express.Router();
  const { requireJson } = jsonBody(PRESENTATION_BODY_LIMIT);

  router.post('/presentations/challenges', async (_req: Request, res: Response) => {
    try {
      res.status(201).json(await challenges.issue());
    } catch {
      // A shared challenge store (the database) that cannot be reached: nothing was issued.
      res.status(503).set('Retry-After', '5').type('application/problem+json')
        .send(JSON.stringify({ type: 'urn:lp:problem:CHALLENGE_STORE_UNAVAILABLE', title: 'CHALLENGE_STORE_UNAVAILABLE', status: 503, code: 'CHALLENGE_STORE_UNAVAILABLE', detail: 'challenges cannot be stored right now; retry shortly' }));
    }
  });

  router.post('/presentations/verify', requireJson, async (req: Request, res: Response) => {
    const body = zVerifyBody.safeParse(req.body);
    if (!body.success) {
      sendBodyInvalid(res, '{verifiablePresentation, options: {challenge, domain}}', body.error);
      return;
    }
    const { verifiablePresentation, options } = body.data;
    const result = await verifyPresentation(verifiablePresentation, {
      challenge: options?.challenge,
      domain: options?.domain,
      requireHolderBinding: options?.requireHolderBinding,
      expectedDomain: opts.domain ?? req.get('host') ?? '',
      challenges,
      documentLoader: opts.documentLoader,
      ctx: { ...(await opts.context()), now: now(), ...(options?.checks ? { requiredChecks: options.checks } : {}) },
    });
    res.status(result.verified ? 200 : 422).json({
      verified: result.verified,
      verdict: result.verdict,
      holder: result.holder ?? null,
      checks: result.checks,
      credentials: result.credentials.map(credentialJson),
    });
  });

  router.use(bodyErrors(() => PRESENTATION_BODY_LIMIT));
  return router;
}

function credentialJson(r: VerificationResult): Record<string, unknown> {
  return {
    id: typeof r.credential?.id === 'string' ? r.credential.id : null,
    verified: r.verdict === 'VALID',
    verdict: r.verdict,
    checks: r.checks.map(({ id, status, code, message, details }) => (details ? { id, status, code, message, details } : { id, status, code, message })),
    display: r.display ?? null,
  };
}
