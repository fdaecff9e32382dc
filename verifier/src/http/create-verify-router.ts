import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { CheckId } from '@lp/model';
import { sniffImage, verifyAny, verifySeal, type StatusListFetcher, type VerifyContext } from '@lp/verify';
import { sendProblem } from './problem.ts';
import { zVcApiChecks } from './z-vc-api-checks.ts';
import type { ImagePool } from './image-pool.ts';
import { limitByAddress, VERIFY_RATE_LIMIT } from './limit-by-address.ts';
import { bodyErrors, jsonBody, sendBodyInvalid } from './json-body.ts';
import { resultToJson } from '../result-json.ts';
import { verifyInputBytes } from '../verify-input-bytes.ts';
import type { LoadedTrust } from '../trust/load-trust.ts';

export interface VerifyRouterOptions {
  /** The verifier's clock (tests set it). */
  now?: () => Date;
  /**
   * The trust bundle in use, the freshest held (LP_TRUST_BUNDLE re-read when it changes). Without
   * one the issuer is not established: the default verdict is UNKNOWN.
   */
  trust?: () => LoadedTrust | undefined | Promise<LoadedTrust | undefined>;
  /** Online fetch of a status list the bundle holds no snapshot of; absent = fully offline. */
  fetchStatusList?: StatusListFetcher;
  /** Worker threads that decode seal photos; without it photos are decoded on this thread (the CLI's way). */
  imagePool?: ImagePool;
  /** Requests per client address on the verify routes (no API key there); default VERIFY_RATE_LIMIT. */
  rateLimit?: { limit: number; windowMs: number };
}

/** Seconds a client is told to wait when every image thread and queue place is taken. */
export const BUSY_RETRY_AFTER_S = 5;

function sendBusy(res: Response): void {
  res.set('Retry-After', String(BUSY_RETRY_AFTER_S));
  sendProblem(res, 503, 'BUSY', `every image decoder is busy; retry after ${BUSY_RETRY_AFTER_S} s`);
}

/** Bodies above this are refused with 413 before they are parsed (DESIGN.md, security rules). */
export const VERIFY_BODY_LIMIT = '1mb';
/** Photos of a QR seal: raw image/png or image/jpeg bodies up to this size. */
export const SEAL_IMAGE_LIMIT = '10mb';

const zLang = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/);
const zOptions = z.object({
  checks: zVcApiChecks.optional(),
  lang: zLang.optional(),
}).loose().optional();

const zVerifyBody = z.object({
  // A string is a vc+jwt (VC-JOSE-COSE §3.1.1: a compact JWS, three base64url parts), nothing
  // else: JSON text inside a JSON string would be a second, unchecked parse of the record, and a
  // seal has its own route.
  verifiableCredential: z.union([
    z.record(z.string(), z.unknown()),
    z.string().trim().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a string verifiableCredential must be a vc+jwt (compact JWS); send a JSON credential as an object'),
  ]),
  options: zOptions,
});

const zSealBody = z.object({
  // 4,296 is the most a QR code holds; a little slack for whitespace around it.
  seal: z.string().min(1).max(5000),
  options: zOptions,
});

/**
 * `POST /credentials/verify` of the W3C VC-API (VCALM): body `{verifiableCredential, options}`;
 * 200 with the result when VALID, 422 when INVALID or UNKNOWN, 400 for a malformed body, 413 over
 * 1 MB, 415 for a body that is not JSON. With a trust bundle loaded, the whole pipeline runs
 * (issuer trust, key status, status lists) and the result carries what to display.
 * `POST /seals/verify`: JSON `{seal: "LP1:…"}` or a raw image/png or image/jpeg photo (≤ 10 MB),
 * decoded in the image pool's worker threads; 503 BUSY with Retry-After when the pool is full.
 * Both verify routes are rate limited per client address (429 RATE_LIMITED with Retry-After).
 * `GET /trust/bundle`: the bundle in use, as its flattened JWS (the web verifier downloads it).
 */
export function createVerifyRouter(opts: VerifyRouterOptions = {}): Router {
  const router = express.Router();
  const { parse: json, requireJson } = jsonBody(VERIFY_BODY_LIMIT);
  const raw = express.raw({ limit: SEAL_IMAGE_LIMIT, type: () => true });
  const limit = limitByAddress({ ...(opts.rateLimit ?? VERIFY_RATE_LIMIT), now: () => opts.now?.() ?? new Date() });
  const pool = opts.imagePool;
  const ctxFor = async (options: { checks?: CheckId[] | undefined; lang?: string | undefined } | undefined, queryLang: unknown): Promise<VerifyContext> => {
    const lang = options?.lang ?? (typeof queryLang === 'string' && zLang.safeParse(queryLang).success ? queryLang : undefined);
    return {
      bundle: (await opts.trust?.())?.bundle,
      now: opts.now?.() ?? new Date(),
      ...(opts.fetchStatusList ? { fetchStatusList: opts.fetchStatusList } : {}),
      ...(lang ? { lang } : {}),
      ...(options?.checks ? { requiredChecks: options.checks } : {}),
    };
  };

  router.post('/credentials/verify', limit, requireJson, async (req: Request, res: Response) => {
    const body = zVerifyBody.safeParse(req.body);
    if (!body.success) return sendBodyInvalid(res, '{verifiableCredential, options}', body.error);
    const { verifiableCredential, options } = body.data;
    // One pipeline with or without a bundle: without one, issuer_trust is unknown, so only a
    // caller who asks a narrower question (options.checks) can get VALID.
    const result = await verifyAny(verifiableCredential, await ctxFor(options, req.query.lang));
    res.status(result.verdict === 'VALID' ? 200 : 422).json(resultToJson(result));
  });

  router.post('/seals/verify', limit, (req: Request, res: Response, next: NextFunction) => {
    if (req.is('application/json')) return json(req, res, next);
    // Refused before the (up to 10 MB) body is read: a full pool will not take it anyway.
    if (req.is(['image/png', 'image/jpeg'])) return pool?.isFull() ? sendBusy(res) : raw(req, res, next);
    sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send {seal} as application/json, or a photo as image/png or image/jpeg');
  }, async (req: Request, res: Response) => {
    let result;
    if (req.body instanceof Uint8Array) {
      const bytes = new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength);
      // The pixels go to a worker thread; the seal in them is checked here (about a millisecond,
      // and it needs the trust bundle this thread holds).
      const decoded = pool && sniffImage(bytes) ? await pool.decode(bytes) : undefined;
      if (decoded === 'BUSY') return sendBusy(res);
      result = await verifyInputBytes(bytes, await ctxFor(undefined, req.query.lang), { sealOnly: true, declaredImage: true, ...(decoded ? { decodeImage: async () => decoded } : {}) });
    } else {
      const body = zSealBody.safeParse(req.body);
      if (!body.success) return sendBodyInvalid(res, '{seal: "LP1:…"}', body.error);
      result = await verifySeal(body.data.seal, await ctxFor(body.data.options, req.query.lang));
    }
    res.status(result.verdict === 'VALID' ? 200 : 422).json(resultToJson(result));
  });

  router.get('/trust/bundle', async (_req: Request, res: Response) => {
    const loaded = await opts.trust?.();
    if (!loaded?.jwsText || !loaded.bundle) {
      sendProblem(res, 404, 'TRUST_BUNDLE_NOT_LOADED', 'this server has no trust bundle (set LP_TRUST_BUNDLE and LP_TRUST_ANCHORS)');
      return;
    }
    res.set('Cache-Control', 'no-cache').set('X-Trust-Bundle-Sequence', String(loaded.bundle.bundle.sequence)).type('application/json').send(loaded.jwsText);
  });

  router.use(bodyErrors((req) => (req.is(['image/png', 'image/jpeg']) ? SEAL_IMAGE_LIMIT : VERIFY_BODY_LIMIT)));
  return router;
}
