import express, { type Request, type Response, type Router } from 'express';
import {
  createOpenid4vpAuthorizationRequest, parseOpenid4VpAuthorizationResponsePayload, validateOpenid4vpAuthorizationResponsePayload,
} from '@openid4vc/openid4vp';
import type { DocumentLoader } from '@lp/formats';
import { verdictOf } from '@lp/model';
import { allowPlainHttpFor, createJoseCallbacks } from '@lp/oid4vc';
import { renderQrPng } from '@lp/qr/node';
import type { VerifyContext } from '@lp/verify';
import { createChallengeStore, type ChallengeStore } from '../presentations/challenge-store.ts';
import { verifyPresentation, type PresentationResult } from '../presentations/verify-presentation.ts';

export interface Oid4vpRouterOptions {
  /** This verifier's public URL (the response URI and the client id live under it); default: the URL the request came to. */
  baseUrl?: string;
  context: () => Omit<VerifyContext, 'now'> | Promise<Omit<VerifyContext, 'now'>>;
  documentLoader: DocumentLoader;
  now?: () => Date;
  challenges?: ChallengeStore;
  /** Requests held at once; past it the oldest is dropped. Default 1,000. */
  cap?: number;
}

interface Session {
  payload: Record<string, unknown>;
  nonce: string;
  clientId: string;
  result?: { verdict: string; presentations: PresentationResult[]; error?: string };
  responded: boolean;
}

/** Our credentials in DCQL (OpenID4VP 1.0 §6, W3C formats Appendix B.1): an OB 3.0 or CLR 2.0 record, Data Integrity. */
export const LP_DCQL_QUERY = {
  credentials: [
    { id: 'learning_record', format: 'ldp_vc', multiple: true, meta: { type_values: [['AchievementCredential'], ['ClrCredential']] } },
  ],
} as const;

/**
 * OpenID4VP 1.0 with `response_mode` direct_post for `lp serve` and the verifier page:
 * - `POST /oid4vp/requests` → 201 `{id, uri: "openid4vp://?…", qrPng, nonce, clientId}`: a request
 *   made by @openid4vc/openid4vp with our DCQL query, a one-time nonce (a challenge of this
 *   verifier, 5 minutes) and client id `redirect_uri:<response URI>`;
 * - `POST /oid4vp/responses/:id` (form, from the wallet): the vp_token is read by the library
 *   against the request and each presentation goes through the one presentation check of this
 *   verifier (challenge = nonce, domain = client id, holder binding on) → 200 with the verdict, 422
 *   when not VALID, 409 RESPONSE_ALREADY_RECEIVED for a second post;
 * - `GET /oid4vp/requests/:id` → `{status: 'pending'}` or the result, for the page that shows the QR.
 */
export function createOid4vpRouter(opts: Oid4vpRouterOptions): Router {
  const now = opts.now ?? (() => new Date());
  const challenges = opts.challenges ?? createChallengeStore({ now });
  const cap = opts.cap ?? 1_000;
  const fixedBase = opts.baseUrl?.replace(/\/+$/, '');
  const callbacks = createJoseCallbacks();
  const sessions = new Map<string, Session>();
  const router = express.Router();

  router.post('/oid4vp/requests', async (req: Request, res: Response) => {
    const base = fixedBase ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    allowPlainHttpFor(base);
    const id = globalThis.crypto.randomUUID();
    const { challenge: nonce } = await challenges.issue();
    const responseUri = `${base}/oid4vp/responses/${id}`;
    const clientId = `redirect_uri:${responseUri}`;
    const payload = {
      response_type: 'vp_token', client_id: clientId, response_uri: responseUri, response_mode: 'direct_post', nonce,
      dcql_query: LP_DCQL_QUERY,
      client_metadata: { vp_formats_supported: { ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['eddsa-rdfc-2022'] } } },
    };
    const made = await createOpenid4vpAuthorizationRequest({ authorizationRequestPayload: payload as never, callbacks: callbacks as never });
    if (sessions.size >= cap) sessions.delete(sessions.keys().next().value!);
    sessions.set(id, { payload, nonce, clientId, responded: false });
    const uri = made.authorizationRequest;
    const qrPng = `data:image/png;base64,${Buffer.from(await renderQrPng(uri, { scale: 4 })).toString('base64')}`;
    res.status(201).set('Cache-Control', 'no-store').json({ id, uri, qrPng, nonce, clientId });
  });

  router.get('/oid4vp/requests/:id', (req: Request, res: Response) => {
    const s = sessions.get(String(req.params.id));
    if (!s) { res.status(404).json({ code: 'REQUEST_NOT_FOUND', message: 'no such presentation request (expired or never made)' }); return; }
    res.set('Cache-Control', 'no-store').json(s.result ? { status: 'answered', ...s.result } : { status: 'pending' });
  });

  // A wallet page on another origin posts the answer from the browser and reads the verdict: the
  // response URI is public by design (any wallet may answer), so any origin may read its answer.
  // A direct_post body is a form (OpenID4VP 1.0 §8.2): a simple request, no preflight to answer.
  const cors = (_req: Request, res: Response, next: () => void) => { res.set('Access-Control-Allow-Origin', '*'); next(); };
  router.post('/oid4vp/responses/:id', cors, express.urlencoded({ extended: false, limit: '2mb' }), async (req: Request, res: Response) => {
    const s = sessions.get(String(req.params.id));
    if (!s) { res.status(404).json({ error: 'invalid_request', code: 'REQUEST_NOT_FOUND', error_description: 'no such presentation request' }); return; }
    // One response per request: a second post (a replay, or a second wallet) changes nothing.
    if (s.responded) { res.status(409).json({ error: 'invalid_request', code: 'RESPONSE_ALREADY_RECEIVED', error_description: 'this request was already answered' }); return; }
    s.responded = true;
    let presentations: unknown[];
    try {
      const parsed = parseOpenid4VpAuthorizationResponsePayload(req.body as Record<string, unknown>);
      const validated = validateOpenid4vpAuthorizationResponsePayload({ authorizationRequestPayload: s.payload as never, authorizationResponsePayload: parsed });
      if (validated.type !== 'dcql') throw new Error('expected a DCQL vp_token');
      presentations = Object.values(validated.dcql.presentations).flat().map((p) => (typeof p === 'string' ? JSON.parse(p) as unknown : p));
    } catch (e) {
      s.result = { verdict: 'INVALID', presentations: [], error: 'VP_TOKEN_INVALID' };
      res.status(400).json({ error: 'invalid_request', code: 'VP_TOKEN_INVALID', error_description: (e as Error).message.split('\n')[0] });
      return;
    }
    const ctx = { ...(await opts.context()), now: now() };
    const results: PresentationResult[] = [];
    for (const vp of presentations) {
      results.push(await verifyPresentation(vp, {
        challenge: s.nonce, domain: s.clientId, expectedDomain: s.clientId, requireHolderBinding: true,
        challenges: results.length === 0 ? challenges : reusableChallenge(s.nonce), documentLoader: opts.documentLoader, ctx,
      }));
    }
    const verdict = results.length === 0 ? 'UNKNOWN' : verdictOf(results.map((r) => ({ id: 'presentation', status: r.verdict === 'VALID' ? 'pass' : r.verdict === 'INVALID' ? 'fail' : 'unknown', code: r.verdict, message: '' })));
    s.result = { verdict, presentations: results };
    res.status(verdict === 'VALID' ? 200 : 422).json({ verdict, presentations: results });
  });
  return router;
}

/** The nonce is consumed by the first presentation of a response; the others of the same response share it. */
function reusableChallenge(nonce: string): ChallengeStore {
  return { issue: () => { throw new TypeError('not here'); }, owns: (c) => c === nonce, consume: (c) => (c === nonce ? 'ok' : 'unknown') };
}
