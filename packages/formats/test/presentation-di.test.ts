import { beforeAll, describe, expect, test } from '@jest/globals';
import { createDocumentLoader } from '@lp/contexts';
import { didKeyFromPublicKey, keyPairFromSeed } from '@lp/crypto';
import { signPresentationDi, verifyPresentationDi } from '../src/index.ts';

const documentLoader = createDocumentLoader();
const VP = (holder: string) => ({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder });
let vp: Record<string, unknown>;
let holder: string;

beforeAll(async () => {
  const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(5));
  holder = didKeyFromPublicKey(keyPair.publicKey);
  vp = await signPresentationDi(VP(holder), { keyPair, verificationMethod: `${holder}#${holder.slice(8)}`, documentLoader, challenge: 'n-1', domain: 'v.example', created: new Date('2025-01-15T12:00:00Z') });
});

describe('signPresentationDi / verifyPresentationDi', () => {
  test('the proof is eddsa-rdfc-2022, authentication, with challenge and domain; it verifies and names the signer', async () => {
    expect(vp.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'authentication', challenge: 'n-1', domain: 'v.example' });
    const r = await verifyPresentationDi(vp, { documentLoader, challenge: 'n-1', domain: 'v.example' });
    expect(r).toMatchObject({ verified: true, signer: holder, check: { id: 'presentation', status: 'pass', code: 'PRESENTATION_SIGNATURE_VALID' } });
  });

  const ok = { challenge: 'n-1', domain: 'v.example' };
  test.each([
    ['another challenge', 'PRESENTATION_CHALLENGE_MISMATCH', (v: any) => v, { challenge: 'n-2', domain: 'v.example' }],
    ['another domain', 'PRESENTATION_DOMAIN_MISMATCH', (v: any) => v, { challenge: 'n-1', domain: 'w.example' }],
    ['a challenge removed', 'PRESENTATION_CHALLENGE_MISSING', (v: any) => { delete v.proof.challenge; return v; }, ok],
    ['a changed body', 'PRESENTATION_SIGNATURE_INVALID', (v: any) => { v.id = 'urn:uuid:x'; return v; }, ok],
    ['assertionMethod purpose', 'PRESENTATION_SIGNATURE_INVALID', (v: any) => { v.proof.proofPurpose = 'assertionMethod'; return v; }, ok],
    ['no proof', 'PRESENTATION_SIGNATURE_INVALID', (v: any) => { delete v.proof; return v; }, ok],
    ['not a presentation', 'PRESENTATION_MALFORMED', () => 'text', ok],
  ])('%s → %s', async (_t, code, mutate, opts) => {
    const r = await verifyPresentationDi(mutate(structuredClone(vp)), { documentLoader, ...opts });
    expect(r.verified).toBe(false);
    expect(r.check.code).toBe(code);
  });
});
