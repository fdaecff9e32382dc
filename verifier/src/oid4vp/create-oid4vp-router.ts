import { createHash, randomBytes } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import {
  createOpenid4vpAuthorizationRequest, parseOpenid4VpAuthorizationResponsePayload, validateOpenid4vpAuthorizationResponsePayload,
} from '@openid4vc/openid4vp';
import type { DocumentLoader } from '@lp/formats';
import { verdictOf } from '@lp/model';
import { allowPlainHttpFor, createJoseCallbacks } from '@lp/oid4vc';
import { renderQrPng } from '@lp/qr/node';
import type { VerifyContext } from '@lp/verify';
import { OWN_CHALLENGE_PREFIX, type ChallengeStore } from '../presentations/challenge-store.ts';
import { verifyPresentation, type PresentationResult } from '../presentations/verify-presentation.ts';
import { createMemoryOid4vpRequests, type Oid4vpRequestStore, type Oid4vpResult } from './oid4vp-request-store.ts';

/** How long a request can be answered: the nonce's lifetime, as for POST /presentations/challenges. */
export const OID4VP_REQUEST_TTL_SECONDS = 300;
/**
 * How long a request is kept after it expired, so the page that made it can still read its verdict
 * (or that it expired); requests older than that are dropped, nonce and records with them, when
 * the next request is made.
 */
export const OID4VP_KEEP_AFTER_EXPIRY_SECONDS = 3_600;

export interface Oid4vpRouterOptions {
  /** This verifier's public URL (the response URI and the client id live under it); default: the URL the request came to. */
  baseUrl?: string;
  context: () => Omit<VerifyContext, 'now'> | Promise<Omit<VerifyContext, 'now'>>;
  documentLoader: DocumentLoader;
  now?: () => Date;
  /** Where requests are held (default: this process's memory, at most 1,000); `lp serve` passes its issuer store's. */
  requests?: Oid4vpRequestStore;
  random?: (n: number) => Uint8Array;
}
/** Our credentials in DCQL (OpenID4VP 1.0 §6, W3C formats Appendix B.1): an OB 3.0 or CLR 2.0 record, Data Integrity. */
export const LP_DCQL_QUERY = {
  credentials: [
    { id: 'learning_record', format: 'ldp_vc', multiple: true, meta: { type_values: [['AchievementCredential'], ['ClrCredential']] } },
  ],
} as const;

/**
 * OpenID4VP 1.0 with `response_mode` direct_post for `lp serve` and the verifier page:
 * - `POST /oid4vp/requests` → 201 `{id, uri: "openid4vp://?…", qrPng, nonce, clientId, expiresAt,
 *   readKey}`: a request made by @openid4vc/openid4vp with our DCQL query, a one-time nonce and
 *   client id `redirect_uri:<response URI>`, answerable for 5 minutes;
 * - `POST /oid4vp/responses/:id` (form, from the wallet): the vp_token is read by the library
 *   against the request and each presentation goes through the one presentation check of this
 *   verifier (challenge = nonce, domain = client id, holder binding on) → 200 with the verdict, 422
 *   when not VALID, 409 RESPONSE_ALREADY_RECEIVED for a second post (at any instance sharing the
 *   store), 410 REQUEST_EXPIRED past its time;
 * - `GET /oid4vp/requests/:id` → `{status: 'pending' | 'checking' | 'expired', expiresAt}` or
 *   `{status: 'answered', verdict, presentations}`, with the presented `records` when the header
 *   `X-LP-Read-Key` carries the request's read key (the page that made it).
 */
export function createOid4vpRouter(opts: Oid4vpRouterOptions): Router {
  const now = opts.now ?? (() => new Date());
  const random = opts.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const requests = opts.requests ?? createMemoryOid4vpRequests();
  const fixedBase = opts.baseUrl?.replace(/\/+$/, '');
  const callbacks = createJoseCallbacks();
  const router = express.Router();

  router.post('/oid4vp/requests', async (req: Request, res: Response) => {
    const base = fixedBase ?? `${req.protocol}://${req.get('host') ?? 'localhost'}`;
    allowPlainHttpFor(base);
    const id = globalThis.crypto.randomUUID();
    // 128 bits each: the nonce goes into the QR; the read key stays with the page that asked, so a
    // photo of the QR does not let anyone read the learner's records.
    const nonce = OWN_CHALLENGE_PREFIX + Buffer.from(random(16)).toString('base64url');
    const readKey = Buffer.from(random(16)).toString('base64url');
    const responseUri = `${base}/oid4vp/responses/${id}`;
    const clientId = `redirect_uri:${responseUri}`;
    const payload = {
      response_type: 'vp_token', client_id: clientId, response_uri: responseUri, response_mode: 'direct_post', nonce,
      dcql_query: LP_DCQL_QUERY,
      client_metadata: { vp_formats_supported: { ldp_vc: { proof_type_values: ['DataIntegrityProof'], cryptosuite_values: ['eddsa-rdfc-2022'] } } },
    };
    const made = await createOpenid4vpAuthorizationRequest({ authorizationRequestPayload: payload as never, callbacks: callbacks as never });
    const t = now();
    const expiresAt = new Date(t.getTime() + OID4VP_REQUEST_TTL_SECONDS * 1000).toISOString();
    await requests.put(
      { id, nonce, clientId, payload, readKeyHash: hashKey(readKey), createdAt: t.toISOString(), expiresAt },
      new Date(t.getTime() - OID4VP_KEEP_AFTER_EXPIRY_SECONDS * 1000).toISOString(),
    );
    const uri = made.authorizationRequest;
    const qrPng = `data:image/png;base64,${Buffer.from(await renderQrPng(uri, { scale: 4 })).toString('base64')}`;
    res.status(201).set('Cache-Control', 'no-store').json({ id, uri, qrPng, nonce, clientId, expiresAt, readKey });
  });

  router.get('/oid4vp/requests/:id', async (req: Request, res: Response) => {
    const s = await requests.get(String(req.params.id));
    if (!s) { res.status(404).json({ code: 'REQUEST_NOT_FOUND', message: 'no such presentation request (expired or never made)' }); return; }
    res.set('Cache-Control', 'no-store');
    const { expiresAt } = s;
    if (s.result) {
      // The records presented go only to the holder of the read key (the page that made the request).
      const { records, ...verdict } = s.result;
      const key = req.get('x-lp-read-key') ?? '';
      res.json({ status: 'answered', expiresAt, ...verdict, ...(key !== '' && hashKey(key) === s.readKeyHash ? { records } : {}) });
      return;
    }
    if (s.answeredAt !== null) { res.json({ status: 'checking', expiresAt }); return; }
    res.json({ status: Date.parse(expiresAt) <= now().getTime() ? 'expired' : 'pending', expiresAt });
  });

  // A wallet page on another origin posts the answer from the browser and reads the verdict: the
  // response URI is public by design (any wallet may answer), so any origin may read its answer.
  // A direct_post body is a form (OpenID4VP 1.0 §8.2): a simple request, no preflight to answer.
  const cors = (_req: Request, res: Response, next: () => void) => { res.set('Access-Control-Allow-Origin', '*'); next(); };
  router.post('/oid4vp/responses/:id', cors, express.urlencoded({ extended: false, limit: '2mb' }), async (req: Request, res: Response) => {
    const id = String(req.params.id);
    const s = await requests.get(id);
    if (!s) { res.status(404).json({ error: 'invalid_request', code: 'REQUEST_NOT_FOUND', error_description: 'no such presentation request' }); return; }
    // One response per request, across instances: a second post (a replay, or a second wallet) changes nothing.
    const claim = await requests.claim(id, now().toISOString());
    if (claim === 'answered') { res.status(409).json({ error: 'invalid_request', code: 'RESPONSE_ALREADY_RECEIVED', error_description: 'this request was already answered' }); return; }
    if (claim === 'expired') { res.status(410).json({ error: 'invalid_request', code: 'REQUEST_EXPIRED', error_description: 'this request has expired: ask the verifier for a new one' }); return; }
    if (claim === 'unknown') { res.status(404).json({ error: 'invalid_request', code: 'REQUEST_NOT_FOUND', error_description: 'no such presentation request' }); return; }
    let presentations: unknown[];
    try {
      const parsed = parseOpenid4VpAuthorizationResponsePayload(req.body as Record<string, unknown>);
      const validated = validateOpenid4vpAuthorizationResponsePayload({ authorizationRequestPayload: s.payload as never, authorizationResponsePayload: parsed });
      if (validated.type !== 'dcql') throw new Error('expected a DCQL vp_token');
      presentations = Object.values(validated.dcql.presentations).flat().map((p) => (typeof p === 'string' ? JSON.parse(p) as unknown : p));
    } catch (e) {
      await requests.setResult(id, { verdict: 'INVALID', presentations: [], records: [], error: 'VP_TOKEN_INVALID' });
      res.status(400).json({ error: 'invalid_request', code: 'VP_TOKEN_INVALID', error_description: (e as Error).message.split('\n')[0] });
      return;
    }
    const results: PresentationResult[] = [];
    try {
      const ctx = { ...(await opts.context()), now: now() };
      // The claim above made this the request's one answer: its nonce is accepted for each
      // presentation of it, and for nothing else.
      const challenges = requestNonce(s.nonce);
      for (const vp of presentations) {
        results.push(await verifyPresentation(vp, {
          challenge: s.nonce, domain: s.clientId, expectedDomain: s.clientId, requireHolderBinding: true,
          challenges, documentLoader: opts.documentLoader, ctx,
        }));
      }
    } catch (e) {
      // The answer was taken (it cannot be sent again): the page must learn that it could not be
      // checked rather than wait for a verdict that never comes.
      await requests.setResult(id, { verdict: 'UNKNOWN', presentations: [], records: presentations.flatMap(credentialsOf), error: 'VERIFICATION_FAILED' });
      throw e;
    }
    const verdict = results.length === 0 ? 'UNKNOWN' : verdictOf(results.map((r) => ({ id: 'presentation', status: r.verdict === 'VALID' ? 'pass' : r.verdict === 'INVALID' ? 'fail' : 'unknown', code: r.verdict, message: '' })));
    const result: Oid4vpResult = { verdict, presentations: results, records: presentations.flatMap(credentialsOf) };
    await requests.setResult(id, result);
    res.status(verdict === 'VALID' ? 200 : 422).json({ verdict, presentations: results });
  });
  return router;
}

/** The request's own nonce, the only challenge its answer may carry. */
function requestNonce(nonce: string): ChallengeStore {
  return { issue: () => { throw new TypeError('not here'); }, owns: (c) => c === nonce, consume: (c) => (c === nonce ? 'ok' : 'unknown') };
}

function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

function credentialsOf(vp: unknown): unknown[] {
  const v = (vp as { verifiableCredential?: unknown } | null)?.verifiableCredential;
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}
