import { describe, expect, test, beforeAll } from '@jest/globals';
import { base64urlEncode, didKeyFromPublicKey, sign, type Ed25519KeyPair } from '@lp/crypto';
import {
  acceptBundle,
  buildTrustBundle,
  computeCatalogueDigest,
  findAchievement,
  findIssuer,
  findKey,
  findStatusList,
  keyMaySign,
  keyValidAt,
  parseTrustFragment,
  resolveDidDocument,
  signTrustBundle,
  TrustError,
  verifyTrustBundle,
  type FlattenedJws,
  type TrustBundle,
  type VerifiedTrustBundle,
} from '../src/index.ts';
import { utf8 } from '../src/lib/encoding.ts';
import { keyFragment, keys, NOW, webFragment } from './fixtures.ts';

let anchor: Ed25519KeyPair, other: Ed25519KeyPair, k1: Ed25519KeyPair, k2: Ed25519KeyPair, school: Ed25519KeyPair;
let anchorDid: string;

beforeAll(async () => {
  [anchor, other, k1, k2, school] = (await keys(5)) as [Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair];
  anchorDid = didKeyFromPublicKey(anchor.publicKey);
});

function payload(sequence = 1, extra: Partial<Parameters<typeof buildTrustBundle>[0]> = {}): TrustBundle {
  return buildTrustBundle({
    fragments: [webFragment(k1, k2), keyFragment(school)],
    sequence,
    issuedAt: '2026-05-31T00:00:00Z',
    expires: new Date('2026-12-31T00:00:00Z'),
    anchorDid,
    contexts: { 'https://www.w3.org/ns/credentials/v2': 'a'.repeat(64) },
    ...extra,
  });
}

/** One base64url character replaced, in the middle of the string. */
function flip(s: string): string {
  const i = Math.floor(s.length / 2);
  return s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
}

/** A JWS signed with @lp/crypto directly, for headers and payloads buildTrustBundle would refuse. */
async function rawJws(header: unknown, body: unknown, kp = anchor): Promise<FlattenedJws> {
  const protectedB64 = base64urlEncode(utf8(JSON.stringify(header)));
  const payloadB64 = base64urlEncode(utf8(JSON.stringify(body)));
  const sig = await sign(kp.secretKey, utf8(`${protectedB64}.${payloadB64}`));
  return { protected: protectedB64, payload: payloadB64, signature: base64urlEncode(sig) };
}

const kidOf = (kp: Ed25519KeyPair) => {
  const did = didKeyFromPublicKey(kp.publicKey);
  return `${did}#${did.slice(8)}`;
};

describe('build, sign, verify', () => {
  test('round trip with two issuers', async () => {
    const p = payload(3);
    expect(p.issuers.map((i) => i.id)).toEqual(['did:web:exams.example.org', didKeyFromPublicKey(school.publicKey)]);
    expect(p.issuers[0]!.catalogue.digest).toBe(computeCatalogueDigest(webFragment(k1, k2).catalogue.achievements));
    const jws = await signTrustBundle(p, anchor);
    const header = JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(jws.protected.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))));
    expect(header).toEqual({ alg: 'EdDSA', typ: 'lp-trust+json', kid: kidOf(anchor) });
    const r = await verifyTrustBundle(JSON.stringify(jws), { anchors: [anchorDid], now: NOW });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.expired).toBe(false);
    expect(r.bundle).toEqual(p);
    expect(r.bundle.sequence).toBe(3);
  });

  test('a bundle from another anchor is refused', async () => {
    const jws = await signTrustBundle(payload(1, { anchorDid: didKeyFromPublicKey(other.publicKey) }), other);
    const r = await verifyTrustBundle(jws, { anchors: [anchorDid], now: NOW });
    expect(r).toMatchObject({ ok: false, code: 'TRUST_ANCHOR_NOT_PINNED' });
  });

  test('signing with a key that is not the payload anchor is refused', async () => {
    await expect(signTrustBundle(payload(1), other)).rejects.toMatchObject({ code: 'TRUST_BAD_ANCHOR_KEY' });
  });

  test('one character changed in payload or signature is refused', async () => {
    const jws = await signTrustBundle(payload(1), anchor);
    for (const bad of [{ ...jws, payload: flip(jws.payload) }, { ...jws, signature: flip(jws.signature) }, { ...jws, protected: flip(jws.protected) }]) {
      const r = await verifyTrustBundle(JSON.stringify(bad), { anchors: [anchorDid], now: NOW });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(['TRUST_BAD_SIGNATURE', 'TRUST_BUNDLE_MALFORMED', 'TRUST_BAD_ALG']).toContain(r.code);
    }
    const r = await verifyTrustBundle({ ...jws, payload: flip(jws.payload) }, { anchors: [anchorDid], now: NOW });
    expect(r).toMatchObject({ ok: false, code: 'TRUST_BAD_SIGNATURE' });
    const s = await verifyTrustBundle({ ...jws, signature: flip(jws.signature) }, { anchors: [anchorDid], now: NOW });
    expect(s).toMatchObject({ ok: false, code: 'TRUST_BAD_SIGNATURE' });
  });

  test.each(['HS256', 'none', 'ES256', 'RS256'])('alg %s is refused', async (alg) => {
    const jws = await rawJws({ alg, typ: 'lp-trust+json', kid: kidOf(anchor) }, payload(1));
    expect(await verifyTrustBundle(jws, { anchors: [anchorDid], now: NOW })).toMatchObject({ ok: false, code: 'TRUST_BAD_ALG' });
  });

  test('crit header and unprotected header are refused', async () => {
    const crit = await rawJws({ alg: 'EdDSA', typ: 'lp-trust+json', kid: kidOf(anchor), crit: ['exp'] }, payload(1));
    expect(await verifyTrustBundle(crit, { anchors: [anchorDid], now: NOW })).toMatchObject({ ok: false, code: 'TRUST_BUNDLE_MALFORMED' });
    const good = await signTrustBundle(payload(1), anchor);
    const r = await verifyTrustBundle({ ...good, header: { kid: 'x' } }, { anchors: [anchorDid], now: NOW });
    expect(r).toMatchObject({ ok: false, code: 'TRUST_BUNDLE_MALFORMED' });
  });

  test('expired is flagged, not refused', async () => {
    const jws = await signTrustBundle(payload(1), anchor);
    const r = await verifyTrustBundle(jws, { anchors: [anchorDid], now: new Date('2027-01-01T00:00:00Z') });
    expect(r).toMatchObject({ ok: true, expired: true });
  });

  test('a signed but malformed payload names the path', async () => {
    const body = { ...payload(1), sequence: -1 };
    const jws = await rawJws({ alg: 'EdDSA', typ: 'lp-trust+json', kid: kidOf(anchor) }, body);
    expect(await verifyTrustBundle(jws, { anchors: [anchorDid], now: NOW })).toMatchObject({ ok: false, code: 'TRUST_BUNDLE_MALFORMED', path: '$.sequence' });
    const p = payload(1);
    const body2 = { ...p, issuers: [{ ...p.issuers[0]!, keys: [{ ...p.issuers[0]!.keys[0]!, validFrom: 'yesterday' }] }] };
    const jws2 = await rawJws({ alg: 'EdDSA', typ: 'lp-trust+json', kid: kidOf(anchor) }, body2);
    expect(await verifyTrustBundle(jws2, { anchors: [anchorDid], now: NOW })).toMatchObject({ code: 'TRUST_BUNDLE_MALFORMED', path: '$.issuers[0].keys[0].validFrom' });
  });

  test('a catalogue that does not match its digest is refused', async () => {
    const p = payload(1);
    const body = { ...p, issuers: [{ ...p.issuers[0]!, catalogue: { ...p.issuers[0]!.catalogue, achievements: [{ code: 'FAKE', achievementType: 'Certificate', names: { en: 'Fake' }, resultDescriptions: [] }] } }] };
    const jws = await rawJws({ alg: 'EdDSA', typ: 'lp-trust+json', kid: kidOf(anchor) }, body);
    expect(await verifyTrustBundle(jws, { anchors: [anchorDid], now: NOW })).toMatchObject({ ok: false, code: 'TRUST_CATALOGUE_DIGEST_MISMATCH' });
  });

  test('junk inputs are refused with a code, never thrown', async () => {
    const opts = { anchors: [anchorDid], now: NOW };
    for (const junk of ['', 'null', '{', '[]', '{"payload":1}', null, 42, { payload: 'a', protected: 'b' }]) {
      const r = await verifyTrustBundle(junk, opts);
      expect(r).toMatchObject({ ok: false, code: 'TRUST_BUNDLE_MALFORMED' });
    }
    expect(await verifyTrustBundle('x'.repeat(2000), { ...opts, maxBytes: 1000 })).toMatchObject({ ok: false, code: 'TRUST_BUNDLE_TOO_LARGE' });
  });
});

describe('acceptBundle', () => {
  const opts = () => ({ anchors: [anchorDid], now: NOW });
  async function held(seq: number): Promise<VerifiedTrustBundle> {
    const r = await acceptBundle(undefined, await signTrustBundle(payload(seq), anchor), opts());
    if (!r.ok) throw new Error(r.code);
    return r.bundle;
  }

  test('a lower sequence never replaces the held bundle', async () => {
    const current = await held(5);
    const r = await acceptBundle(current, await signTrustBundle(payload(4), anchor), opts());
    expect(r).toMatchObject({ ok: false, code: 'TRUST_SEQUENCE_ROLLBACK' });
    if (!r.ok) expect(r.kept).toBe(current);
  });

  test('an equal sequence: identical is a no-op, different is refused', async () => {
    const current = await held(5);
    const same = await acceptBundle(current, await signTrustBundle(payload(5), anchor), opts());
    expect(same).toMatchObject({ ok: true, replaced: false });
    if (same.ok) expect(same.bundle).toBe(current);
    const diff = await acceptBundle(current, await signTrustBundle(payload(5, { expires: '2026-11-30T00:00:00Z' }), anchor), opts());
    expect(diff).toMatchObject({ ok: false, code: 'TRUST_SEQUENCE_REUSED' });
  });

  test('a higher sequence replaces; a bad one keeps the previous', async () => {
    const current = await held(5);
    const next = await acceptBundle(current, await signTrustBundle(payload(6), anchor), opts());
    expect(next).toMatchObject({ ok: true, replaced: true });
    if (next.ok) expect(next.bundle.bundle.sequence).toBe(6);
    const forged = await acceptBundle(current, await signTrustBundle(payload(9, { anchorDid: didKeyFromPublicKey(other.publicKey) }), other), opts());
    expect(forged).toMatchObject({ ok: false, code: 'TRUST_ANCHOR_NOT_PINNED' });
    if (!forged.ok) expect(forged.kept).toBe(current);
  });

  test('an expired candidate does not replace a current bundle', async () => {
    const current = await held(5);
    const stale = await signTrustBundle(payload(6, { expires: '2026-05-15T00:00:00Z' }), anchor);
    expect(await acceptBundle(current, stale, opts())).toMatchObject({ ok: false, code: 'TRUST_BUNDLE_EXPIRED' });
  });
});

describe('fragments and overrides', () => {
  test('a fragment missing a field (or with a bad country) is refused with its path', () => {
    const f = webFragment(k1, k2) as Record<string, unknown>;
    delete f.names;
    expect(() => parseTrustFragment(f)).toThrow(TrustError);
    expect(() => parseTrustFragment(f)).toThrow(expect.objectContaining({ code: 'TRUST_FRAGMENT_MALFORMED', path: '$.names' }));
    expect(() => parseTrustFragment({ ...webFragment(k1, k2), country: 'Jordan' })).toThrow(expect.objectContaining({ code: 'TRUST_FRAGMENT_MALFORMED', path: '$.country' }));
    const g = webFragment(k1, k2);
    const h = { ...g, keys: [{ ...g.keys[0]!, id: 'did:web:someone-else.org#key-1' }] };
    expect(() => buildTrustBundle({ fragments: [h], sequence: 1, issuedAt: NOW, expires: NOW, anchorDid })).toThrow(
      expect.objectContaining({ code: 'TRUST_FRAGMENT_MALFORMED', path: '$.keys[0].id' }),
    );
    expect(() => parseTrustFragment('{not json')).toThrow(expect.objectContaining({ code: 'TRUST_FRAGMENT_MALFORMED' }));
  });

  test('a did:key issuer whose key is not its DID is refused', () => {
    const f = keyFragment(school);
    const bad = { ...f, keys: [{ ...f.keys[0]!, publicKeyMultibase: webFragment(k1, k2).keys[0]!.publicKeyMultibase }] };
    expect(() => parseTrustFragment(bad)).toThrow(expect.objectContaining({ path: '$.keys[0].publicKeyMultibase' }));
  });

  test('catalogue entries are checked against @lp/model; a digest over the raw entries is accepted', () => {
    const f = webFragment(k1, k2);
    const noNames = { ...f, catalogue: { achievements: [{ code: 'X-1', achievementType: 'Certificate', resultDescriptions: [] }] } };
    expect(() => parseTrustFragment(noNames)).toThrow(expect.objectContaining({ code: 'TRUST_FRAGMENT_MALFORMED', path: '$.catalogue.achievements[0].names' }));
    const raw = [{ ...f.catalogue.achievements[0]!, resultDescriptions: [{ resultType: 'ScaledScore', name: 'Score', valueMin: 0, valueMax: 100 }] }];
    const stated = { ...f, catalogue: { digest: computeCatalogueDigest(raw as never), achievements: raw } };
    const p = buildTrustBundle({ fragments: [stated], sequence: 1, issuedAt: NOW, expires: NOW, anchorDid });
    expect(p.issuers[0]!.catalogue.achievements[0]!.resultDescriptions[0]).toMatchObject({ valueMin: '0', valueMax: '100' });
    expect(p.issuers[0]!.catalogue.digest).toBe(computeCatalogueDigest(p.issuers[0]!.catalogue.achievements));
  });

  test('the same issuer twice is refused', () => {
    expect(() => buildTrustBundle({ fragments: [webFragment(k1, k2), webFragment(k1, k2)], sequence: 1, issuedAt: NOW, expires: NOW, anchorDid })).toThrow(
      expect.objectContaining({ code: 'TRUST_DUPLICATE_ISSUER' }),
    );
  });

  test('a stated catalogue digest must match', () => {
    const f = webFragment(k1, k2);
    const bad = { ...f, catalogue: { ...f.catalogue, digest: '0'.repeat(64) } };
    expect(() => buildTrustBundle({ fragments: [bad], sequence: 1, issuedAt: NOW, expires: NOW, anchorDid })).toThrow(
      expect.objectContaining({ code: 'TRUST_CATALOGUE_DIGEST_MISMATCH' }),
    );
  });

  test('overrides set kind, accreditation and restrict key achievements', () => {
    const p = payload(1, {
      overrides: {
        'did:web:exams.example.org': {
          kind: 'recognition-body',
          accreditation: { by: 'Regional Anchor', reference: 'RA-17' },
          keyAchievements: { 'did:web:exams.example.org#key-1': ['ENG-9'], 'did:web:exams.example.org#key-2': ['ENG-9'] },
        },
      },
    });
    const iss = findIssuer(p, 'did:web:exams.example.org')!;
    expect(iss.kind).toBe('recognition-body');
    expect(iss.accreditation).toEqual({ by: 'Regional Anchor', reference: 'RA-17' });
    expect(iss.keys[0]!.achievements).toEqual(['ENG-9']);
    // key-2 was limited to MATH-9 by its issuer: the anchor can narrow, never widen.
    expect(iss.keys[1]!.achievements).toEqual([]);
    expect(() => payload(1, { overrides: { 'did:web:nobody.org': { kind: 'school' } } })).toThrow(expect.objectContaining({ code: 'TRUST_BAD_OVERRIDE' }));
    // Overrides read from a file are validated, with the JSON path of the fault.
    expect(() => payload(1, { overrides: { 'did:web:exams.example.org': { kind: 'bakery' } } })).toThrow(
      expect.objectContaining({ code: 'TRUST_BAD_OVERRIDE', path: "$.did:web:exams.example.org.kind" }),
    );
    expect(() => payload(1, { overrides: { 'did:web:exams.example.org': { keyAchievements: { 'did:web:exams.example.org#key-1': [] } } } })).toThrow(
      expect.objectContaining({ code: 'TRUST_BAD_OVERRIDE' }),
    );
    expect(() => payload(1, { overrides: ['not', 'a', 'map'] })).toThrow(expect.objectContaining({ code: 'TRUST_BAD_OVERRIDE' }));
  });
});

describe('lookups', () => {
  test('findKey by full id, by issuer and relative kid; not across issuers', () => {
    const p = payload(1);
    expect(findKey(p, 'did:web:exams.example.org#key-2')?.key.achievements).toEqual(['MATH-9']);
    expect(findKey(p, { issuer: 'did:web:exams.example.org', kid: '#key-1' })?.key.id).toBe('did:web:exams.example.org#key-1');
    expect(findKey(p, { issuer: 'did:web:exams.example.org', kid: 'key-1' })?.issuer.country).toBe('JO');
    const schoolDid = didKeyFromPublicKey(school.publicKey);
    expect(findKey(p, { issuer: 'did:web:exams.example.org', kid: kidOf(school) })).toBeUndefined();
    expect(findKey(p, { issuer: schoolDid, kid: kidOf(school) })?.issuer.kind).toBe('school');
    expect(findKey(p, 'did:web:exams.example.org#key-9')).toBeUndefined();
    expect(findKey(p, 'no-hash')).toBeUndefined();
  });

  test('keyValidAt windows and revocation', () => {
    const p = payload(1);
    const key1 = findKey(p, 'did:web:exams.example.org#key-1')!.key;
    expect(keyValidAt(key1, new Date('2024-12-31T23:59:59Z'))).toBe('not-yet-valid');
    expect(keyValidAt(key1, new Date('2025-01-01T00:00:00Z'))).toBe('ok');
    expect(keyValidAt(key1, new Date('2026-12-31T23:59:59Z'))).toBe('ok');
    expect(keyValidAt(key1, new Date('2027-01-01T00:00:00Z'))).toBe('expired');
    const revoked = { ...key1, revokedAt: '2026-03-01T00:00:00Z' };
    // Revocation reaches back: a signature dated before the compromise is not believed either.
    expect(keyValidAt(revoked, new Date('2025-06-01T00:00:00Z'))).toBe('revoked');
    expect(keyValidAt(revoked, new Date('2026-06-01T00:00:00Z'))).toBe('revoked');
    expect(keyValidAt(key1, new Date('invalid'))).toBe('not-yet-valid');
  });

  test('keyMaySign restrictions', () => {
    const p = payload(1);
    const key1 = findKey(p, 'did:web:exams.example.org#key-1')!.key;
    const key2 = findKey(p, 'did:web:exams.example.org#key-2')!.key;
    expect(keyMaySign(key1, 'ENG-9')).toBe(true);
    expect(keyMaySign(key2, 'MATH-9')).toBe(true);
    expect(keyMaySign(key2, 'ENG-9')).toBe(false);
  });

  test('findAchievement and findStatusList', () => {
    const p = payload(1);
    expect(findAchievement(p, 'did:web:exams.example.org', 'MATH-9')).toMatchObject({ iscedLevel: '2' });
    expect(findAchievement(p, didKeyFromPublicKey(school.publicKey), 'MATH-9')).toBeUndefined();
    const s = findStatusList(p, 'https://exams.example.org/status/1');
    expect(s?.fetchedAt.toISOString()).toBe('2026-05-30T12:00:00.000Z');
    expect(s?.credential).toMatchObject({ type: ['VerifiableCredential', 'BitstringStatusListCredential'] });
    expect(findStatusList(p, 'https://exams.example.org/status/1', didKeyFromPublicKey(school.publicKey))).toBeUndefined();
  });

  test('a did:web DID document from the bundle', () => {
    const p = payload(1);
    const doc = resolveDidDocument(p, 'did:web:exams.example.org');
    expect(doc).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: 'did:web:exams.example.org',
      verificationMethod: p.issuers[0]!.keys.map((k) => ({ id: k.id, type: 'Multikey', controller: 'did:web:exams.example.org', publicKeyMultibase: k.publicKeyMultibase })),
      assertionMethod: ['did:web:exams.example.org#key-1', 'did:web:exams.example.org#key-2'],
    });
    expect(resolveDidDocument(p, 'did:web:exams.example.org#key-2')).toMatchObject({ id: 'did:web:exams.example.org#key-2', type: 'Multikey' });
    expect(resolveDidDocument(p, 'did:web:unknown.example')).toBeUndefined();
  });
});
