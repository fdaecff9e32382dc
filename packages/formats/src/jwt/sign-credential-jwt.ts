import { base64url } from 'jose';
import { sign, type Ed25519KeyPair } from '@lp/crypto';
import { FormatsError } from '../errors.ts';

export interface SignJwtOptions {
  keyPair: Ed25519KeyPair;
  /** Key id for the protected header, e.g. `did:key:z6Mk…#z6Mk…`. */
  kid: string;
  /** Sets `iat`; default: now. */
  now?: Date;
}

const encoder = new TextEncoder();

/**
 * Secures a VC 2.0 credential as `application/vc+jwt` (VC-JOSE-COSE 1.0 §3.1.1): the JWS payload is
 * the credential itself, plus `iss` (the issuer id, RFC 7519 §4.1.1) and `iat`; the protected
 * header is `{alg: 'EdDSA', typ: 'vc+jwt', kid}`. Signed with @lp/crypto `sign` (RFC 8037).
 *
 * @example
 *   const jwt = await signCredentialJwt(credential, { keyPair, kid: `${did}#${did.slice(8)}` });
 */
export async function signCredentialJwt(credential: object, opts: SignJwtOptions): Promise<string> {
  if (typeof credential !== 'object' || credential === null || Array.isArray(credential)) {
    throw new FormatsError('CREDENTIAL_INVALID', 'a credential must be a JSON object');
  }
  const cred = credential as Record<string, unknown>;
  const iss = issuerIdOf(cred);
  if (!iss) throw new FormatsError('CREDENTIAL_INVALID', 'the credential has no issuer id');
  if ('proof' in cred) throw new FormatsError('CREDENTIAL_INVALID', 'a vc+jwt payload must not carry an embedded proof');
  if (typeof opts.kid !== 'string' || opts.kid === '') throw new FormatsError('KEY_INVALID', 'kid must be a non-empty string');
  if (!(opts.keyPair?.secretKey instanceof Uint8Array) || opts.keyPair.secretKey.length !== 32) {
    throw new FormatsError('KEY_INVALID', 'keyPair.secretKey must be a 32-byte Ed25519 seed');
  }
  const header = { alg: 'EdDSA', typ: 'vc+jwt', kid: opts.kid };
  const payload = { ...cred, iss, iat: Math.floor((opts.now ?? new Date()).getTime() / 1000) };
  const signingInput = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  const signature = await sign(opts.keyPair.secretKey, encoder.encode(signingInput));
  return `${signingInput}.${base64url.encode(signature)}`;
}

export function issuerIdOf(cred: Record<string, unknown>): string | undefined {
  const issuer = cred.issuer;
  if (typeof issuer === 'string') return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string') return (issuer as { id: string }).id;
  return undefined;
}
