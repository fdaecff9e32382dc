import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadBundledContext } from '@lp/contexts';
import { verifyAny } from '@lp/verify';
import { post, startTestIssuer, verifyDi } from './issuer-helpers.ts';
import type { TestIssuer } from './issuer-helpers.ts';

// What W3C test suites (vc-data-model-2.0, vc-di-eddsa, vc-api issuer) send to POST
// /credentials/issue: a plain VC 2.0 credential, issuer as a string or object, `options: {}`.
let t: TestIssuer;
beforeAll(async () => {
  t = await startTestIssuer();
});
afterAll(async () => {
  await t.stop();
});

const plainVc = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: t.signer.issuerId,
  credentialSubject: { id: 'did:example:subject', name: 'ExampleClaim' },
  ...extra,
});

async function problem(res: Response): Promise<{ code: string; path?: string }> {
  expect(res.status).toBe(422);
  return (await res.json()) as { code: string; path?: string };
}

describe('POST /credentials/issue with a plain VC 2.0 credential (VC-API)', () => {
  it('signs it as given (issuer stays a string, no OB 3.0 Profile type added), with status entries and no seal', async () => {
    const res = await post(t, '/credentials/issue', { credential: plainVc(), options: {} });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { verifiableCredential: any; seal: string | null };
    expect(body.seal).toBeNull();
    const vc = body.verifiableCredential;
    expect(vc.issuer).toBe(t.signer.issuerId);
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' });
    expect(vc.credentialStatus.map((s: any) => s.statusPurpose)).toEqual(['revocation', 'suspension']);
    expect((await verifyDi(vc)).verified).toBe(true);
    expect((await t.store.getCredential(vc.id))?.kind).toBe('vc');
  });

  it('keeps an issuer object and language value objects for name and description (VC 2.0 §4.6, §11.1)', async () => {
    const res = await post(t, '/credentials/issue', {
      credential: plainVc({
        issuer: { id: t.signer.issuerId, name: { '@value': 'Example Issuer', '@language': 'en' } },
        name: { '@value': 'Example Credential', '@language': 'en', '@direction': 'ltr' },
        description: [{ '@value': 'Chien', '@language': 'fr' }],
      }),
    });
    expect(res.status).toBe(201);
    const vc = ((await res.json()) as { verifiableCredential: any }).verifiableCredential;
    expect(vc.issuer).toEqual({ id: t.signer.issuerId, name: { '@value': 'Example Issuer', '@language': 'en' } });
    expect((await verifyDi(vc)).verified).toBe(true);
  });

  it('refuses a malformed credential instead of repairing it', async () => {
    const bad: [Record<string, unknown>, string][] = [
      [{ credentialStatus: { id: 'https://example.org/status/1' } }, '$.credential.credentialStatus'],
      [{ credentialStatus: { id: ['did:example:status:1', 'did:example:status:2'], type: 'X' } }, '$.credential.credentialStatus'],
      [{ name: { '@value': 'x', '@language': 'en', url: 'did:example:issuer' } }, '$.credential.name'],
      [{ refreshService: { id: 'https://example.org/refresh' } }, '$.credential.refreshService'],
      [{ relatedResource: ['https://example.org/r'] }, '$.credential.relatedResource'],
      [{ relatedResource: [{ id: 'https://example.org/r' }] }, '$.credential.relatedResource'],
      [{ relatedResource: [{ id: 'https://example.org/r', digestSRI: 'sha384-a' }, { id: 'https://example.org/r', digestMultibase: 'uEi' }] }, '$.credential.relatedResource'],
    ];
    for (const [extra, path] of bad) {
      const p = await problem(await post(t, '/credentials/issue', { credential: plainVc(extra) }));
      expect(p.code).toBe('CREDENTIAL_INVALID');
      expect(p.path?.startsWith(path)).toBe(true);
    }
  });

  // VC 2.0 §5.3 "Integrity of Related Resources". The digests of the VC 2.0 context as the
  // Recommendation publishes them (sha384 SRI and a sha2-256 multihash), over the bytes we bundle.
  const V2 = 'https://www.w3.org/ns/credentials/v2';
  const V2_SRI = 'sha384-l/HrjlBCNWyAX91hr6LFV2Y3heB5Tcr6IeE4/Tje8YyzYBM8IhqjHWiWpr8+ZbYU';
  const V2_MULTIBASE = 'uEiBZlVztZpfWHgPyslVv6-UwirFoQoRvW1htfx963sknNA';

  it('signs a relatedResource whose digest matches the resource we hold, and one we do not hold unchecked', async () => {
    const res = await post(t, '/credentials/issue', {
      credential: plainVc({ relatedResource: [{ id: V2, digestSRI: V2_SRI, digestMultibase: V2_MULTIBASE }, { id: 'https://example.org/r', digestSRI: 'sha384-anything' }] }),
    });
    expect(res.status).toBe(201);
    expect((await verifyDi(((await res.json()) as { verifiableCredential: any }).verifiableCredential)).verified).toBe(true);
  });

  it('the three positive forms the W3C vc-data-model-2.0 suite sends (digestSRI, digestMultibase, a list with mediaType) are signed when the digests are right', async () => {
    const forms: unknown[] = [
      { id: V2, digestSRI: V2_SRI },
      { id: V2, digestMultibase: V2_MULTIBASE },
      [{ id: V2, mediaType: 'application/ld+json', digestSRI: V2_SRI }],
    ];
    for (const relatedResource of forms) {
      const res = await post(t, '/credentials/issue', { credential: plainVc({ relatedResource }) });
      expect(res.status).toBe(201);
      const vc = ((await res.json()) as { verifiableCredential: any }).verifiableCredential;
      expect(vc.relatedResource).toEqual(relatedResource);
      expect((await verifyDi(vc)).verified).toBe(true);
    }
  });

  it('refuses a relatedResource we hold whose digest does not match or cannot be read, and stores nothing', async () => {
    const before = await t.store.countCredentials();
    const bad: [unknown, string][] = [
      // The digests the W3C vc-data-model-2.0 suite sends as wrong ones.
      [{ id: V2, digestMultibase: 'uM4RgWQc3RUDtjJCSgTJtTfvpZ7SPEg_LNO0ESlovQC0' }, '$.credential.relatedResource'],
      [[{ id: V2, digestSRI: 'sha384-_rCVIV7fSXXTNIvpiq26jRDyj8JG8TDjij-tD0ewLk4JpnXEz6a5AeeY_1qQ0d0P' }], '$.credential.relatedResource[0]'],
      // One right digest does not excuse a wrong one beside it.
      [[{ id: 'https://example.org/r', digestSRI: 'sha256-x' }, { id: V2, digestSRI: V2_SRI, digestMultibase: 'uEiB' + 'A'.repeat(43) }], '$.credential.relatedResource[1]'],
      // A bare sha-256 digest is not a multihash: it cannot be compared, so it is not vouched for.
      [{ id: V2, digestMultibase: 'uWZVc7WaX1h4D8rJVb-vlMIqxaEKEb1tYbX8fet7JJzQ' }, '$.credential.relatedResource'],
      [{ id: V2, digestSRI: 'md5-abc' }, '$.credential.relatedResource'],
    ];
    for (const [relatedResource, path] of bad) {
      const p = await problem(await post(t, '/credentials/issue', { credential: plainVc({ relatedResource }) }));
      expect(p.code).toBe('RELATED_RESOURCE_DIGEST_MISMATCH');
      expect(p.path).toBe(path);
    }
    expect(await t.store.countCredentials()).toBe(before);
  });

  it('refuses an issuer that is not ours or not an issuer at all, naming what was given, and stores nothing', async () => {
    const before = await t.store.countCredentials();
    const cases: [unknown, string][] = [
      [null, 'gives issuer as null, which is neither a URL nor an object with an id'],
      [true, 'gives issuer as boolean true, which is neither a URL nor an object with an id'],
      [4, 'gives issuer as number 4, which is neither a URL nor an object with an id'],
      [[], 'gives issuer as an empty list, which is neither a URL nor an object with an id'],
      [{ name: 'x' }, 'gives issuer as an object without an id, which is neither a URL nor an object with an id'],
      ['did:web:other.example', 'names issuer did:web:other.example'],
    ];
    for (const [issuer, said] of cases) {
      const res = await post(t, '/credentials/issue', { credential: plainVc({ issuer }) });
      const p = (await problem(res)) as { code: string; path?: string; detail?: string };
      expect([p.code, p.path]).toEqual(['ISSUER_MISMATCH', '$.credential.issuer']);
      expect(p.detail).toContain(said);
      expect(p.detail).not.toContain('(none)');
    }
    expect(await t.store.countCredentials()).toBe(before);
  });
});

// VC Data Model 1.1 input: what the W3C VC-API issuer suite (tests/validVc.json) and the
// vc-di-eddsa issuer group (data-integrity-test-suite-assertion validVc.json) send.
describe('POST /credentials/issue with a VC 1.1 credential', () => {
  const V1 = 'https://www.w3.org/2018/credentials/v1';
  const vc1 = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    '@context': [V1], type: ['VerifiableCredential'], issuer: t.signer.issuerId,
    credentialSubject: { id: 'did:key:z6MkhTNL7i2etLerDK8Acz5t528giE5KA4p75T6ka1E1D74r' }, ...extra,
  });

  it('signs it as VC 1.1: its context first, the status terms and Data Integrity context added, issuanceDate filled in, no validFrom', async () => {
    const res = await post(t, '/credentials/issue', { credential: vc1() });
    expect(res.status).toBe(201);
    const vc = ((await res.json()) as { verifiableCredential: any }).verifiableCredential;
    // The status terms inline (1.1 stacks do not hold status/v1), exactly the published context's.
    expect(vc['@context']).toEqual([V1, (loadBundledContext('https://www.w3.org/ns/credentials/status/v1') as { '@context': unknown })['@context'], 'https://w3id.org/security/data-integrity/v2']);
    expect(JSON.stringify(vc['@context'][1])).toContain('https://www.w3.org/ns/credentials/status#BitstringStatusListEntry');
    expect(typeof vc.issuanceDate).toBe('string');
    expect(vc.validFrom).toBeUndefined();
    expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' });
    expect(vc.credentialStatus.map((s: any) => s.type)).toEqual(['BitstringStatusListEntry', 'BitstringStatusListEntry']);
    expect((await verifyDi(vc)).verified).toBe(true);
    // Our own verifier reads it as VC 1.1 (no bundle here, so only the narrower question).
    const ours = await verifyAny(vc, { bundle: undefined, now: new Date(), requiredChecks: ['signature', 'validity', 'profile'] });
    expect([ours.verdict, ours.checks.find((c) => c.id === 'profile')?.details?.dataModel]).toEqual(['VALID', '1.1']);
  });

  it('keeps the given issuanceDate and expirationDate (VC 1.1 §4.6, §4.7) and signs with eddsa-jcs-2022 on request', async () => {
    const dates = { issuanceDate: '2020-03-16T22:37:26Z', expirationDate: '2099-01-01T00:00:00Z' };
    const res = await post(t, '/credentials/issue', { credential: vc1(dates), options: { cryptosuite: 'eddsa-jcs-2022' } });
    expect(res.status).toBe(201);
    const vc = ((await res.json()) as { verifiableCredential: any }).verifiableCredential;
    expect([vc.issuanceDate, vc.expirationDate, vc.proof.cryptosuite]).toEqual([dates.issuanceDate, dates.expirationDate, 'eddsa-jcs-2022']);
  });

  it('refuses a VC 1.1 Open Badges credential, a missing subject and a bad date, and stores nothing', async () => {
    const before = await t.store.countCredentials();
    const bad: [Record<string, unknown>, string, string][] = [
      [{ type: ['VerifiableCredential', 'OpenBadgeCredential'] }, 'CREDENTIAL_INVALID', '$.credential["@context"]'],
      [{ credentialSubject: [] }, 'CREDENTIAL_INVALID', '$.credential.credentialSubject'],
      [{ issuanceDate: 'yesterday' }, 'CREDENTIAL_INVALID', '$.credential.issuanceDate'],
      [{ expirationDate: 'soon' }, 'CREDENTIAL_INVALID', '$.credential.expirationDate'],
    ];
    for (const [extra, code, path] of bad) {
      const p = await problem(await post(t, '/credentials/issue', { credential: vc1(extra) }));
      expect([p.code, p.path]).toEqual([code, path]);
    }
    expect(await t.store.countCredentials()).toBe(before);
  });
});
