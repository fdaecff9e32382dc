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

  // A chained proof (§4.5) signed the document together with the proofs its previousProof names.
  it.each([['proofChain'], ['extendedProofChain']])('%s: every proof verifies, each chained one over the proofs it names', async (name) => {
    const doc = v[name]!.signedDocument;
    const r = await verifyCredentialDi(doc, { documentLoader, now: NOW, purpose: 'assertion' });
    const sig = r.checks.find((c) => c.id === 'signature')!;
    expect(sig).toMatchObject({ status: 'pass', code: 'SIGNATURE_VALID' });
    const chained = doc.proof.filter((p) => p.previousProof !== undefined);
    expect(chained.length).toBeGreaterThan(0);
    expect((sig.details as { chains: unknown[] }).chains).toHaveLength(chained.length);
  });

  it('proofChain: each bad chain is refused with its own code', async () => {
    const chain = v.proofChain!.signedDocument;
    const at = chain.proof.findIndex((p) => p.previousProof !== undefined);
    const names = chain.proof[at]!.previousProof;
    const named = Array.isArray(names) ? (names[0] as string) : (names as string);
    const first = chain.proof.findIndex((p) => p.id === named);
    expect(first).toBeGreaterThanOrEqual(0);
    const variants: [string, (d: typeof chain) => void, string, string][] = [
      ['the named proof is missing', (d) => { d.proof.splice(first, 1); }, 'fail', 'PROOF_CHAIN_BROKEN'],
      ['the named proof has another id', (d) => { d.proof[first]!.id = 'urn:uuid:another'; }, 'fail', 'PROOF_CHAIN_BROKEN'],
      ['previousProof names a proof that is not there', (d) => { d.proof[at]!.previousProof = ['urn:uuid:nowhere']; }, 'fail', 'PROOF_CHAIN_BROKEN'],
      ['previousProof is a number', (d) => { d.proof[at]!.previousProof = 4; }, 'fail', 'PROOF_CHAIN_MALFORMED'],
      ['previousProof is an empty list', (d) => { d.proof[at]!.previousProof = []; }, 'fail', 'PROOF_CHAIN_MALFORMED'],
      ['the chained proof names itself', (d) => { d.proof[at]!.id = 'urn:uuid:self'; d.proof[at]!.previousProof = 'urn:uuid:self'; }, 'fail', 'PROOF_CHAIN_BROKEN'],
      // The earlier proof does not verify, so neither does the chain (the chained proof's own
      // signature covered the earlier proof as it was, so it fails too).
      ['the earlier proof is tampered', (d) => { const pv = d.proof[first]!.proofValue as string; d.proof[first]!.proofValue = pv.slice(0, 30) + (pv[30] === '2' ? '3' : '2') + pv.slice(31); }, 'fail', 'SIGNATURE_INVALID'],
      // A chain whose earlier proof we cannot check cannot be checked.
      ['the earlier proof is of an unknown type', (d) => { d.proof[first]!.type = 'ExampleProof2099'; }, 'unknown', 'PROOF_CHAIN_UNVERIFIABLE'],
    ];
    for (const [label, change, status, code] of variants) {
      const doc = structuredClone(chain);
      change(doc);
      const r = await verifyCredentialDi(doc, { documentLoader, now: NOW, purpose: 'assertion' });
      expect([label, r.checks.find((c) => c.id === 'signature')?.status, r.checks.find((c) => c.id === 'signature')?.code]).toEqual([label, status, code]);
    }
  });

  it('proofChain: the chained proof alone, verified over the bare document as jsonld-signatures does, is refused', async () => {
    const chain = v.proofChain!.signedDocument;
    const chainedProof = chain.proof.find((p) => p.previousProof !== undefined)!;
    // Without its previousProof the proof names no chain, so it is checked over the bare document.
    const { previousProof: _p, ...alone } = chainedProof;
    const r = await verifyCredentialDi({ ...chain, proof: [alone] }, { documentLoader, now: NOW, purpose: 'assertion' });
    expect(r.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID' });
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
