import * as jose from 'jose';
import type { CallbackContext, Jwk, JwtSigner } from '@openid4vc/oauth2';
import { clientAuthenticationAnonymous } from '@openid4vc/oauth2';
import { publicKeyToJwk, privateKeyToJwk, publicKeyFromDidKey } from '@lp/crypto';
import type { Ed25519KeyPair } from '@lp/crypto';
import { jwkOfDid } from './holder-did.ts';

export interface JoseCallbacksOptions {
  /** The Ed25519 keys this side may sign with (issuer key for access tokens, holder key for proofs). */
  signingKeys?: readonly Ed25519KeyPair[];
  /** Answers the library's own fetches (issuer metadata, JWKS); tests pass a loopback-only fetch. */
  fetch?: typeof fetch;
  /** For the clock checks inside jose (iat/exp of proofs and tokens). */
  now?: () => Date;
  random?: (n: number) => Uint8Array;
}

/**
 * The callbacks @openid4vc libraries need (oauth2 `CallbackContext`), over jose and our Ed25519
 * keys: the libraries run the protocol, these only sign, verify and hash. A signer is found by
 * its public JWK or did:key; a JWT is verified against the key its header names (jwk, did:key or
 * did:jwk) and nothing else, so a proof "signed by another key" fails here.
 */
export function createJoseCallbacks(options: JoseCallbacksOptions = {}): Omit<CallbackContext, 'decryptJwe' | 'encryptJwe'> & Pick<CallbackContext, 'decryptJwe' | 'encryptJwe'> {
  const keys = options.signingKeys ?? [];
  // WebCrypto, not node:crypto: the wallet page runs the same wallet side in the browser.
  const random = options.random ?? ((n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n)));
  const keyFor = (signer: JwtSigner): Ed25519KeyPair | undefined => {
    const x = publicJwkOfSigner(signer)?.x;
    return keys.find((k) => publicKeyToJwk(k.publicKey).x === x);
  };
  return {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    // The libraries name hashes 'sha-256' (await every call); WebCrypto wants 'SHA-256'.
    hash: async (data, alg) => new Uint8Array(await globalThis.crypto.subtle.digest(alg.toUpperCase(), new Uint8Array(data))),
    generateRandom: (n) => random(n),
    clientAuthentication: clientAuthenticationAnonymous(),
    signJwt: async (signer, { header, payload }) => {
      const key = keyFor(signer);
      if (!key) throw new TypeError(`no signing key here for the ${signer.method} signer`);
      const priv = await jose.importJWK({ ...privateKeyToJwk(key), alg: 'EdDSA' }, 'EdDSA');
      const jwt = await new jose.SignJWT(payload as jose.JWTPayload).setProtectedHeader({ ...header, alg: 'EdDSA' } as jose.JWTHeaderParameters).sign(priv);
      return { jwt, signerJwk: publicKeyToJwk(key.publicKey) as Jwk };
    },
    verifyJwt: async (signer, { compact }) => {
      const jwk = publicJwkOfSigner(signer);
      if (!jwk) return { verified: false };
      try {
        const key = await jose.importJWK(jwk as jose.JWK, signer.alg);
        // Time claims are checked by the libraries against their own `now`; jose checks the signature.
        await jose.compactVerify(compact, key);
        return { verified: true, signerJwk: jwk };
      } catch {
        return { verified: false, signerJwk: jwk };
      }
    },
    encryptJwe: () => { throw new TypeError('JWE is not used here'); },
    decryptJwe: () => ({ decrypted: false as const }),
  };
}

/** The public JWK a signer names: its own jwk, or the key of a did:key / did:jwk URL. */
export function publicJwkOfSigner(signer: JwtSigner): Jwk | undefined {
  try {
    if (signer.method === 'jwk') return signer.publicJwk;
    if (signer.method === 'did') {
      if (signer.didUrl.startsWith('did:key:')) return publicKeyToJwk(publicKeyFromDidKey(signer.didUrl)) as Jwk;
      return jwkOfDid(signer.didUrl);
    }
  } catch {
    return undefined;
  }
  return undefined;
}
