import type { DocumentLoader } from '@lp/contexts';
import { sign } from '@lp/crypto';
import {
  assertSealFitsQr, createSealClaims, encodeSeal, FormatsError, SEAL_MAX_QR_VERSION, SealError, signCredentialDi, signCredentialJwt, type SigningCryptosuite,
} from '@lp/formats';
import { IssuerError } from '../../errors.ts';
import type { SigningKey } from '../issuer-deps.ts';

export interface SignCredentialFormsInput {
  /** The unsigned credential with its credentialStatus entries. */
  credential: Record<string, unknown>;
  /** proof.created, the JWT's iat and the seal's signing time. */
  now: Date;
  cryptosuite?: SigningCryptosuite;
  /** Also the VC-JOSE form. */
  jwt?: boolean;
  /** Make the QR seal (the caller decided that the credential names a learner in clear). */
  seal: boolean;
  /** `clr` gets the transcript's QR budget. */
  kind: string;
  /** Catalogue codes and achievement ids, so that a seal names an achievement by its short code. */
  sealCatalogue: readonly { code: string; id: string }[];
  learnerName?: string;
  session?: string;
}

export interface SignedCredentialForms {
  credential: Record<string, unknown>;
  jwt?: string;
  seal: string | null;
}

/**
 * Signs every form of one credential with the same key (DESIGN.md "Two forms of every
 * credential"): the full record with Data Integrity, the vc+jwt form on request, and the QR seal,
 * refused past its QR budget. Pure apart from the signature: the same function runs in the
 * issuing process and in the bulk signing threads (bulk/sign-worker.mjs), so both issue the
 * same credentials.
 *
 * Throws IssuerError CREDENTIAL_INVALID or SEAL_TOO_LARGE.
 */
export async function signCredentialForms(
  signer: SigningKey, documentLoader: DocumentLoader, input: SignCredentialFormsInput,
): Promise<SignedCredentialForms> {
  const { credential: toSign, now } = input;
  let credential: Record<string, unknown>;
  try {
    credential = await signCredentialDi(toSign, {
      keyPair: signer.keyPair, verificationMethod: signer.kid, created: now, documentLoader, ...(input.cryptosuite ? { cryptosuite: input.cryptosuite } : {}),
    });
  } catch (e) {
    if (e instanceof FormatsError) throw new IssuerError('CREDENTIAL_INVALID', e.message, '$.credential');
    throw e;
  }
  const jwt = input.jwt ? await signCredentialJwt(toSign, { keyPair: signer.keyPair, kid: signer.kid, now }) : undefined;
  const seal = input.seal ? await makeSeal(signer, credential, input) : null;
  return { credential, seal, ...(jwt !== undefined ? { jwt } : {}) };
}

async function makeSeal(signer: SigningKey, credential: Record<string, unknown>, input: SignCredentialFormsInput): Promise<string> {
  try {
    const claims = createSealClaims(credential, [...input.sealCatalogue], {
      keyId: signer.kid, ...(input.learnerName !== undefined ? { learnerName: input.learnerName } : {}), ...(input.session !== undefined ? { session: input.session } : {}),
    });
    const seal = await encodeSeal(claims, { sign: (b) => sign(signer.keyPair.secretKey, b), kid: signer.kid });
    assertSealFitsQr(seal, { maxVersion: input.kind === 'clr' ? SEAL_MAX_QR_VERSION.transcript : SEAL_MAX_QR_VERSION.single });
    return seal;
  } catch (e) {
    if (e instanceof SealError) {
      if (e.code === 'SEAL_TOO_LARGE_FOR_QR') {
        throw new IssuerError('SEAL_TOO_LARGE', `the QR seal would be too large: ${e.message}; shorten names or add the achievement to the catalogue`, '$.credential', { ...(e as { details?: Record<string, unknown> }).details });
      }
      throw new IssuerError('CREDENTIAL_INVALID', `cannot make the QR seal: ${e.message}`, `$.credential${e.path ? '.' + e.path : ''}`);
    }
    throw e;
  }
}
