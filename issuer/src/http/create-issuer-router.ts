import { createHash, randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import type { DecryptKeyFileOptions } from '@lp/crypto';
import { ModelError, parseJsonBytes } from '@lp/model';
import { renderQrPng } from '@lp/qr/node';
import { IssuerError } from '../errors.ts';
import { StoreError } from '../store/index.ts';
import type { IssuerStore } from '../store/index.ts';
import { authenticateApiKey } from '../domain/api-keys.ts';
import { addAchievements } from '../domain/add-achievements.ts';
import { ResultInputSchema, SubjectInputSchema } from '../domain/build-achievement-credential.ts';
import { checkAwardedDate } from '../domain/check-awarded-date.ts';
import { didDocumentOf } from '../domain/did-document.ts';
import { exportTrustFragment } from '../domain/export-trust-fragment.ts';
import { extensionContextDocument, LP_EXTENSION_CONTEXT_PATH } from '../domain/extension-context.ts';
import { issueCredential } from '../domain/issue-credential.ts';
import { issueRecognitionStatement } from '../domain/issue-recognition-statement.ts';
import type { IssuerDeps, SigningKey } from '../domain/issuer-deps.ts';
import { issuerProfileDocument } from '../domain/issuer-profile-document.ts';
import { issuerDocumentLoader } from '../domain/open-issuer-store.ts';
import { validateCatalogueEntries } from '../domain/parse-catalogue-file.ts';
import { redeemPickupCode } from '../domain/redeem-pickup-code.ts';
import { setCredentialStatus } from '../domain/set-credential-status.ts';
import type { StatusAction } from '../domain/set-credential-status.ts';
import { currentStatusList } from '../domain/sign-status-list.ts';
import { unlockSigningKey } from '../domain/unlock-signing-key.ts';
import { sendProblem } from './problem.ts';
import { createOid4vciRouter } from '../oid4vci/create-oid4vci-router.ts';
import { RateLimiter } from '@lp/web-kit/node';

export interface IssuerRouterOptions {
  store: IssuerStore;
  /** Public base URL (LP_PUBLIC_URL, else http://localhost:PORT); no trailing slash needed. */
  baseUrl: string;
  /** Unlocks the active key at start. Without it (and without `signer`) signing routes answer 503 ISSUER_LOCKED. */
  passphrase?: string;
  /** An already unlocked key (tests). */
  signer?: SigningKey | null;
  clock?: () => Date;
  random?: (n: number) => Uint8Array;
  /** JSON body limit (default 1 MB); larger bodies get 413. */
  bodyLimit?: number | string;
  /** Requests per API key (default 600 per minute); over it 429 with Retry-After. */
  rateLimit?: { limit: number; windowMs: number };
  /** Throw (refuse to start) when `passphrase` does not unlock the key, instead of serving locked. */
  requireUnlock?: boolean;
  /** GET /pickup requests per client IP (default 30 per minute); over it 429 with Retry-After. */
  pickupRateLimit?: { limit: number; windowMs: number };
  log?: (line: string) => void;
  keyFileOptions?: DecryptKeyFileOptions;
}

export const DEFAULT_BODY_LIMIT = '1mb';

const zIssueBody = z.object({
  credential: z.record(z.string(), z.unknown()).optional(),
  options: z.looseObject({
    achievement: z.string().min(1).max(64).optional(),
    subject: z.unknown().optional(),
    result: z.unknown().optional(),
    session: z.string().min(1).max(100).optional(),
    // Checked by the domain (checkAwardedDate) so a bad date gets its content code and 422.
    awardedDate: z.unknown().optional(),
    format: z.enum(['di', 'jwt']).optional(),
    cryptosuite: z.enum(['eddsa-rdfc-2022', 'eddsa-jcs-2022']).optional(),
    pickup: z.boolean().optional(),
    seal: z.boolean().optional(),
  }).optional(),
});

const zStatusBody = z.union([
  z.object({ credentialId: z.string().min(1).max(500), action: z.enum(['revoke', 'suspend', 'reinstate']), reason: z.string().max(500).optional() }),
  z.object({
    credentialId: z.string().min(1).max(500),
    credentialStatus: z.array(z.object({ type: z.literal('BitstringStatusListEntry'), status: z.enum(['revoked', 'suspended', 'active']) }).loose()).length(1),
    reason: z.string().max(500).optional(),
  }),
]);

const FROM_STATUS: Record<string, StatusAction> = { revoked: 'revoke', suspended: 'suspend', active: 'reinstate' };

/**
 * The issuer's HTTP API (express 5): identity and catalogue (public), issuance and status
 * (Bearer API key, rate limited), status lists and the trust fragment for verifiers, wallet
 * pick-up. Routes are thin: each calls one use case in ../domain. Every answer carries secure
 * headers; errors are problem+json with a stable code. See README "Issuer".
 */
export async function createIssuerRouter(opts: IssuerRouterOptions): Promise<Router> {
  const { store } = opts;
  const baseUrl = opts.baseUrl.replace(/\/+$/, '');
  const clock = opts.clock ?? (() => new Date());
  const random = opts.random ?? ((n: number) => new Uint8Array(randomBytes(n)));
  const log = opts.log ?? (() => {});
  // The per-key limit is counted in the store, so that every instance on one database shares it
  // (a key does not get N times its limit behind a load balancer). Windows are fixed and aligned
  // to the epoch, so all instances agree where a window starts.
  const keyLimit = opts.rateLimit?.limit ?? 600;
  const keyWindowMs = opts.rateLimit?.windowMs ?? 60_000;
  const takeKeyLimit = async (keyId: string, nowMs: number): Promise<number> => {
    const windowStart = nowMs - (nowMs % keyWindowMs);
    if (await store.takeRateLimit(`api-key:${keyId}`, windowStart, keyLimit)) return 0;
    return Math.max(1, Math.ceil((windowStart + keyWindowMs - nowMs) / 1000));
  };
  // Codes carry 100 bits, so guessing is hopeless anyway; the per-IP cap keeps a scanner cheap to shrug off.
  const pickupLimiter = new RateLimiter(opts.pickupRateLimit?.limit ?? 30, opts.pickupRateLimit?.windowMs ?? 60_000);
  const documentLoader = await issuerDocumentLoader(store);
  let signer: SigningKey | null = opts.signer ?? null;
  if (!signer && opts.passphrase) {
    try {
      signer = await unlockSigningKey(store, opts.passphrase, opts.keyFileOptions);
    } catch (e) {
      if (opts.requireUnlock) throw e;
      log(`issuer: signing key locked (${(e as { code?: string }).code ?? 'error'}: ${(e as Error).message})`);
    }
  }
  const deps = (): IssuerDeps => {
    if (!signer) throw new IssuerError('ISSUER_LOCKED', 'the issuer key is locked: start the server with LP_PASSPHRASE to issue or change status');
    return { store, signer, clock, random, baseUrl, documentLoader };
  };

  const router = express.Router();
  // Raw bytes, then one strict parse (@lp/model parseJsonBytes): ill-formed UTF-8 is refused
  // (express.json would decode it to U+FFFD and we would sign that), and so is a duplicate key.
  const raw = express.raw({ limit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT, type: () => true });
  const json: RequestHandler = (req, res, next) => raw(req, res, (err?: unknown) => {
    if (err) return next(err);
    if (!(req.body instanceof Uint8Array)) {
      req.body = undefined;
      return next();
    }
    try {
      req.body = parseJsonBytes(new Uint8Array(req.body.buffer, req.body.byteOffset, req.body.byteLength), { maxBytes: Number.MAX_SAFE_INTEGER });
      next();
    } catch (e) {
      next(e);
    }
  });

  const secure: RequestHandler = (_req, res, next) => {
    res.set({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
      'Cross-Origin-Resource-Policy': 'same-origin',
      'X-Frame-Options': 'DENY',
    });
    res.removeHeader('X-Powered-By');
    next();
  };
  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };
  const auth: RequestHandler = (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    res.set('WWW-Authenticate', 'Bearer realm="issuer"');
    if (!m) return sendProblem(res, 401, 'UNAUTHORIZED', 'send Authorization: Bearer <API key> (lp issuer api-key create)');
    authenticateApiKey(store, m[1]!).then(async (key) => {
      if (!key) return sendProblem(res, 401, 'UNAUTHORIZED', 'unknown or revoked API key');
      res.removeHeader('WWW-Authenticate');
      const wait = await takeKeyLimit(key.id, clock().getTime());
      if (wait > 0) {
        res.set('Retry-After', String(wait));
        return sendProblem(res, 429, 'RATE_LIMITED', `too many requests for this API key; retry in ${wait} s`);
      }
      res.locals.actor = key.label;
      next();
    }).catch((e: unknown) => fail(res, e, log));
  };
  const body: RequestHandler[] = [
    (req, res, next) => {
      if (!req.is('application/json')) return sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
      next();
    },
    json,
  ];
  const handle = (fn: (req: Request, res: Response) => Promise<void>): RequestHandler => (req, res) => {
    fn(req, res).catch((e: unknown) => fail(res, e, log));
  };
  const pub = [secure, noStore];
  const priv = [secure, noStore, auth];

  router.get('/issuer', ...pub, handle(async (_req, res) => {
    const profile = await store.getProfile();
    if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer');
    res.type('application/json').send(JSON.stringify(issuerProfileDocument(profile, baseUrl)));
  }));

  // A JSON-LD context is fetched by verifiers on other origins, pages included: CORS and
  // cross-origin resource policy open, and it never changes (its SHA-256 is pinned in bundles).
  router.get(LP_EXTENSION_CONTEXT_PATH, ...pub, handle(async (_req, res) => {
    res.set({ 'Access-Control-Allow-Origin': '*', 'Cross-Origin-Resource-Policy': 'cross-origin', 'Cache-Control': 'public, max-age=86400, immutable' });
    res.type('application/ld+json').send(JSON.stringify(extensionContextDocument()));
  }));

  router.get('/.well-known/did.json', ...pub, handle(async (_req, res) => {
    const profile = await store.getProfile();
    if (!profile?.id.startsWith('did:web:')) throw new IssuerError('NOT_FOUND', 'this issuer is not a did:web issuer');
    res.type('application/did+json').send(JSON.stringify(didDocumentOf(profile, await store.listKeys())));
  }));

  router.get('/achievements', ...pub, handle(async (_req, res) => {
    res.json({ achievements: (await store.listAchievements()).map((r) => r.entry) });
  }));
  router.get('/achievements/:code', ...pub, handle(async (req, res) => {
    const r = await store.getAchievement(String(req.params.code));
    if (!r) throw new IssuerError('NOT_FOUND', `no achievement ${String(req.params.code)}`);
    res.json(r.entry);
  }));
  router.post('/achievements', ...priv, ...body, handle(async (req, res) => {
    const entries = validateCatalogueEntries(req.body);
    const saved = await addAchievements(store, entries, { now: clock(), actor: String(res.locals.actor) });
    res.status(201).json({ achievements: saved.map((r) => r.entry) });
  }));

  router.post('/credentials/issue', ...priv, ...body, handle(async (req, res) => {
    const parsed = zIssueBody.safeParse(req.body);
    if (!parsed.success) return badBody(res, parsed.error, '{credential, options}');
    const { credential, options = {} } = parsed.data;
    if ((credential === undefined) === (options.achievement === undefined)) {
      return sendProblem(res, 400, 'BODY_INVALID', 'give either credential (to sign as given) or options.achievement (to build from the catalogue)');
    }
    // VC-API (and the W3C VC-API issuer suite): a credential without an issuer is refused, never
    // completed for the caller, so what is signed is what the caller named.
    if (credential !== undefined && credential.issuer === undefined) {
      throw new IssuerError('ISSUER_REQUIRED', "the credential names no issuer: name this service's issuer (its id is at GET /issuer)", '$.credential.issuer');
    }
    const subject = options.achievement !== undefined ? parseContent(SubjectInputSchema, options.subject, '$.options.subject') : undefined;
    const result = options.result !== undefined ? parseContent(ResultInputSchema, options.result, '$.options.result') : undefined;
    const issued = await issueCredential(deps(), {
      ...(credential !== undefined ? { credential } : {}),
      ...(options.achievement !== undefined ? { achievement: options.achievement } : {}),
      ...(subject !== undefined ? { subject } : {}),
      ...(result !== undefined ? { result } : {}),
      ...(options.session !== undefined ? { session: options.session } : {}),
      ...(options.awardedDate !== undefined ? { awardedDate: checkAwardedDate(options.awardedDate, clock()).slice(0, 10) } : {}),
      ...(options.format !== undefined ? { format: options.format } : {}),
      ...(options.cryptosuite !== undefined ? { cryptosuite: options.cryptosuite } : {}),
      ...(options.pickup ? { pickup: true } : {}),
      ...(options.seal !== undefined ? { seal: options.seal } : {}),
      actor: String(res.locals.actor),
    });
    res.status(201).location(`${baseUrl}/credentials/${encodeURIComponent(issued.id)}`).json({
      verifiableCredential: options.format === 'jwt' ? issued.jwt : issued.credential,
      id: issued.id,
      seal: issued.seal,
      ...(issued.pickup ? { pickup: issued.pickup } : {}),
      ...(issued.credentialOffer ? { credentialOffer: issued.credentialOffer } : {}),
      ...(issued.warnings.length > 0 ? { warnings: issued.warnings } : {}),
    });
  }));

  // The school's placement decision, as a recognition statement credential (README "Recognition").
  // The body is the decision itself; the domain checks it and answers each problem with its code.
  router.post('/recognition/statements', ...priv, ...body, handle(async (req, res) => {
    const s = await issueRecognitionStatement(deps(), { decision: req.body, actor: String(res.locals.actor) });
    res.status(201).location(`${baseUrl}/credentials/${encodeURIComponent(s.id)}`).json({
      verifiableCredential: s.credential, id: s.id, seal: s.seal, assessmentOnly: s.assessmentOnly, validFrom: s.validFrom, validUntil: s.validUntil,
      ...(s.pickup ? { pickup: s.pickup } : {}),
      ...(s.warnings.length > 0 ? { warnings: s.warnings } : {}),
    });
  }));

  router.post('/credentials/status', ...priv, ...body, handle(async (req, res) => {
    const parsed = zStatusBody.safeParse(req.body);
    if (!parsed.success) return badBody(res, parsed.error, "{credentialId, action: 'revoke'|'suspend'|'reinstate', reason?}");
    const b = parsed.data;
    const action = 'action' in b ? b.action : FROM_STATUS[b.credentialStatus[0]!.status]!;
    const r = await setCredentialStatus(deps(), { credentialId: b.credentialId, action, actor: String(res.locals.actor), ...(b.reason !== undefined ? { reason: b.reason } : {}) });
    res.json(r);
  }));

  const record = async (id: string) => {
    const r = await store.getCredential(id);
    if (!r) throw new IssuerError('NOT_FOUND', `no credential ${id}`);
    return r;
  };
  router.get('/credentials/:id', ...priv, handle(async (req, res) => {
    const r = await record(String(req.params.id));
    res.type('application/json').send(`{"verifiableCredential":${r.record},"jwt":${JSON.stringify(r.jwt)},"seal":${JSON.stringify(r.seal)},"revoked":${r.revoked},"suspended":${r.suspended}}`);
  }));
  router.get('/credentials/:id/seal', ...priv, handle(async (req, res) => {
    res.json({ seal: (await record(String(req.params.id))).seal });
  }));
  router.get('/credentials/:id/seal.png', ...priv, handle(async (req, res) => {
    const seal = (await record(String(req.params.id))).seal;
    if (!seal) throw new IssuerError('NOT_FOUND', 'this credential has no seal');
    res.type('image/png').send(Buffer.from(await renderQrPng(seal, { scale: 6 })));
  }));

  router.get('/status/:listId', secure, handle(async (req, res) => {
    const signed = await currentStatusList({ store, signer, clock, baseUrl, documentLoader }, String(req.params.listId));
    const etag = `"${createHash('sha256').update(signed.json).digest('base64url').slice(0, 27)}"`;
    // Short max-age: verifiers that fetch see a revocation within a minute (Bitstring Status List §6.4 caching).
    res.set({ 'Cache-Control': 'public, max-age=60', ETag: etag, 'Last-Modified': new Date(signed.signedAt).toUTCString() });
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    res.type('application/vc+ld+json').send(signed.json);
  }));

  router.get('/trust/fragment', ...pub, handle(async (_req, res) => {
    res.json(await exportTrustFragment({ store, signer, clock, baseUrl, documentLoader }));
  }));

  const pickupLimit: RequestHandler = (req, res, next) => {
    const wait = pickupLimiter.take(req.ip ?? req.socket.remoteAddress ?? 'unknown', clock().getTime());
    if (wait === 0) return next();
    res.set('Retry-After', String(wait));
    sendProblem(res, 429, 'RATE_LIMITED', `too many pick-up requests from this address; retry in ${wait} s`);
  };
  router.get('/pickup/:code', ...pub, pickupLimit, handle(async (req, res) => {
    const picked = await redeemPickupCode(store, String(req.params.code), clock());
    const items = picked.credentials.map((c) => ({ id: c.id, credential: c.credential, seal: c.seal, ...(c.jwt ? { jwt: c.jwt } : {}) }));
    // A one-credential code (POST /credentials/issue with pickup) also answers the v1 shape
    // {credential, seal}. A code for several never does: a v1 client would keep the first and
    // silently lose the rest of a code that works only once.
    const single = items.length === 1 ? { credential: items[0]!.credential, seal: items[0]!.seal, ...(items[0]!.jwt ? { jwt: items[0]!.jwt } : {}) } : {};
    res.json({ credentials: items, ...single });
  }));

  router.use(createOid4vciRouter({ store, baseUrl, deps, auth: (req, res, next) => { secure(req, res, () => noStore(req, res, () => auth(req, res, next))); }, json: body, log }));

  // body-parser's errors (size, JSON syntax) and anything thrown in a route, as problem+json.
  router.use((err: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    fail(res, err, log);
  });
  return router;
}

function parseContent<S extends z.ZodType>(schema: S, value: unknown, path: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const p = path + issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
  throw new IssuerError('CREDENTIAL_INVALID', `${issue.message} at ${p}`, p);
}

function badBody(res: Response, error: z.ZodError, shape: string): void {
  const issue = error.issues[0];
  const at = issue ? '$' + issue.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('') : '$';
  sendProblem(res, 400, 'BODY_INVALID', `expected ${shape}: ${issue?.message ?? 'invalid'} at ${at}`, { path: at });
}

/** One mapping of every error to a problem: coded errors keep their code, the rest are 500 without detail. */
function fail(res: Response, err: unknown, log: (line: string) => void): void {
  if (res.headersSent) return;
  const e = err as { type?: string; status?: number };
  if (e?.type === 'entity.too.large') return sendProblem(res, 413, 'BODY_TOO_LARGE', 'the body is over the size limit');
  if (e?.type === 'entity.parse.failed') return sendProblem(res, 400, 'BODY_NOT_JSON', 'the body is not valid JSON');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') return sendProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'unsupported body encoding');
  if (err instanceof IssuerError) {
    if (err.code === 'ISSUER_LOCKED' || err.code === 'NO_ISSUER') res.set('Retry-After', '60');
    return sendProblem(res, err.status, err.code, err.message, { ...(err.path !== undefined ? { path: err.path } : {}), ...(err.details ?? {}) });
  }
  if (err instanceof ModelError) {
    // The body reader's codes: the body itself is malformed, so 400 with the model's code.
    if (err.code === 'INVALID_JSON') return sendProblem(res, 400, 'BODY_NOT_JSON', 'the body is not valid JSON');
    if (err.code === 'EMPTY_INPUT') return sendProblem(res, 400, 'BODY_INVALID', 'the body is empty');
    if (err.code === 'ENCODING_INVALID' || err.code === 'JSON_DUPLICATE_KEY') {
      return sendProblem(res, 400, err.code, err.message, err.path !== undefined ? { path: err.path } : {});
    }
    return sendProblem(res, 422, 'CREDENTIAL_INVALID', err.message, err.path !== undefined ? { path: err.path } : {});
  }
  if (err instanceof StoreError) {
    if (err.code === 'STORE_BUSY' || err.code === 'STORE_FULL' || err.code === 'STORE_UNREACHABLE') {
      res.set('Retry-After', '5');
      log(`issuer: store unavailable (${err.code}): ${err.message}`);
      return sendProblem(res, 503, err.code, err.code === 'STORE_BUSY' ? 'the database is busy; nothing was written, retry shortly'
        : err.code === 'STORE_FULL' ? 'the disk is full; nothing was written' : 'the database cannot be reached; retry shortly');
    }
    if (err.code === 'STORE_CONFLICT') return sendProblem(res, 409, 'CONFLICT', err.message);
    if (err.code === 'NOT_FOUND') return sendProblem(res, 404, 'NOT_FOUND', err.message);
    if (err.code === 'REVOCATION_IRREVERSIBLE') return sendProblem(res, 409, 'CREDENTIAL_REVOKED', err.message);
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return sendProblem(res, e.status, 'BODY_INVALID', 'the body could not be read');
  log(`issuer: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  sendProblem(res, 500, 'INTERNAL_ERROR', 'internal error');
}
