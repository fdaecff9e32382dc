import { z } from 'zod';
import { CryptoError } from './errors.ts';
import { base64urlDecode, base64urlEncode } from './lib/base64url.ts';
import { assertBytes } from './lib/bytes.ts';
import type { Ed25519KeyPair } from './types.ts';

/** An Ed25519 public JWK (RFC 8037 §2). */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** An Ed25519 private JWK: `d` is the base64url seed (RFC 8037 §2). */
export interface Ed25519PrivateJwk extends Ed25519PublicJwk {
  d: string;
}

// Other members (kid, alg 'EdDSA', use, key_ops…) are allowed by RFC 7517 and ignored; the ones
// that fix the key are checked exactly.
const zJwk = z.object({
  kty: z.literal('OKP'),
  crv: z.literal('Ed25519'),
  x: z.string().length(43),
  d: z.string().length(43).optional(),
});

/** @example publicKeyToJwk(publicKey) // { kty: 'OKP', crv: 'Ed25519', x: '…' } */
export function publicKeyToJwk(publicKey: Uint8Array): Ed25519PublicJwk {
  assertBytes(publicKey, 'publicKey');
  if (publicKey.length !== 32) throw new CryptoError('KEY_LENGTH', `an Ed25519 public key is 32 bytes, got ${publicKey.length}`);
  return { kty: 'OKP', crv: 'Ed25519', x: base64urlEncode(publicKey) };
}

/** Includes the seed as `d`: for export to other tools only, never for display. */
export function privateKeyToJwk(keyPair: Ed25519KeyPair): Ed25519PrivateJwk {
  assertBytes(keyPair?.secretKey, 'secretKey');
  if (keyPair.secretKey.length !== 32) throw new CryptoError('SECRET_KEY_LENGTH', `an Ed25519 seed is 32 bytes, got ${keyPair.secretKey.length}`);
  return { ...publicKeyToJwk(keyPair.publicKey), d: base64urlEncode(keyPair.secretKey) };
}

/**
 * The 32 key bytes of an Ed25519 JWK (public or private; `d` is not returned).
 * @throws CryptoError JWK_INVALID
 */
export function jwkToPublicKey(jwk: unknown): Uint8Array {
  const parsed = zJwk.safeParse(jwk);
  if (!parsed.success) throw new CryptoError('JWK_INVALID', `not an Ed25519 JWK: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
  const x = base64urlDecode(parsed.data.x);
  if (!x || x.length !== 32) throw new CryptoError('JWK_INVALID', 'JWK "x" is not 32 bytes of base64url');
  return x;
}
