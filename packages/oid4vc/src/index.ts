// @lp/oid4vc: what our issuer, wallet and verifier hand to the @openid4vc libraries (JOSE
// callbacks over our Ed25519 keys, holder DIDs). The protocol itself stays in those libraries.
export { createJoseCallbacks, publicJwkOfSigner } from './create-jose-callbacks.ts';
export type { JoseCallbacksOptions } from './create-jose-callbacks.ts';
export { holderDidOf, jwkOfDid } from './holder-did.ts';
export { allowPlainHttpFor } from './allow-plain-http.ts';
