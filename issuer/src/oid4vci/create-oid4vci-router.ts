import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { z } from 'zod';
import type { RequestLike } from '@openid4vc/oauth2';
import { IssuerError, type IssuerErrorCode } from '../errors.ts';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import type { IssuerStore } from '../store/index.ts';
import { createCredentialOffer } from './create-credential-offer.ts';
import { createProofNonce } from './create-proof-nonce.ts';
import { exchangePreAuthorizedCode } from './exchange-pre-authorized-code.ts';
import { issueOfferedCredential } from './issue-offered-credential.ts';
import { issuerMetadataOf, OID4VCI_PATHS } from './issuer-metadata.ts';
import { oid4vciLibraries } from './oid4vci-deps.ts';

export interface Oid4vciRouterOptions {
  store: IssuerStore;
  baseUrl: string;
  /** The unlocked issuer (throws ISSUER_LOCKED while the key is locked). */
  deps: () => IssuerDeps;
  /** The API-key check of the issuer router, for creating offers. */
  auth: RequestHandler;
  /** The issuer's strict JSON body reader. */
  json: RequestHandler[];
  log: (line: string) => void;
}

/** OpenID4VCI 1.0 §6.3, §8.3.1.2 and RFC 6750 §3.1: the OAuth error each of our codes answers as. */
const OAUTH_ERROR: Partial<Record<IssuerErrorCode, string>> = {
  PRE_AUTHORIZED_CODE_INVALID: 'invalid_grant',
  OFFER_EXPIRED: 'invalid_grant',
  TX_CODE_WRONG: 'invalid_grant',
  TX_CODE_LOCKED: 'invalid_grant',
  TX_CODE_REQUIRED: 'invalid_request',
  TOKEN_REQUEST_INVALID: 'invalid_request',
  ACCESS_TOKEN_INVALID: 'invalid_token',
  PROOF_MISSING: 'invalid_proof',
  PROOF_INVALID: 'invalid_proof',
  HOLDER_MISMATCH: 'invalid_proof',
  PROOF_NONCE_STALE: 'invalid_nonce',
  CREDENTIAL_CONFIGURATION_UNSUPPORTED: 'unknown_credential_configuration',
};

const zCreateOffer = z.object({
  credentialIds: z.array(z.string().min(1).max(500)).min(1).max(100),
  txCode: z.boolean().optional(),
  ttlDays: z.number().int().min(1).max(365).optional(),
});

/**
 * The OpenID4VCI routes: issuer and authorization server metadata, JWKS, token, nonce and
 * credential endpoints (public, as wallets call them), and POST /oid4vci/offers (API key) to
 * offer stored credentials. Errors answer in the OAuth shape `{error, error_description}` that
 * wallets read, plus our stable `code`.
 */
export function createOid4vciRouter(opts: Oid4vciRouterOptions): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  const handle = (fn: (req: Request, res: Response) => Promise<void>): RequestHandler => (req, res) => {
    fn(req, res).catch((e: unknown) => oauthFail(res, e, opts.log));
  };
  const requestLike = (req: Request): RequestLike => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    return { method: req.method as RequestLike['method'], url: opts.baseUrl + req.originalUrl, headers };
  };
  const cors: RequestHandler = (_req, res, next) => {
    // Browser wallets (our wallet page on another origin) call these endpoints directly.
    res.set({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'authorization, content-type, dpop', 'Cache-Control': 'no-store' });
    next();
  };
  router.options('/oid4vci/{*rest}', cors, (_req, res) => { res.status(204).end(); });

  const metadata = async () => {
    const profile = await opts.store.getProfile();
    if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer');
    return issuerMetadataOf(opts.baseUrl, profile);
  };
  router.get('/.well-known/openid-credential-issuer', cors, handle(async (_req, res) => {
    res.json((await metadata()).credentialIssuer);
  }));
  router.get('/.well-known/oauth-authorization-server', cors, handle(async (_req, res) => {
    res.json((await metadata()).authorizationServers[0]);
  }));
  router.get(OID4VCI_PATHS.jwks, cors, handle(async (_req, res) => {
    res.type('application/jwk-set+json').send(JSON.stringify({ keys: [oid4vciLibraries(opts.deps()).accessTokenJwk] }));
  }));
  router.post(OID4VCI_PATHS.token, cors, form, handle(async (req, res) => {
    const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
    res.json(await exchangePreAuthorizedCode(opts.deps(), body, requestLike(req)));
  }));
  router.post(OID4VCI_PATHS.nonce, cors, handle(async (_req, res) => {
    res.json(await createProofNonce(opts.deps()));
  }));
  router.post(OID4VCI_PATHS.credential, cors, ...opts.json, handle(async (req, res) => {
    const body = (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
    res.json(await issueOfferedCredential(opts.deps(), body, requestLike(req)));
  }));
  router.post('/oid4vci/offers', opts.auth, ...opts.json, handle(async (req, res) => {
    const parsed = zCreateOffer.safeParse(req.body);
    if (!parsed.success) throw new IssuerError('INPUT_INVALID', `expected {credentialIds: string[], txCode?: boolean, ttlDays?: number}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    const d = opts.deps();
    const offer = await d.store.transaction((tx) => createCredentialOffer(tx, {
      credentialIds: parsed.data.credentialIds, now: d.clock(), random: d.random, baseUrl: d.baseUrl,
      ...(parsed.data.txCode !== undefined ? { txCode: parsed.data.txCode } : {}),
      ...(parsed.data.ttlDays !== undefined ? { ttlDays: parsed.data.ttlDays } : {}),
    }));
    res.status(201).json(offer);
  }));
  return router;
}

function oauthFail(res: Response, err: unknown, log: (line: string) => void): void {
  if (res.headersSent) return;
  if (err instanceof IssuerError) {
    const error = OAUTH_ERROR[err.code] ?? (err.code === 'OFFER_USED' ? (res.req.path.endsWith('/token') ? 'invalid_grant' : 'invalid_credential_request') : 'invalid_request');
    if (err.code === 'ACCESS_TOKEN_INVALID') res.set('WWW-Authenticate', 'Bearer error="invalid_token"');
    res.status(err.status).json({ error, error_description: err.message, code: err.code, ...(err.details ?? {}) });
    return;
  }
  const code = (err as { code?: string })?.code;
  if (code === 'NOT_FOUND') {
    res.status(404).json({ error: 'invalid_request', error_description: (err as Error).message, code });
    return;
  }
  log(`oid4vci: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  res.status(500).json({ error: 'server_error', code: 'INTERNAL_ERROR' });
}
