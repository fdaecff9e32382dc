import { FlattenedSign, importJWK } from 'jose';
import { didKeyFromPublicKey, privateKeyToJwk, type Ed25519KeyPair } from '@lp/crypto';
import { TrustError } from './errors.ts';
import { canonicalJson } from './lib/canonical-json.ts';
import { utf8 } from './lib/encoding.ts';
import { parseOrThrow } from './lib/parse.ts';
import { zTrustBundle, type TrustBundle } from './z-trust-bundle.ts';
import { TRUST_BUNDLE_TYP, type FlattenedJws } from './z-trust-jws.ts';

/**
 * Signs a bundle payload with the anchor key as a flattened JWS (RFC 7515 §7.2.2): bundles carry
 * catalogues and status lists (tens of KB), which the JSON form keeps readable as a file.
 * Header: `{alg: 'EdDSA', typ: 'lp-trust+json', kid: <anchor did:key>#<multibase>}`.
 * The payload's `anchor` must be the signing key's DID (TRUST_BAD_ANCHOR_KEY otherwise).
 *
 * @example const jws = await signTrustBundle(buildTrustBundle({...}), anchorKeyPair);
 */
export async function signTrustBundle(payload: TrustBundle, anchorKeyPair: Ed25519KeyPair): Promise<FlattenedJws> {
  const bundle = parseOrThrow(zTrustBundle, payload, 'TRUST_BUNDLE_MALFORMED', 'trust bundle');
  const did = didKeyFromPublicKey(anchorKeyPair.publicKey);
  if (bundle.anchor !== did) {
    throw new TrustError('TRUST_BAD_ANCHOR_KEY', `payload names anchor ${bundle.anchor} but the key is ${did}`, '$.anchor');
  }
  // did:key spec §3.1.2: the verification method fragment is the multibase value itself.
  const kid = `${did}#${did.slice('did:key:'.length)}`;
  const key = await importJWK({ ...privateKeyToJwk(anchorKeyPair), alg: 'EdDSA' }, 'EdDSA');
  const jws = await new FlattenedSign(utf8(canonicalJson(bundle)))
    .setProtectedHeader({ alg: 'EdDSA', typ: TRUST_BUNDLE_TYP, kid })
    .sign(key);
  return { payload: jws.payload, protected: jws.protected!, signature: jws.signature };
}
