import { describe, expect, test, beforeAll } from '@jest/globals';
import fc from 'fast-check';
import { didKeyFromPublicKey, type Ed25519KeyPair } from '@lp/crypto';
import { buildTrustBundle, canonicalJson, signTrustBundle, verifyTrustBundle } from '../src/index.ts';
import { keyFragment, keys, NOW } from './fixtures.ts';

let anchor: Ed25519KeyPair, school: Ed25519KeyPair;
beforeAll(async () => {
  [anchor, school] = (await keys(2)) as [Ed25519KeyPair, Ed25519KeyPair];
});

describe('canonicalJson', () => {
  test('member order does not matter and re-parsing is a fixed point', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const c = canonicalJson(v);
        expect(canonicalJson(JSON.parse(c))).toBe(c);
        const reversed = JSON.parse(JSON.stringify(v), (_k, x) =>
          x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
        );
        expect(canonicalJson(reversed)).toBe(c);
      }),
      { numRuns: 200 },
    );
  });
});

describe('sign → verify', () => {
  test('round trips for any sequence and name; any one changed payload character is refused', async () => {
    const anchorDid = didKeyFromPublicKey(anchor.publicKey);
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.string({ minLength: 1, maxLength: 40 }),
        fc.nat(),
        async (sequence, name, where) => {
          const f = { ...keyFragment(school), names: { en: name, ar: name } };
          const payload = buildTrustBundle({ fragments: [f], sequence, issuedAt: NOW, expires: '2030-01-01T00:00:00Z', anchorDid });
          const jws = await signTrustBundle(payload, anchor);
          const ok = await verifyTrustBundle(jws, { anchors: [anchorDid], now: NOW });
          expect(ok).toMatchObject({ ok: true, bundle: { sequence, issuers: [{ names: { en: name } }] } });
          const i = where % jws.payload.length;
          const c = jws.payload[i] === 'A' ? 'B' : 'A';
          const bad = await verifyTrustBundle({ ...jws, payload: jws.payload.slice(0, i) + c + jws.payload.slice(i + 1) }, { anchors: [anchorDid], now: NOW });
          expect(bad.ok).toBe(false);
        },
      ),
      { numRuns: 30 },
    );
  });
});
