import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { CHECK_IDS, type CheckId } from '@lp/model';
import { verifyFullRecord, type VerifyFullRecordOptions } from '@lp/formats';
import { verifyAny, verifySeal, type VerifyContext } from '@lp/verify';
import { sendProblem } from './problem.ts';
import { bodyErrors, jsonBody, sendBodyInvalid } from './json-body.ts';
import { resultToJson } from '../result-json.ts';
import { verifyInputBytes } from '../verify-input-bytes.ts';
import type { LoadedTrust } from '../trust/load-trust.ts';

export interface VerifyRouterOptions {
  /** The verifier's clock (tests set it). */
  now?: () => Date;
  /** Extra verification options (trust, status) that later steps inject. */
  verifyOptions?: () => Omit<VerifyFullRecordOptions, 'now' | 'checks'>;
  /** The trust bundle in use (loaded at start from LP_TRUST_BUNDLE); without it, full records are checked as in issue 2. */
  trust?: () => LoadedTrust | undefined;
}

/** Bodies above this are refused with 413 before they are parsed (DESIGN.md, security rules). */
export const VERIFY_BODY_LIMIT = '1mb';
/** Photos of a QR seal: raw image/png or image/jpeg bodies up to this size. */
export const SEAL_IMAGE_LIMIT = '10mb';

const zLang = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/);
/**
 * VC-API (VCALM) callers name checks by the credential property they test — the W3C test suites
 * send `checks: ['proof']` or `['proof', 'credentialStatus']`; they mean our `signature` and
 * `status` checks. Our own check ids are accepted as they are.
 */
export const VC_API_CHECK_NAMES: Readonly<Record<string, CheckId>> = { proof: 'signature', credentialStatus: 'status' };

const zCheckName = z.union([z.enum(CHECK_IDS), z.enum(Object.keys(VC_API_CHECK_NAMES) as [string, ...string[]])])
  .transform((name): CheckId => VC_API_CHECK_NAMES[name] ?? (name as CheckId));

const zOptions = z.object({
  checks: z.array(zCheckName).min(1).transform((ids) => [...new Set(ids)]).optional(),
  lang: zLang.optional(),
}).loose().optional();

/**
 * A string `verifiableCredential` is an enveloped form (a vc+jwt, or on this server an LP1: seal).
 * A credential serialised as JSON text inside a string is not a map, and Data Integrity §4.3
 * (verify proof) requires an error for a secured document that is not a map — decoding the string
 * here would verify it as if the caller had sent the object.
 */
const zEnvelopedCredential = z.string().min(1)
  .refine((s) => !/^[\s\uFEFF]*[{[]/.test(s), 'a credential is sent as a JSON object, not as JSON text inside a string');

const zVerifyBody = z.object({
  verifiableCredential: z.union([z.record(z.string(), z.unknown()), zEnvelopedCredential]),
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
 * `POST /seals/verify`: JSON `{seal: "LP1:…"}` or a raw image/png or image/jpeg photo (≤ 10 MB).
 * `GET /trust/bundle`: the bundle in use, as its flattened JWS (the web verifier downloads it).
 */
export function createVerifyRouter(opts: VerifyRouterOptions = {}): Router {
  const router = express.Router();
  const { parse: json, requireJson } = jsonBody(VERIFY_BODY_LIMIT);
  const raw = express.raw({ limit: SEAL_IMAGE_LIMIT, type: () => true });
  const ctxFor = (options: { checks?: CheckId[] | undefined; lang?: string | undefined } | undefined, queryLang: unknown): VerifyContext => {
    const lang = options?.lang ?? (typeof queryLang === 'string' && zLang.safeParse(queryLang).success ? queryLang : undefined);
    return {
      bundle: opts.trust?.()?.bundle,
      now: opts.now?.() ?? new Date(),
      ...(lang ? { lang } : {}),
      ...(options?.checks ? { requiredChecks: options.checks } : {}),
    };
  };

  router.post('/credentials/verify', requireJson, async (req: Request, res: Response) => {
    const body = zVerifyBody.safeParse(req.body);
    if (!body.success) return sendBodyInvalid(res, '{verifiableCredential, options}', body.error);
    const { verifiableCredential, options } = body.data;
    const ctx = ctxFor(options, req.query.lang);
    if (ctx.bundle) {
      const result = await verifyAny(verifiableCredential, ctx);
      res.status(result.verdict === 'VALID' ? 200 : 422).json(resultToJson(result));
      return;
    }
    const result = await verifyFullRecord(verifiableCredential, {
      ...opts.verifyOptions?.(),
      now: ctx.now,
      ...(options?.checks ? { checks: options.checks } : {}),
    });
    res.status(result.verdict === 'VALID' ? 200 : 422).json({ verified: result.verdict === 'VALID', verdict: result.verdict, checks: result.checks });
  });

  router.post('/seals/verify', (req: Request, res: Response, next: NextFunction) => {
    if (req.is('application/json')) return json(req, res, next);
    if (req.is(['image/png', 'image/jpeg'])) return raw(req, res, next);
    sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send {seal} as application/json, or a photo as image/png or image/jpeg');
  }, async (req: Request, res: Response) => {
    let result;
    if (req.body instanceof Uint8Array) {
      result = await verifyInputBytes(new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength), ctxFor(undefined, req.query.lang), { sealOnly: true });
    } else {
      const body = zSealBody.safeParse(req.body);
      if (!body.success) return sendBodyInvalid(res, '{seal: "LP1:…"}', body.error);
      result = await verifySeal(body.data.seal, ctxFor(body.data.options, req.query.lang));
    }
    res.status(result.verdict === 'VALID' ? 200 : 422).json(resultToJson(result));
  });

  router.get('/trust/bundle', (_req: Request, res: Response) => {
    const loaded = opts.trust?.();
    if (!loaded?.jwsText || !loaded.bundle) {
      sendProblem(res, 404, 'TRUST_BUNDLE_NOT_LOADED', 'this server has no trust bundle (set LP_TRUST_BUNDLE and LP_TRUST_ANCHORS)');
      return;
    }
    res.set('Cache-Control', 'no-cache').set('X-Trust-Bundle-Sequence', String(loaded.bundle.bundle.sequence)).type('application/json').send(loaded.jwsText);
  });

  router.use(bodyErrors((req) => (req.is(['image/png', 'image/jpeg']) ? SEAL_IMAGE_LIMIT : VERIFY_BODY_LIMIT)));
  return router;
}
