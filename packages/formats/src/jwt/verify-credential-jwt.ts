import { base64url, compactVerify, importJWK } from 'jose';
import { publicKeyFromDidKey, verify } from '@lp/crypto';
import { ModelError, parseJsonText, verdictOf, type Check } from '@lp/model';
import { makeCheck } from '../lib/make-check.ts';
import { subjectCheck } from '../lib/subject-check.ts';
import { relatedResourceCheck } from '../lib/related-resource-check.ts';
import { MAX_FULL_RECORD_BYTES } from '../lib/limits.ts';
import { runCommonChecks } from '../lib/run-common-checks.ts';
import { issuerIdOf } from './sign-credential-jwt.ts';
import type { FullRecordResult, JwtAlgorithm, JwtKeyCandidate, VerifyJwtOptions } from '../types.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });
const B64URL = /^[A-Za-z0-9_-]*$/;
/** JWT registered claims (RFC 7519 §4.1) that are not part of the credential itself. */
const JWT_CLAIMS = ['iss', 'iat', 'nbf', 'exp', 'jti', 'sub', 'aud', 'cnf'] as const;
/**
 * EdDSA (what we issue), and RS256 / ES256 for Open Badges 3.0 issuers on other stacks (OB 3.0
 * §8.2.4.1: RS256 is the minimum every OB verifier supports). Everything else — `none`, HMAC
 * (a shared secret is no issuer's signature), other curves — is refused before any other work.
 */
const ALLOWED: readonly JwtAlgorithm[] = ['EdDSA', 'RS256', 'ES256'];

/**
 * Verifies a JWT-secured credential: an `application/vc+jwt` (VC-JOSE-COSE 1.0 §3.1.1, the payload
 * is the credential) or an OB 3.0 / VC-JWT 1.1 token (`typ: JWT`, the credential in the `vc`
 * claim, VC Data Model 1.1 §6.3.1). The algorithm comes from an allow-list, never from the header
 * alone (RFC 8725 §3.1); RS256/ES256 keys come only from `resolveKeys` (a trust bundle), never
 * from the token's own `jwk` header, which is at most a hint to pick among them. `iss` must equal
 * the credential's issuer id. EdDSA verdicts come from @lp/crypto `verify`, RSA/ECDSA from jose.
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
  const token = jwt.trim();
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((part) => B64URL.test(part))) {
    return failParse('JWT_MALFORMED', 'not a compact JWS: three base64url parts separated by dots');
  }
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  if (header === 'duplicate') return failParse('JSON_DUPLICATE_KEY', 'the protected header has a key twice');
  if (!header) return failParse('JWT_MALFORMED', 'the protected header is not base64url JSON');
  // The algorithm is decided before anything else (RFC 8725 §2.1, §3.1): `none`, HMAC and other
  // algorithms are refused whatever the rest of the token holds.
  const alg = header.alg as JwtAlgorithm;
  if (!ALLOWED.includes(alg)) return failParse('JWT_ALG_NOT_ALLOWED', `alg "${String(header.alg)}" is not allowed: only EdDSA, RS256 and ES256`);
  // RFC 7515 §4.1.11: a recipient must reject a JWS whose `crit` names extensions it does not know.
  if (header.crit !== undefined) return failParse('JWT_MALFORMED', 'unsupported critical header parameters');
  const payload = decodeJson(p);
  if (payload === 'duplicate') return failParse('JSON_DUPLICATE_KEY', 'the payload has a key twice in one object');
  if (!payload) return failParse('JWT_MALFORMED', 'the payload is not base64url JSON');
  const typ = header.typ;
  const v1 = typeof payload.vc === 'object' && payload.vc !== null && !Array.isArray(payload.vc);
  // vc+jwt carries the credential as the payload; OB 3.0's `typ: JWT` tokens carry it in `vc`.
  if (!(typ === undefined || typ === 'vc+jwt' || (typ === 'JWT' && v1))) {
    return failParse('JWT_TYP_INVALID', typ === 'JWT' ? 'typ "JWT" without a vc claim: a VC 2.0 credential is typ vc+jwt' : `typ "${String(typ)}" is not vc+jwt`);
  }
  if (typ === 'vc+jwt' && v1) return failParse('JWT_TYP_INVALID', 'typ vc+jwt carries the credential as the payload, not in a vc claim');
  let signature: Uint8Array | undefined;
  try {
    signature = base64url.decode(s);
  } catch {
    signature = undefined;
  }
  if (!signature || signature.length === 0) return failParse('JWT_MALFORMED', 'the signature is not base64url');
  if ((alg === 'EdDSA' || alg === 'ES256') && signature.length !== 64) return failParse('JWT_MALFORMED', `an ${alg} signature is 64 bytes`);

  const credential = v1 ? credentialOfVc1(payload) : Object.fromEntries(Object.entries(payload).filter(([k]) => !(JWT_CLAIMS as readonly string[]).includes(k)));
  const iss = payload.iss;
  const issuer = issuerIdOf(credential);
  if (!issuer) return failParse('CREDENTIAL_MALFORMED', 'the payload has no issuer id');
  if (iss !== issuer) return failParse('JWT_ISS_MISMATCH', `iss "${String(iss)}" is not the credential's issuer "${issuer}"`);
  const types = Array.isArray(credential.type) ? credential.type : [credential.type];
  if (!types.includes('VerifiableCredential')) return failParse('CREDENTIAL_MALFORMED', 'type must include VerifiableCredential');
  const noSubject = subjectCheck(credential);
  if (noSubject) {
    checks.push(noSubject);
    return done(credential);
  }
  const related = relatedResourceCheck(credential);
  if ('fail' in related) {
    checks.push(related.fail);
    return done(credential);
  }
  checks.push(makeCheck('parse', 'pass', 'CREDENTIAL_WELL_FORMED', `a ${v1 ? 'VC-JWT (vc claim)' : 'vc+jwt'} with an ${alg} signature`, related.notChecked.length ? { relatedResourcesNotChecked: related.notChecked } : undefined));

  const signatureCheck = await checkJwtSignature(header, alg, issuer, token, `${h}.${p}`, signature, opts);
  checks.push(signatureCheck);
  const times = { nbf: numberOrUndefined(payload.nbf), exp: numberOrUndefined(payload.exp) };
  checks.push(...(await runCommonChecks(credential, signatureCheck.status === 'pass', opts, times)));
  const iat = numberOrUndefined(payload.iat);
  return iat === undefined ? done(credential) : { ...done(credential), signedAt: new Date(iat * 1000) };
}

/**
 * VC Data Model 1.1 §6.3.1 (JWT decoding): the `vc` claim completed from the registered claims
 * it was moved into — iss → issuer, nbf → issuanceDate, exp → expirationDate, jti → id,
 * sub → credentialSubject.id — each only where the `vc` claim does not say it itself.
 */
function credentialOfVc1(payload: Record<string, unknown>): Record<string, unknown> {
  const c = structuredClone(payload.vc) as Record<string, unknown>;
  if (c.issuer === undefined && typeof payload.iss === 'string') c.issuer = payload.iss;
  const iso = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? new Date(n * 1000).toISOString().replace('.000Z', 'Z') : undefined);
  if (c.issuanceDate === undefined && c.validFrom === undefined && iso(payload.nbf)) c.issuanceDate = iso(payload.nbf);
  if (c.expirationDate === undefined && c.validUntil === undefined && iso(payload.exp)) c.expirationDate = iso(payload.exp);
  if (c.id === undefined && typeof payload.jti === 'string') c.id = payload.jti;
  const subject = c.credentialSubject;
  if (typeof payload.sub === 'string' && subject && typeof subject === 'object' && !Array.isArray(subject) && (subject as Record<string, unknown>).id === undefined) {
    c.credentialSubject = { ...(subject as Record<string, unknown>), id: payload.sub };
  }
  return c;
}

async function checkJwtSignature(
  header: Record<string, unknown>,
  alg: JwtAlgorithm,
  issuer: string,
  token: string,
  signingInput: string,
  signature: Uint8Array,
  opts: VerifyJwtOptions,
): Promise<Check> {
  const fail = (code: string, message: string, details?: Record<string, unknown>) => makeCheck('signature', 'fail', code, message, details);
  const kid = typeof header.kid === 'string' && header.kid !== '' ? header.kid : undefined;
  const jwk = typeof header.jwk === 'object' && header.jwk !== null && !Array.isArray(header.jwk) ? (header.jwk as Record<string, unknown>) : undefined;
  let candidates: JwtKeyCandidate[];
  if (opts.resolveKeys) {
    candidates = opts.resolveKeys({ alg, iss: issuer, ...(kid !== undefined ? { kid } : {}), ...(jwk !== undefined ? { jwk } : {}) }) ?? [];
  } else if (opts.resolveKey && alg === 'EdDSA' && kid !== undefined) {
    const key = opts.resolveKey(kid, issuer);
    candidates = key ? [{ id: kid, publicKey: key }] : [];
  } else {
    if (kid === undefined) return fail('JWT_KID_MISSING', 'the protected header has no kid');
    if (alg !== 'EdDSA' || !kid.startsWith('did:key:')) {
      return makeCheck('signature', 'unknown', 'JWT_KEY_UNRESOLVED', `no key known for kid "${kid}" (${alg} keys come from a trust bundle)`, { kid });
    }
    const did = kid.split('#')[0]!;
    // Without a trust bundle, the only binding of a key to the issuer is that the issuer IS the
    // did:key: otherwise anyone could sign with their own key and claim any iss.
    if (did !== issuer) return fail('ISSUER_KEY_MISMATCH', `the key ${did} is not the issuer ${issuer}`);
    try {
      candidates = [{ id: kid, publicKey: publicKeyFromDidKey(did) }];
    } catch (err) {
      return fail('VERIFICATION_METHOD_NOT_ED25519', `kid is not an Ed25519 did:key (${(err as { code?: string }).code ?? 'invalid'})`);
    }
  }
  if (candidates.length === 0) {
    if (kid === undefined && !opts.resolveKeys) return fail('JWT_KID_MISSING', 'the protected header has no kid');
    return makeCheck('signature', 'unknown', 'JWT_KEY_UNRESOLVED', `no ${alg} key of ${issuer} is known here${kid !== undefined ? ` for kid "${kid}"` : ''}: the signature cannot be checked`, { ...(kid !== undefined ? { kid } : {}), issuer });
  }
  for (const c of candidates) {
    if (await verifyWith(c, alg, token, signingInput, signature)) {
      return makeCheck('signature', 'pass', 'SIGNATURE_VALID', `the ${alg} signature of the JWT is valid`, { kid: c.id, alg });
    }
  }
  return fail('SIGNATURE_INVALID', 'the signature does not match the JWT', { alg, ...(kid !== undefined ? { kid } : {}) });
}

async function verifyWith(c: JwtKeyCandidate, alg: JwtAlgorithm, token: string, signingInput: string, signature: Uint8Array): Promise<boolean> {
  try {
    if ('publicKey' in c) return alg === 'EdDSA' && (await verify(c.publicKey, encoder.encode(signingInput), signature));
    if (alg === 'EdDSA') return false;
    const jwk = c.jwk;
    // RFC 7518 §3.3 / §3.4: RS256 with RSA keys of 2048 bits or more, ES256 with P-256 only.
    if (alg === 'RS256' && (jwk.kty !== 'RSA' || modulusBits(jwk.n) < 2048)) return false;
    if (alg === 'ES256' && (jwk.kty !== 'EC' || jwk.crv !== 'P-256')) return false;
    const key = await importJWK({ ...jwk, alg }, alg);
    await compactVerify(token, key, { algorithms: [alg] });
    return true;
  } catch {
    return false;
  }
}

function modulusBits(n: unknown): number {
  if (typeof n !== 'string') return 0;
  let bytes: Uint8Array;
  try {
    bytes = base64url.decode(n);
  } catch {
    return 0;
  }
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return i === bytes.length ? 0 : (bytes.length - i) * 8 - (Math.clz32(bytes[i]!) - 24);
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
