import { describe, expect, it } from '@jest/globals';
import { keyPairFromSeed, seedFromSecretMultikey } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { signCredentialDi, verifyCredentialDi } from '../src/index.ts';
import { readJson, vector } from './helpers/fixtures.ts';

// W3C vc-di-eddsa test vectors (test/vectors/SOURCE.md). Ed25519 is deterministic, so a conforming
// signer reproduces proofValue byte for byte. The vectors' issuer is not the key's controller, so
// they are verified with purpose 'assertion' (no issuer binding).
const documentLoader = createDocumentLoader();
const NOW = new Date('2025-01-01T00:00:00Z');
const NAMES = ['eddsa-rdfc-2022', 'eddsa-rdfc-2022-employment'] as const;

describe.each(NAMES.map((n) => [n]))('W3C vector %s', (name) => {
  const v = vector(name);

  it('our signer reproduces proofValue byte for byte', async () => {
    const keyPair = await keyPairFromSeed(seedFromSecretMultikey(v.keyPair.privateKeyMultibase));
    const signed = await signCredentialDi(v.unsignedCredential, {
      keyPair,
      verificationMethod: v.proofOptions.verificationMethod,
      created: new Date(v.proofOptions.created),
      documentLoader,
    });
    expect((signed.proof as Record<string, unknown>).proofValue).toBe(v.proofValue);
    expect(signed).toEqual(v.signedCredential);
  });

  it('our verifier accepts the signed credential', async () => {
    const r = await verifyCredentialDi(v.signedCredential, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'pass', code: 'SIGNATURE_VALID' });
    expect(r.verdict).toBe('VALID');
  });

  it('with issuer binding, the vector is refused (its issuer does not control the key)', async () => {
    const r = await verifyCredentialDi(v.signedCredential, { documentLoader, now: NOW });
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'fail', code: 'ISSUER_KEY_MISMATCH' });
  });

  const proofPositions = [1, 20, 50, v.proofValue.length - 1];
  it.each(proofPositions.map((i) => [`proofValue[${i}]`, i] as const))('one character changed in %s → rejected', async (_label, i) => {
    const tampered = structuredClone(v.signedCredential);
    const pv = tampered.proof.proofValue as string;
    tampered.proof.proofValue = pv.slice(0, i) + (pv[i] === '2' ? '3' : '2') + pv.slice(i + 1);
    const r = await verifyCredentialDi(tampered, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(r.verdict).toBe('INVALID');
    expect(['SIGNATURE_INVALID', 'PROOF_VALUE_MALFORMED']).toContain(r.checks.find((c) => c.id === 'signature')?.code);
  });

  it.each([['first'], ['middle'], ['last']])('one character changed in a credentialSubject value (%s) → SIGNATURE_INVALID', async (where) => {
    const tampered = structuredClone(v.signedCredential);
    const subject = tampered.credentialSubject as Record<string, unknown>;
    const key = Object.keys(subject).find((k) => typeof subject[k] === 'string' && k !== 'id' && !String(subject[k]).startsWith('data:'))!;
    const s = subject[key] as string;
    const i = where === 'first' ? 0 : where === 'middle' ? Math.floor(s.length / 2) : s.length - 1;
    subject[key] = s.slice(0, i) + (s[i] === 'X' ? 'Y' : 'X') + s.slice(i + 1);
    const r = await verifyCredentialDi(tampered, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID' });
  });
});

describe('W3C vector eddsa-rdfc-2022-proof-set-chain', () => {
  const v = readJson<Record<string, { signedDocument: Record<string, unknown> & { proof: Record<string, unknown>[] } }>>('test/vectors/w3c-vc-di-eddsa/eddsa-rdfc-2022-proof-set-chain.json');

  // A proof set (VC Data Integrity 1.0 §2.1.1): every proof must verify (§4.4 allProofsVerified).
  // The proofs are made by keys unrelated to the issuer, hence purpose 'assertion'.
  it('proofSet: every proof verifies', async () => {
    const r = await verifyCredentialDi(v.proofSet!.signedDocument, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'pass', code: 'SIGNATURE_VALID' });
  });

  // jsonld-signatures 11 does not hash previous proofs into a chained proof: chains are refused
  // with their own code instead of a misleading SIGNATURE_INVALID.
  it.each([['proofChain'], ['extendedProofChain']])('%s: refused with PROOF_CHAIN_UNSUPPORTED', async (name) => {
    const r = await verifyCredentialDi(v[name]!.signedDocument, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'fail', code: 'PROOF_CHAIN_UNSUPPORTED' });
  });

  it('proofSet: one proof of the set tampered → SIGNATURE_INVALID', async () => {
    const doc = structuredClone(v.proofSet!.signedDocument);
    const pv = doc.proof[1]!.proofValue as string;
    doc.proof[1]!.proofValue = pv.slice(0, 30) + (pv[30] === '2' ? '3' : '2') + pv.slice(31);
    const r = await verifyCredentialDi(doc, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID' });
  });
});

describe('W3C vector eddsa-jcs-2022', () => {
  // Others secure credentials with eddsa-jcs-2022 (vc-di-eddsa §3.4): verified like rdfc.
  it('verifies, and one changed character fails it', async () => {
    const v = vector('eddsa-jcs-2022');
    const r = await verifyCredentialDi(v.signedCredential, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'pass', code: 'SIGNATURE_VALID' });
    const doc = structuredClone(v.signedCredential) as Record<string, unknown>;
    doc.validFrom = '2023-02-24T23:36:39Z';
    const bad = await verifyCredentialDi(doc, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(bad.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID' });
  });
});
