import { base64url } from 'jose';
import { publicKeyFromDidKey, verify } from '@lp/crypto';
import { ModelError, parseJsonText, verdictOf, type Check } from '@lp/model';
import { makeCheck } from '../lib/make-check.ts';
import { MAX_FULL_RECORD_BYTES } from '../lib/limits.ts';
import { runCommonChecks } from '../lib/run-common-checks.ts';
import { issuerIdOf } from './sign-credential-jwt.ts';
import type { FullRecordResult, VerifyJwtOptions } from '../types.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const B64URL = /^[A-Za-z0-9_-]*$/;
/** JWT registered claims (RFC 7519 §4.1) that are not part of the credential itself. */
const JWT_CLAIMS = ['iss', 'iat', 'nbf', 'exp', 'jti', 'sub', 'aud', 'cnf'] as const;

/**
 * Verifies an `application/vc+jwt` (VC-JOSE-COSE 1.0 §3.1.1). Only `alg: EdDSA` is accepted
 * (RFC 8725 §3.1: never trust the header's choice of algorithm); `typ` must be `vc+jwt`; `iss`
 * must equal the credential's issuer id. The Ed25519 verdict comes from @lp/crypto `verify`.
 * Checks: 'parse', 'signature', ['status'], 'validity', 'profile'. Never throws for bad input.
 *
 * @example
 *   const r = await verifyCredentialJwt(jwt, { now: new Date() });
 */
export async function verifyCredentialJwt(jwt: string, opts: VerifyJwtOptions = {}): Promise<FullRecordResult> {
  const checks: Check[] = [];
  const done = (credential?: Record<string, unknown>): FullRecordResult => ({ verdict: verdictOf(checks), checks, ...(credential ? { credential } : {}), format: 'jwt' });
  const failParse = (code: string, message: string) => {
    checks.push(makeCheck('parse', 'fail', code, message));
    return done();
  };
  if (typeof jwt !== 'string' || jwt.length > MAX_FULL_RECORD_BYTES) return failParse('JWT_MALFORMED', 'not a compact JWS within the size limit');
  const parts = jwt.trim().split('.');
  if (parts.length !== 3 || !parts.every((part) => B64URL.test(part))) {
    return failParse('JWT_MALFORMED', 'not a compact JWS: three base64url parts separated by dots');
  }
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  if (header === 'duplicate') return failParse('JSON_DUPLICATE_KEY', 'the protected header has a key twice');
  if (!header) return failParse('JWT_MALFORMED', 'the protected header is not base64url JSON');
  // The algorithm is decided before anything else (RFC 8725 §2.1, §3.1): `none`, HMAC and other
  // algorithms are refused whatever the rest of the token holds.
  if (header.alg !== 'EdDSA') return failParse('JWT_ALG_NOT_ALLOWED', `alg "${String(header.alg)}" is not allowed: only EdDSA`);
  if (header.typ !== 'vc+jwt') return failParse('JWT_TYP_INVALID', `typ "${String(header.typ)}" is not vc+jwt`);
  // RFC 7515 §4.1.11: a recipient must reject a JWS whose `crit` names extensions it does not know.
  if (header.crit !== undefined) return failParse('JWT_MALFORMED', 'unsupported critical header parameters');
  const payload = decodeJson(p);
  if (payload === 'duplicate') return failParse('JSON_DUPLICATE_KEY', 'the payload has a key twice in one object');
  if (!payload) return failParse('JWT_MALFORMED', 'the payload is not base64url JSON');
  let signature: Uint8Array | undefined;
  try {
    signature = base64url.decode(s);
  } catch {
    signature = undefined;
  }
  if (!signature) return failParse('JWT_MALFORMED', 'the signature is not base64url');
  if (signature.length !== 64) return failParse('JWT_MALFORMED', 'an EdDSA signature is 64 bytes');

  const iss = payload.iss;
  const issuer = issuerIdOf(payload);
  if (!issuer) return failParse('CREDENTIAL_MALFORMED', 'the payload has no issuer id');
  if (iss !== issuer) return failParse('JWT_ISS_MISMATCH', `iss "${String(iss)}" is not the credential's issuer "${issuer}"`);
  const credential = Object.fromEntries(Object.entries(payload).filter(([k]) => !(JWT_CLAIMS as readonly string[]).includes(k)));
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('VerifiableCredential')) return failParse('CREDENTIAL_MALFORMED', 'type must include VerifiableCredential');
  checks.push(makeCheck('parse', 'pass', 'CREDENTIAL_WELL_FORMED', 'a vc+jwt with an EdDSA signature'));

  const signatureCheck = await checkJwtSignature(header, issuer, `${h}.${p}`, signature, opts);
  checks.push(signatureCheck);
  const times = { nbf: numberOrUndefined(payload.nbf), exp: numberOrUndefined(payload.exp) };
  checks.push(...(await runCommonChecks(credential, signatureCheck.status === 'pass', opts, times)));
  return done(credential);
}

async function checkJwtSignature(header: Record<string, unknown>, issuer: string, signingInput: string, signature: Uint8Array, opts: VerifyJwtOptions): Promise<Check> {
  const fail = (code: string, message: string) => makeCheck('signature', 'fail', code, message);
  const kid = header.kid;
  if (typeof kid !== 'string' || kid === '') return fail('JWT_KID_MISSING', 'the protected header has no kid');
  let publicKey: Uint8Array | undefined;
  if (opts.resolveKey) {
    publicKey = opts.resolveKey(kid, issuer);
    if (!publicKey) return fail('JWT_KEY_UNRESOLVED', `no key known for kid "${kid}"`);
  } else {
    if (!kid.startsWith('did:key:')) return fail('JWT_KEY_UNRESOLVED', `kid "${kid}" is not a did:key and no key resolver was given`);
    const did = kid.split('#')[0]!;
    // Without a trust bundle, the only binding of a key to the issuer is that the issuer IS the
    // did:key: otherwise anyone could sign with their own key and claim any iss.
    if (did !== issuer) return fail('ISSUER_KEY_MISMATCH', `the key ${did} is not the issuer ${issuer}`);
    try {
      publicKey = publicKeyFromDidKey(did);
    } catch (err) {
      return fail('VERIFICATION_METHOD_NOT_ED25519', `kid is not an Ed25519 did:key (${(err as { code?: string }).code ?? 'invalid'})`);
    }
  }
  let ok = false;
  try {
    ok = await verify(publicKey, encoder.encode(signingInput), signature);
  } catch {
    ok = false;
  }
  return ok ? makeCheck('signature', 'pass', 'SIGNATURE_VALID', 'the EdDSA signature of the vc+jwt is valid', { kid }) : fail('SIGNATURE_INVALID', 'the signature does not match the JWT');
}

/** A JSON object, 'duplicate' for one with a key twice (RFC 7515 §5.2: MUST reject), else undefined. */
function decodeJson(part: string): Record<string, unknown> | 'duplicate' | undefined {
  try {
    const value: unknown = parseJsonText(decoder.decode(base64url.decode(part)));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch (e) {
    return e instanceof ModelError && e.code === 'JSON_DUPLICATE_KEY' ? 'duplicate' : undefined;
  }
}

function numberOrUndefined(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
