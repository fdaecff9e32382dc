import { describe, expect, test } from '@jest/globals';
import { verify } from '@lp/crypto';
import { assertSealFitsQr, SEAL_MAX_QR_VERSION, sealQrVersion } from '../src/seal/assert-seal-fits-qr.ts';
import { createSealClaims } from '../src/seal/create-seal-claims.ts';
import { decodeSeal } from '../src/seal/decode-seal.ts';
import { digestFullRecord } from '../src/seal/digest-full-record.ts';
import { encodeSeal } from '../src/seal/encode-seal.ts';
import { verifySealSignature } from '../src/seal/verify-seal-signature.ts';
import { GRADE9_CATALOGUE, ISSUER, KEY_ID, KID, TRANSCRIPT_CATALOGUE, grade9, testKey, transcript9 } from './seal-fixtures.ts';

const ACHIEVEMENT_ID = 'https://exams.moe.example/achievements/bece/2024/mathematics';

describe('seal round trip', () => {
  test('Grade 9 result with a catalogue code: fits version 15 at M', async () => {
    const key = await testKey();
    const claims = createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID });
    expect(claims).toEqual({
      credentialId: 'urn:uuid:6f1d2a44-9b1e-4c3a-8f51-2a7d9e0c1b01',
      issuer: ISSUER,
      keyId: KEY_ID,
      issuedAt: Date.parse('2024-07-20T00:00:00Z') / 1000,
      learnerName: 'ليلى أحمد / Layla Ahmad',
      achievements: [{ code: 'BECE-MATH', value: '452', status: 'Completed', awardedAt: Date.parse('2024-07-15T00:00:00Z') / 1000 }],
      status: [{ purpose: 'revocation', list: 'https://exams.moe.example/status/2024/1', index: 94567 }],
      kind: 'AchievementCredential',
      session: '2023-2024',
    });
    const text = await encodeSeal(claims, { sign: key.signer, kid: KID });
    expect(text).toMatch(/^LP1:[0-9A-Z $%*+\-./:]+$/);
    const decoded = decodeSeal(text);
    expect(decoded.claims).toEqual(claims);
    expect(decoded.kid).toBe(KID);
    expect(decoded.verificationMethod).toBe(KEY_ID);
    expect(decoded.protectedHeader).toEqual({ alg: -8, kid: KID });
    expect(await verifySealSignature(decoded, key.publicKey, verify)).toBe(true);
    const { version } = assertSealFitsQr(text, { maxVersion: SEAL_MAX_QR_VERSION.single });
    console.log(`Grade 9 seal, catalogue code: ${text.length} characters, QR version ${version} at M`);
  });

  test('Grade 9 result NOT in the catalogue travels with id and bilingual name: fits version 15', async () => {
    const key = await testKey();
    const claims = createSealClaims(grade9(), [], { keyId: KEY_ID });
    expect(claims.achievements[0]).toMatchObject({
      id: ACHIEVEMENT_ID,
      name: { ar: 'امتحان شهادة التعليم الأساسي – الرياضيات', en: 'Basic Education Certificate Examination – Mathematics' },
      value: '452',
    });
    const text = await encodeSeal(claims, { sign: key.signer, kid: KID });
    const decoded = decodeSeal(text);
    expect(decoded.claims).toEqual(claims);
    expect(await verifySealSignature(decoded, key.publicKey, verify)).toBe(true);
    const { version } = assertSealFitsQr(text, { maxVersion: SEAL_MAX_QR_VERSION.single });
    console.log(`Grade 9 seal, id + ar/en name: ${text.length} characters, QR version ${version} at M`);
  });

  test('claim 12 (record digest) round-trips; it costs ~24 characters', async () => {
    const key = await testKey();
    const vc = grade9();
    const claims = createSealClaims(vc, [], { keyId: KEY_ID, recordDigest: true });
    expect(claims.recordDigest).toEqual(digestFullRecord(vc));
    expect(digestFullRecord({ ...vc, proof: { type: 'DataIntegrityProof' } })).toEqual(digestFullRecord(vc));
    const text = await encodeSeal(claims, { sign: key.signer, kid: KID });
    expect(decodeSeal(text).claims.recordDigest).toEqual(claims.recordDigest);
    console.log(`Grade 9 seal, id + ar/en name + digest: ${text.length} characters, QR version ${sealQrVersion(text)} at M`);
  });

  test('claim 13 (signing time) comes from proof.created, round-trips, and keeps both Grade 9 seals within version 15', async () => {
    const key = await testKey();
    // An award years before the signature: claim 4 (validFrom) and 8.6 (awardedDate) say 2019, claim 13 says when the key signed.
    const vc = { ...grade9(), validFrom: '2019-06-30T00:00:00Z', awardedDate: '2019-06-30T00:00:00Z', proof: { type: 'DataIntegrityProof', created: '2026-12-06T01:23:45Z', verificationMethod: KEY_ID } };
    for (const [label, catalogue] of [['catalogue code', GRADE9_CATALOGUE], ['id + ar/en name', []]] as const) {
      const claims = createSealClaims(vc, catalogue);
      expect(claims).toMatchObject({ issuedAt: Date.parse('2019-06-30T00:00:00Z') / 1000, signedAt: Date.parse('2026-12-06T01:23:45Z') / 1000 });
      expect(claims.achievements[0]?.awardedAt).toBe(Date.parse('2019-06-30T00:00:00Z') / 1000);
      const text = await encodeSeal(claims, { sign: key.signer, kid: KID });
      const decoded = decodeSeal(text);
      expect(decoded.claims).toEqual(claims);
      expect(await verifySealSignature(decoded, key.publicKey, verify)).toBe(true);
      const { version } = assertSealFitsQr(text, { maxVersion: SEAL_MAX_QR_VERSION.single });
      console.log(`Grade 9 seal, ${label} + signing time: ${text.length} characters, QR version ${version} at M`);
    }
    // An explicit signing time wins over proof.created; a record without either has no claim 13.
    expect(createSealClaims(vc, GRADE9_CATALOGUE, { signedAt: new Date('2026-01-01T00:00:00Z') }).signedAt).toBe(Date.parse('2026-01-01T00:00:00Z') / 1000);
    expect(createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID }).signedAt).toBeUndefined();
    expect(() => createSealClaims({ ...vc, proof: { ...vc.proof, created: 'yesterday' } }, GRADE9_CATALOGUE)).toThrow(expect.objectContaining({ code: 'SEAL_SOURCE_INVALID', path: 'proof.created' }));
  });

  test('a full verification method id as header kid works too', async () => {
    const key = await testKey();
    const text = await encodeSeal(createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID }), { sign: key.signer, kid: KEY_ID });
    const decoded = decodeSeal(text);
    expect([decoded.kid, decoded.verificationMethod]).toEqual([KEY_ID, KEY_ID]);
    expect(await verifySealSignature(decoded, key.publicKey, verify)).toBe(true);
  });

  test('a catalogue object (findByAchievementId) works like a list', () => {
    const claims = createSealClaims(grade9(), { findByAchievementId: (id) => (id === ACHIEVEMENT_ID ? { code: 'M9' } : undefined) }, { keyId: KEY_ID });
    expect(claims.achievements[0]?.code).toBe('M9');
  });

  test('9-subject transcript (ClrCredential): fits version 25 at M', async () => {
    const key = await testKey();
    const claims = createSealClaims(transcript9(), TRANSCRIPT_CATALOGUE, { keyId: KEY_ID });
    expect(claims.kind).toBe('ClrCredential');
    expect(claims.achievements.map((a) => a.code)).toEqual([
      'BECE-MATH', 'BECE-ARAB', 'BECE-ENGL', 'BECE-SCIE', 'BECE-SOCI', 'BECE-ISLM', 'BECE-FREN', 'BECE-ICT', 'BECE-ARTS', 'BECE',
    ]);
    expect(claims.achievements[9]).not.toHaveProperty('value');
    const text = await encodeSeal(claims, { sign: key.signer, kid: KID });
    const decoded = decodeSeal(text);
    expect(decoded.claims).toEqual(claims);
    expect(await verifySealSignature(decoded, key.publicKey, verify)).toBe(true);
    const { version } = assertSealFitsQr(text, { maxVersion: SEAL_MAX_QR_VERSION.transcript });
    console.log(`9-subject transcript seal, catalogue codes: ${text.length} characters, QR version ${version} at M`);
  });

  test('an oversize transcript is refused by assertSealFitsQr with the version it needs', async () => {
    const key = await testKey();
    const claims = createSealClaims(transcript9(2), [], { keyId: KEY_ID, nameLanguages: ['ar', 'en', 'fr'] });
    const text = await encodeSeal(claims, { sign: key.signer, kid: KID });
    expect(decodeSeal(text).claims).toEqual(claims);
    const needed = sealQrVersion(text);
    console.log(`18-result transcript, no catalogue, ar/en/fr names: ${text.length} characters, QR version ${needed} at M`);
    expect(needed === undefined || needed > 25).toBe(true);
    expect(() => assertSealFitsQr(text)).toThrow(
      expect.objectContaining({ code: 'SEAL_TOO_LARGE_FOR_QR', details: expect.objectContaining({ version: needed, maxVersion: 25 }) }),
    );
  });

  test('a signature from another key does not verify', async () => {
    const key = await testKey();
    const other = await (await import('@lp/crypto')).keyPairFromSeed(new Uint8Array(32).fill(8));
    const text = await encodeSeal(createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID }), { sign: key.signer, kid: KID });
    expect(await verifySealSignature(decodeSeal(text), other.publicKey, verify)).toBe(false);
  });

  test('encodeSeal refuses a kid that names another key (API misuse → TypeError)', async () => {
    const key = await testKey();
    const claims = createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID });
    await expect(encodeSeal(claims, { sign: key.signer, kid: '#other' })).rejects.toBeInstanceOf(TypeError);
  });

  test('createSealClaims reports what the record lacks with SEAL_SOURCE_INVALID and a path', () => {
    const vc = grade9();
    expect(() => createSealClaims(vc, GRADE9_CATALOGUE)).toThrow(expect.objectContaining({ code: 'SEAL_SOURCE_INVALID', path: 'proof' }));
    delete vc.validFrom;
    expect(() => createSealClaims(vc, GRADE9_CATALOGUE, { keyId: KEY_ID })).toThrow(
      expect.objectContaining({ code: 'SEAL_SOURCE_INVALID', path: 'validFrom' }),
    );
  });
});

describe('claim 14: the name in Latin letters', () => {
  const withLatin = (latin: string) => {
    const vc = grade9() as Record<string, any>;
    vc.credentialSubject.identifier = [
      { type: 'IdentityObject', identityType: 'ext:name', hashed: false, identityHash: 'ليلى أحمد' },
      { type: 'IdentityObject', identityType: 'ext:nameLatin', hashed: false, identityHash: latin },
    ];
    return vc;
  };
  test('travels from the ext:nameLatin identifier and round-trips', async () => {
    const key = await testKey();
    const claims = createSealClaims(withLatin('Layla Ahmad'), GRADE9_CATALOGUE, { keyId: KEY_ID });
    expect(claims).toMatchObject({ learnerName: 'ليلى أحمد', learnerNameLatin: 'Layla Ahmad' });
    const decoded = decodeSeal(await encodeSeal(claims, { sign: key.signer, kid: KID }));
    expect(decoded.claims).toEqual(claims);
  });
  test('is left out when it is the name as written', () => {
    const vc = withLatin('Layla Ahmad');
    vc.credentialSubject.identifier[0].identityHash = 'Layla Ahmad';
    expect(createSealClaims(vc, GRADE9_CATALOGUE, { keyId: KEY_ID })).not.toHaveProperty('learnerNameLatin');
  });
});
