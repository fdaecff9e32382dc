import { base64urlDecode, publicKeyFromDidKey, verify } from '@lp/crypto';
import { computeCatalogueDigest } from './compute-catalogue-digest.ts';
import type { TrustErrorCode } from './errors.ts';
import { fromUtf8, utf8 } from './lib/encoding.ts';
import { issuePath } from './lib/parse.ts';
import { zTrustBundle, type TrustBundle } from './z-trust-bundle.ts';
import { zFlattenedJws, zTrustJwsHeader, type FlattenedJws, type TrustJwsHeader } from './z-trust-jws.ts';

/** Checked on the JSON text before parsing (DESIGN.md: size limits before parsing). */
export const MAX_TRUST_BUNDLE_BYTES = 20 * 1024 * 1024;

export interface VerifyTrustBundleOptions {
  /** Pinned anchor DIDs (did:key). A kid (`did#…`) is accepted and reduced to its DID. */
  anchors: readonly string[];
  now: Date;
  maxBytes?: number;
}

/** A bundle whose signature checked out against a pinned anchor. */
export interface VerifiedTrustBundle {
  bundle: TrustBundle;
  jws: FlattenedJws;
  header: TrustJwsHeader;
  /** Past `expires`: still usable, but the pipeline reports UNKNOWN (TRUST_BUNDLE_EXPIRED). */
  expired: boolean;
}

export interface TrustFailure {
  ok: false;
  code: TrustErrorCode;
  message: string;
  path?: string;
}

export type TrustBundleVerification = ({ ok: true } & VerifiedTrustBundle) | TrustFailure;

const fail = (code: TrustErrorCode, message: string, path?: string): TrustFailure =>
  path === undefined ? { ok: false, code, message } : { ok: false, code, message, path };

const didOf = (kid: string) => kid.split('#')[0]!;

/**
 * Verifies a trust bundle (flattened JWS, as JSON text or parsed) against pinned anchors.
 * Never throws for bad input: returns `{ok: false, code}`. Expiry is not a failure: it sets
 * `expired` so the pipeline can say UNKNOWN rather than VALID.
 *
 * The Ed25519 verdict comes from @lp/crypto `verify` (the project's one verification policy),
 * not from jose.
 *
 * @example
 * const r = await verifyTrustBundle(text, { anchors: ['did:key:z6Mk…'], now: new Date() });
 * if (r.ok && !r.expired) use(r.bundle);
 */
export async function verifyTrustBundle(input: string | unknown, opts: VerifyTrustBundleOptions): Promise<TrustBundleVerification> {
  const max = opts.maxBytes ?? MAX_TRUST_BUNDLE_BYTES;
  let value = input;
  if (typeof input === 'string') {
    // UTF-16 length ≤ UTF-8 length, so the cheap test is exact when it fires.
    if (input.length > max || (input.length * 3 > max && utf8(input).length > max)) {
      return fail('TRUST_BUNDLE_TOO_LARGE', `trust bundle larger than ${max} bytes`);
    }
    try {
      value = JSON.parse(input);
    } catch {
      return fail('TRUST_BUNDLE_MALFORMED', 'trust bundle is not JSON', '$');
    }
  }
  const jwsR = zFlattenedJws.safeParse(value);
  if (!jwsR.success) {
    const i = jwsR.error.issues[0];
    return fail('TRUST_BUNDLE_MALFORMED', `not a flattened JWS: ${issuePath(i?.path ?? [])}: ${i?.message}`, issuePath(i?.path ?? []));
  }
  const jws = jwsR.data;
  if (jws.payload.length > max) return fail('TRUST_BUNDLE_TOO_LARGE', `trust bundle larger than ${max} bytes`);

  const headerJson = decodeJson(jws.protected);
  if (headerJson === undefined) return fail('TRUST_BUNDLE_MALFORMED', 'protected header is not base64url JSON', '$.protected');
  // RFC 8725 §3.1: the algorithm is fixed by us, never taken from the token.
  if ((headerJson as { alg?: unknown } | null)?.alg !== 'EdDSA') {
    return fail('TRUST_BAD_ALG', `alg ${JSON.stringify((headerJson as { alg?: unknown } | null)?.alg)} is not accepted (EdDSA only)`, '$.protected.alg');
  }
  const hR = zTrustJwsHeader.safeParse(headerJson);
  if (!hR.success) {
    const i = hR.error.issues[0];
    const path = '$.protected' + issuePath(i?.path ?? []).slice(1);
    return fail('TRUST_BUNDLE_MALFORMED', `protected header: ${path}: ${i?.message}`, path);
  }
  const header = hR.data;

  const pinned = new Set(opts.anchors.map(didOf));
  const signer = didOf(header.kid);
  if (!pinned.has(signer)) return fail('TRUST_ANCHOR_NOT_PINNED', `signed by ${signer}, which is not a pinned trust anchor`);
  if (!signer.startsWith('did:key:')) return fail('TRUST_BAD_ANCHOR_KEY', `anchor ${signer} is not a did:key`);
  let publicKey: Uint8Array;
  try {
    publicKey = publicKeyFromDidKey(signer);
  } catch (e) {
    return fail('TRUST_BAD_ANCHOR_KEY', `anchor ${signer}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const signature = base64urlDecode(jws.signature);
  let good = false;
  if (signature !== undefined && signature.length === 64) {
    try {
      // RFC 7515 §5.2: the signing input is ASCII(protected '.' payload), as transmitted.
      good = await verify(publicKey, utf8(`${jws.protected}.${jws.payload}`), signature);
    } catch {
      good = false;
    }
  }
  if (!good) return fail('TRUST_BAD_SIGNATURE', 'the trust bundle signature does not verify');

  const payloadJson = decodeJson(jws.payload);
  if (payloadJson === undefined) return fail('TRUST_BUNDLE_MALFORMED', 'payload is not base64url JSON', '$.payload');
  const bR = zTrustBundle.safeParse(payloadJson);
  if (!bR.success) {
    const i = bR.error.issues[0];
    const path = issuePath(i?.path ?? []);
    return fail('TRUST_BUNDLE_MALFORMED', `trust bundle: ${path}: ${i?.message}`, path);
  }
  const bundle = bR.data;
  if (bundle.anchor !== signer) return fail('TRUST_BUNDLE_MALFORMED', `payload names anchor ${bundle.anchor} but ${signer} signed it`, '$.anchor');
  for (const [i, iss] of bundle.issuers.entries()) {
    if (computeCatalogueDigest(iss.catalogue.achievements) !== iss.catalogue.digest) {
      return fail('TRUST_CATALOGUE_DIGEST_MISMATCH', `catalogue of ${iss.id} does not match its digest`, `$.issuers[${i}].catalogue.digest`);
    }
  }
  const expired = opts.now.getTime() >= Date.parse(bundle.expires);
  return { ok: true, bundle, jws, header, expired };
}

function decodeJson(b64: string): unknown {
  const bytes = base64urlDecode(b64);
  if (bytes === undefined) return undefined;
  try {
    return JSON.parse(fromUtf8(bytes)) as unknown;
  } catch {
    return undefined;
  }
}
