import { describe, expect, test } from '@jest/globals';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as multikeyContexts } from '@digitalbazaar/multikey-context';
import * as vc from '@digitalbazaar/vc';
import { contexts as didContexts } from 'did-context';
import { didKeyDocument, didKeyFromPublicKey, didKeyVerificationMethod, keyPairFromSeed, sign } from '../src/index.ts';

// Interop of didKeyDocument with @digitalbazaar/vc: a did:key-issued credential signed through
// our `sign` verifies with a document loader that answers did:key from didKeyDocument offline.
const staticContexts = new Map<string, unknown>([...didContexts, ...multikeyContexts, ...credentialsContexts]);

async function documentLoader(url: string): Promise<{ contextUrl: null; documentUrl: string; document: unknown }> {
  if (url.startsWith('did:key:')) {
    const document = url.includes('#') ? didKeyVerificationMethod(url) : didKeyDocument(url);
    return { contextUrl: null, documentUrl: url, document };
  }
  const document = staticContexts.get(url);
  if (!document) throw new Error(`offline loader: ${url} is not bundled`);
  return { contextUrl: null, documentUrl: url, document };
}

describe('did:key documents work with @digitalbazaar/vc (eddsa-rdfc-2022)', () => {
  test('issue with our signer, verify with the did:key document loader; a tampered credential fails', async () => {
    const kp = await keyPairFromSeed(new Uint8Array(32).fill(11));
    const did = didKeyFromPublicKey(kp.publicKey);
    const signer = { id: `${did}#${did.slice(8)}`, algorithm: 'Ed25519', sign: ({ data }: { data: Uint8Array }) => sign(kp.secretKey, data) };
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiableCredential'],
      issuer: did,
      validFrom: '2025-06-01T00:00:00Z',
      credentialSubject: { id: 'did:example:learner' },
    };
    const signed = await vc.issue({ credential, suite: new DataIntegrityProof({ signer, cryptosuite, date: '2025-06-01T00:00:00Z' }), documentLoader });
    expect(signed.proof.verificationMethod).toBe(signer.id);
    const now = new Date('2025-07-01T00:00:00Z');
    const result = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, now });
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
    const tampered = { ...signed, credentialSubject: { id: 'did:example:someone-else' } };
    const bad = await vc.verifyCredential({ credential: tampered, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, now });
    expect(bad.verified).toBe(false);
  });
});
