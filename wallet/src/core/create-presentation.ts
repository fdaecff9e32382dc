import { didKeyFromPublicKey, keyPairFromSeed } from '@lp/crypto';
import { signPresentationDi, type DocumentLoader } from '@lp/formats';
import type { Vault } from './vault.ts';
import { WalletError } from './wallet-error.ts';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

export interface CreatePresentationOptions {
  /** The verifier's one-time challenge (from POST /presentations/challenges). */
  challenge: string;
  /** The verifier's domain, e.g. `verify.school.example`. */
  domain: string;
  /** Which credentials; default: every stored full record that is not INVALID. */
  ids?: readonly string[];
  documentLoader: DocumentLoader;
  now: Date;
}

/**
 * A Verifiable Presentation (VC Data Model 2.0 §4.13) of stored full records, signed by the
 * profile's holder key (did:key) with proofPurpose authentication and the verifier's challenge and
 * domain. The credentials are embedded as the exact JSON the issuer signed. Only Data Integrity
 * (JSON) records can be embedded; a vc+jwt or seal-only credential is refused with a clear code.
 */
export async function createPresentation(vault: Vault, opts: CreatePresentationOptions): Promise<Record<string, unknown>> {
  const chosen = opts.ids && opts.ids.length > 0
    ? opts.ids.map((id) => {
        const c = vault.find(id);
        if (!c) throw new WalletError('CREDENTIAL_NOT_FOUND', `no credential ${id} in this wallet`);
        return c;
      })
    : vault.credentials.filter((c) => c.fullRecord !== undefined && c.verification.verdict !== 'INVALID');
  if (chosen.length === 0) throw new WalletError('CREDENTIAL_NOT_FOUND', 'no credential to present (import a full record first)');
  const credentials = chosen.map((c) => {
    const text = c.fullRecord?.trim();
    if (!text || !text.startsWith('{')) {
      throw new WalletError('CREDENTIAL_NOT_PRESENTABLE', `${c.id}: only a full record with a Data Integrity proof can be presented (this one is ${text ? 'a vc+jwt' : 'a seal only'})`);
    }
    return JSON.parse(text) as Record<string, unknown>;
  });
  const keyPair = await keyPairFromSeed(vault.holderSeed);
  const did = didKeyFromPublicKey(keyPair.publicKey);
  const presentation = {
    '@context': [VC_V2],
    type: ['VerifiablePresentation'],
    holder: did,
    verifiableCredential: credentials,
  };
  return signPresentationDi(presentation, {
    keyPair,
    verificationMethod: `${did}#${did.slice('did:key:'.length)}`,
    documentLoader: opts.documentLoader,
    challenge: opts.challenge,
    domain: opts.domain,
    created: opts.now,
  });
}
