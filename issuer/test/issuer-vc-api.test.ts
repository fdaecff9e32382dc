import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
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
});
