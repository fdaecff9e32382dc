import type { Jwk, JwtSigner } from '@openid4vc/oauth2';
import { base64urlDecode, base64urlEncode, didKeyFromPublicKey, jwkToPublicKey, publicKeyFromDidKey, publicKeyToJwk } from '@lp/crypto';

/**
 * The DID a holder proof names, which becomes `credentialSubject.id`: a did:key or did:jwk kid as
 * given (without fragment); a bare Ed25519 JWK as its did:key; any other JWK as did:jwk.
 */
export function holderDidOf(signer: JwtSigner): string | undefined {
  if (signer.method === 'did') return signer.didUrl.split('#', 1)[0];
  if (signer.method !== 'jwk') return undefined;
  const jwk = signer.publicJwk;
  if (jwk.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') return didKeyFromPublicKey(jwkToPublicKey({ kty: 'OKP', crv: 'Ed25519', x: jwk.x }));
  const { kty, crv, x, y, e, n } = jwk;
  const minimal = Object.fromEntries(Object.entries({ kty, crv, x, y, e, n }).filter(([, v]) => v !== undefined));
  return `did:jwk:${base64urlEncode(new TextEncoder().encode(JSON.stringify(minimal)))}`;
}

/** The public JWK of a did:jwk or Ed25519 did:key (with or without fragment); undefined for other DIDs. */
export function jwkOfDid(didUrl: string): Jwk | undefined {
  const did = didUrl.split('#', 1)[0]!;
  if (did.startsWith('did:key:')) return publicKeyToJwk(publicKeyFromDidKey(did)) as Jwk;
  if (!did.startsWith('did:jwk:')) return undefined;
  const parsed = JSON.parse(new TextDecoder().decode(base64urlDecode(did.slice('did:jwk:'.length)))) as unknown;
  if (!parsed || typeof parsed !== 'object' || typeof (parsed as { kty?: unknown }).kty !== 'string') return undefined;
  return parsed as Jwk;
}
