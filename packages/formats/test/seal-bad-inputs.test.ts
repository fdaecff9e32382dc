import { beforeAll, describe, expect, test } from '@jest/globals';
import { encode } from 'cborg';
import fc from 'fast-check';
import { unzlibSync, zlibSync } from 'fflate';
import { verify } from '@lp/crypto';
import { BASE45_ALPHABET, decodeBase45, encodeBase45 } from '../src/seal/base45.ts';
import { createSealClaims } from '../src/seal/create-seal-claims.ts';
import { decodeSeal, SEAL_LIMITS } from '../src/seal/decode-seal.ts';
import { encodeSeal } from '../src/seal/encode-seal.ts';
import { inflateBounded } from '../src/seal/lib/inflate-bounded.ts';
import { scanCbor } from '../src/seal/lib/scan-cbor.ts';
import { SealError } from '../src/seal/seal-error.ts';
import type { SealErrorCode } from '../src/seal/seal-error.ts';
import { toWireSealClaims } from '../src/seal/z-seal-claims.ts';
import { verifySealSignature } from '../src/seal/verify-seal-signature.ts';
import { GRADE9_CATALOGUE, KEY_ID, KID, craftCose, grade9, testKey, wrapSeal } from './seal-fixtures.ts';

function codeOf(fn: () => unknown): SealErrorCode | 'NO_ERROR' {
  try {
    fn();
    return 'NO_ERROR';
  } catch (e) {
    if (!(e instanceof SealError)) throw e;
    return e.code;
  }
}

const claims = createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID });
const goodClaims = toWireSealClaims(claims);
let good: string;
let publicKey: Uint8Array;

beforeAll(async () => {
  const key = await testKey();
  publicKey = key.publicKey;
  good = await encodeSeal(claims, { sign: key.signer, kid: KID });
});

/** [n, [n, [n, …]]] with varied n, so that zlib cannot shrink it past the 50:1 ratio cap. */
const nested = (depth: number) => {
  const out: number[] = [];
  for (let i = 0; i < depth; i++) out.push(0x82, 0x18, (i * 151 + 7) & 0xff);
  out.push(0x00);
  return new Uint8Array(out);
};

describe('decodeSeal refuses bad input with a stable code', () => {
  test('one character changed anywhere: a coded decode failure or a failed signature', async () => {
    const body = good.length - 4;
    const positions = [0, 1, 2, 7, 30, Math.floor(body / 3), Math.floor(body / 2), body - 100, body - 40, body - 3, body - 1];
    for (const p of positions) {
      const i = 4 + p;
      const replacement = BASE45_ALPHABET[(BASE45_ALPHABET.indexOf(good[i]!) + 1 + (p % 40)) % 45]!;
      const tampered = good.slice(0, i) + replacement + good.slice(i + 1);
      let outcome: string;
      try {
        const d = decodeSeal(tampered);
        outcome = (await verifySealSignature(d, publicKey, verify)) ? 'VERIFIED' : 'SIGNATURE_INVALID';
      } catch (e) {
        expect(e).toBeInstanceOf(SealError);
        outcome = (e as SealError).code;
      }
      expect({ position: p, outcome }).not.toEqual({ position: p, outcome: 'VERIFIED' });
    }
  });

  test.each([
    ['HC1:', 'SEAL_PREFIX'],
    ['lp1:', 'SEAL_PREFIX'],
    ['LP2:', 'SEAL_PREFIX'],
    ['', 'SEAL_PREFIX'],
  ])('prefix %j → %s', (prefix, code) => {
    expect(codeOf(() => decodeSeal(prefix + good.slice(4)))).toBe(code);
  });

  test('characters outside base45: lowercase, "!", a trailing newline', () => {
    expect(codeOf(() => decodeSeal(`LP1:${good.slice(4).toLowerCase()}`))).toBe('SEAL_BASE45');
    expect(codeOf(() => decodeSeal(`${good.slice(0, 20)}!${good.slice(21)}`))).toBe('SEAL_BASE45');
    expect(codeOf(() => decodeSeal(`${good}\n`))).toBe('SEAL_BASE45');
  });

  test('text longer than 4,296 characters is refused before any decoding', () => {
    expect(codeOf(() => decodeSeal(`LP1:${'0'.repeat(SEAL_LIMITS.maxTextLength)}`))).toBe('SEAL_TOO_LONG');
  });

  test('a 10 MB zlib bomb: too long as text; fed to the inflater, it stops at the cap', () => {
    const bomb = zlibSync(new Uint8Array(10_000_000), { level: 9 });
    expect(codeOf(() => decodeSeal(`LP1:${encodeBase45(bomb)}`))).toBe('SEAL_TOO_LONG');
    // The inflater itself, without the text limit: it must stop at 64 KiB, not produce 10 MB.
    expect(codeOf(() => inflateBounded(bomb, SEAL_LIMITS.maxDecompressedBytes, 1e9))).toBe('SEAL_DECOMPRESSED_TOO_LARGE');
  });

  test('a 2 MB zlib bomb that fits in a QR: SEAL_DECOMPRESSED_TOO_LARGE', () => {
    const text = wrapSeal(new Uint8Array(2_000_000));
    expect(text.length).toBeLessThanOrEqual(SEAL_LIMITS.maxTextLength);
    expect(codeOf(() => decodeSeal(text))).toBe('SEAL_DECOMPRESSED_TOO_LARGE');
  });

  test('a ratio above 50:1 under 64 KiB: SEAL_DECOMPRESSED_TOO_LARGE', () => {
    expect(codeOf(() => decodeSeal(wrapSeal(new Uint8Array(20_000))))).toBe('SEAL_DECOMPRESSED_TOO_LARGE');
  });

  test('not zlib, a wrong Adler-32, bytes after the zlib stream: SEAL_ZLIB_INVALID', () => {
    const cose = unzlibSync(decodeBase45(good.slice(4)));
    const z = zlibSync(cose);
    expect(codeOf(() => decodeSeal(`LP1:${encodeBase45(cose)}`))).toBe('SEAL_ZLIB_INVALID');
    const badAdler = z.slice();
    badAdler[badAdler.length - 1]! ^= 1;
    expect(codeOf(() => decodeSeal(`LP1:${encodeBase45(badAdler)}`))).toBe('SEAL_ZLIB_INVALID');
    expect(codeOf(() => decodeSeal(`LP1:${encodeBase45(new Uint8Array([...z, 0]))}`))).toBe('SEAL_ZLIB_INVALID');
    expect(codeOf(() => decodeSeal(`LP1:${encodeBase45(z.subarray(0, z.length - 6))}`))).toBe('SEAL_ZLIB_INVALID');
    expect(codeOf(() => decodeSeal('LP1:'))).toBe('SEAL_ZLIB_INVALID');
  });

  test('trailing bytes after the COSE structure: SEAL_TRAILING_BYTES', () => {
    const cose = unzlibSync(decodeBase45(good.slice(4)));
    expect(codeOf(() => decodeSeal(wrapSeal(new Uint8Array([...cose, 0x00]))))).toBe('SEAL_TRAILING_BYTES');
    expect(codeOf(() => decodeSeal(wrapSeal(craftCose({ payload: new Uint8Array([...encode(goodClaims), 0xf6]) }))))).toBe(
      'SEAL_TRAILING_BYTES',
    );
  });

  test('CBOR nested 1,000 deep, at the top and inside the payload: SEAL_CBOR_TOO_DEEP', () => {
    expect(codeOf(() => decodeSeal(wrapSeal(nested(1000))))).toBe('SEAL_CBOR_TOO_DEEP');
    expect(codeOf(() => decodeSeal(wrapSeal(craftCose({ payload: nested(1000) }))))).toBe('SEAL_CBOR_TOO_DEEP');
    expect(codeOf(() => decodeSeal(wrapSeal(craftCose({ payload: nested(17) }))))).toBe('SEAL_CBOR_TOO_DEEP');
    // 1,000 × [ compresses past the ratio cap through decodeSeal, so the pre-scan is tested alone.
    const limits = { maxDepth: SEAL_LIMITS.maxCborDepth, maxItems: SEAL_LIMITS.maxCborItems };
    expect(codeOf(() => scanCbor(new Uint8Array([...new Array<number>(1000).fill(0x81), 0x00]), limits))).toBe('SEAL_CBOR_TOO_DEEP');
  });

  test('a container declaring millions of items: SEAL_CBOR_TOO_MANY_ITEMS before any allocation', () => {
    expect(codeOf(() => decodeSeal(wrapSeal(new Uint8Array([0x9a, 0x00, 0x98, 0x96, 0x80]))))).toBe('SEAL_CBOR_TOO_MANY_ITEMS');
  });

  test('malformed CBOR, indefinite lengths, non-minimal integers, other tags: SEAL_CBOR_INVALID', () => {
    expect(codeOf(() => decodeSeal(wrapSeal(new Uint8Array([0x84, 0x40]))))).toBe('SEAL_CBOR_INVALID');
    expect(codeOf(() => decodeSeal(wrapSeal(new Uint8Array([0x9f, 0xff]))))).toBe('SEAL_CBOR_INVALID');
    expect(codeOf(() => decodeSeal(wrapSeal(new Uint8Array([0x18, 0x01]))))).toBe('SEAL_CBOR_INVALID');
    expect(codeOf(() => decodeSeal(wrapSeal(new Uint8Array([0xd3, 0x80]))))).toBe('SEAL_CBOR_INVALID');
    expect(codeOf(() => decodeSeal(wrapSeal(new Uint8Array([0x1c]))))).toBe('SEAL_CBOR_INVALID');
  });

  test.each([
    ['3 elements', { elements: [new Uint8Array(0), new Map(), new Uint8Array(0)] }],
    ['not an array', { elements: undefined, payload: undefined, tagged: true, protectedHeader: undefined, raw: encode('x') }],
    ['protected header not a bstr', { elements: [new Map(), new Map(), new Uint8Array(1), new Uint8Array(64)] }],
    ['unprotected header not a map', { unprotected: 0 }],
    ['detached payload (nil)', { elements: [encode(new Map([[1, -8]])), new Map(), null, new Uint8Array(64)] }],
    ['63-byte signature', { signature: new Uint8Array(63) }],
    ['protected header with crit (2)', { protectedHeader: new Map<number, unknown>([[1, -8], [2, [1]], [4, new Uint8Array(1)]]) }],
    ['kid not bytes', { protectedHeader: new Map<number, unknown>([[1, -8], [4, 'kid']]) }],
    ['kid not UTF-8', { protectedHeader: new Map<number, unknown>([[1, -8], [4, new Uint8Array([0xff])]]) }],
  ])('COSE_Sign1 %s: SEAL_COSE_MALFORMED', (_label, parts) => {
    const raw = (parts as { raw?: Uint8Array }).raw;
    const cose = raw ?? craftCose({ claims: goodClaims, ...(parts as object) });
    expect(codeOf(() => decodeSeal(wrapSeal(cose)))).toBe('SEAL_COSE_MALFORMED');
  });

  test('untagged COSE_Sign1 is accepted (tag 18 is optional)', () => {
    const cose = unzlibSync(decodeBase45(good.slice(4)));
    expect(decodeSeal(wrapSeal(cose.subarray(1))).claims.learnerName).toBe('ليلى أحمد / Layla Ahmad');
  });

  test.each([
    ['ES256 (-7)', new Map<number, unknown>([[1, -7], [4, new TextEncoder().encode(KID)]])],
    ['alg as text', new Map<number, unknown>([[1, 'EdDSA'], [4, new TextEncoder().encode(KID)]])],
    ['no alg', new Map<number, unknown>([[4, new TextEncoder().encode(KID)]])],
    ['empty protected header', new Uint8Array(0)],
  ])('alg %s: SEAL_ALG', (_label, protectedHeader) => {
    expect(codeOf(() => decodeSeal(wrapSeal(craftCose({ claims: goodClaims, protectedHeader }))))).toBe('SEAL_ALG');
  });

  test('header kid naming another key than claim 3: SEAL_KID_MISMATCH', () => {
    const protectedHeader = new Map<number, unknown>([[1, -8], [4, new TextEncoder().encode('#other')]]);
    expect(codeOf(() => decodeSeal(wrapSeal(craftCose({ claims: goodClaims, protectedHeader }))))).toBe('SEAL_KID_MISMATCH');
  });

  const withClaim = (key: number, value: unknown) => {
    const m = new Map(goodClaims);
    if (value === undefined) m.delete(key);
    else m.set(key, value);
    return m;
  };
  const firstAchievement = () => (goodClaims.get(8) as Map<number, unknown>[])[0]!;
  test.each([
    ['missing learner name', withClaim(6, undefined), '6'],
    ['issued at as text', withClaim(4, '2024-07-20'), '4'],
    ['expires before issued', withClaim(5, 1), '5'],
    ['unknown claim 99', withClaim(99, 1), ''],
    ['no achievements', withClaim(8, []), '8'],
    ['kind 7', withClaim(10, 7), '10'],
    ['credential id of 15 bytes', withClaim(1, new Uint8Array(15)), '1'],
    ['code and id together', withClaim(8, [new Map([...firstAchievement(), [4, 'https://x.example/a']])]), '8.0.4'],
    ['no code and no id', withClaim(8, [new Map([[2, 452]])]), '8.0.1'],
    ['status purpose 5', withClaim(9, [new Map<number, unknown>([[1, 5], [2, 'https://x.example/s'], [3, 1]])]), '9.0.1'],
    ['text keys posing as claim keys', new Map([...goodClaims].map(([k, v]) => [String(k), v])), ''],
    ['claims not a map', [1, 2, 3], ''],
  ])('claims %s: SEAL_CLAIMS_INVALID at path %j', (_label, claims, path) => {
    const payload = encode(claims);
    try {
      decodeSeal(wrapSeal(craftCose({ payload })));
      throw new Error('expected a SealError');
    } catch (e) {
      expect(e).toBeInstanceOf(SealError);
      expect((e as SealError).code).toBe('SEAL_CLAIMS_INVALID');
      if (path) expect((e as SealError).path).toBe(path);
    }
  });
});

describe('decodeSeal throws nothing but SealError', () => {
  const onlySealErrors = (text: string) => {
    try {
      decodeSeal(text);
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
    }
  };

  test('on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => onlySealErrors(s)), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => onlySealErrors(`LP1:${s}`)), { numRuns: 300 });
  });

  test('on arbitrary bytes after LP1:, raw and zlib-wrapped', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => onlySealErrors(`LP1:${encodeBase45(b)}`)), { numRuns: 300 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (b) => onlySealErrors(wrapSeal(b))), { numRuns: 300 });
  });

  test('on a valid seal with random bytes flipped after decompression', () => {
    const cose = unzlibSync(decodeBase45(good.slice(4)));
    fc.assert(
      fc.property(fc.nat({ max: cose.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, x) => {
        const bent = cose.slice();
        bent[i]! ^= x;
        onlySealErrors(wrapSeal(bent));
      }),
      { numRuns: 300 },
    );
  });
});

describe('encodeSeal checks the claims it is given, even right after createSealClaims checked them', () => {
  test('claims changed in place after a good encode are refused (SEAL_CLAIMS_INVALID), then the good ones pass again', async () => {
    const key = await testKey();
    const mine = createSealClaims(grade9(), GRADE9_CATALOGUE, { keyId: KEY_ID });
    expect(await encodeSeal(mine, { sign: key.signer, kid: KID })).toBe(good);
    const learnerName = mine.learnerName;
    mine.learnerName = '';
    await expect(encodeSeal(mine, { sign: key.signer, kid: KID })).rejects.toMatchObject({ code: 'SEAL_CLAIMS_INVALID' });
    mine.learnerName = learnerName;
    mine.issuedAt = -1;
    await expect(encodeSeal(mine, { sign: key.signer, kid: KID })).rejects.toMatchObject({ code: 'SEAL_CLAIMS_INVALID' });
    mine.issuedAt = claims.issuedAt;
    expect(await encodeSeal(mine, { sign: key.signer, kid: KID })).toBe(good);
  });
});
