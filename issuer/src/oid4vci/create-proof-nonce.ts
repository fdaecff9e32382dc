import { base64urlEncode } from '@lp/crypto';
import type { IssuerDeps } from '../domain/issuer-deps.ts';
import { isoSeconds } from '../domain/lib/time.ts';
import { NONCE_SECONDS } from './oid4vci-deps.ts';

/** The nonce endpoint (OpenID4VCI 1.0 §7): a fresh single-use c_nonce. */
export async function createProofNonce(deps: Pick<IssuerDeps, 'store' | 'clock' | 'random'>): Promise<{ c_nonce: string }> {
  const cNonce = base64urlEncode(deps.random(32));
  await deps.store.createNonce(cNonce, isoSeconds(new Date(deps.clock().getTime() + NONCE_SECONDS * 1000)));
  return { c_nonce: cNonce };
}
