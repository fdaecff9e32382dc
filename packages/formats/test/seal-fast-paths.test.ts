import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { zlibSync } from 'fflate';
import { inflateBounded, inflateStreaming } from '../src/seal/lib/inflate-bounded.ts';
import { coseSign1, coseSign1ByEncoder, sigStructure, sigStructureByEncoder } from '../src/seal/lib/cose.ts';
import { SealError } from '../src/seal/seal-error.ts';
import { SEAL_LIMITS } from '../src/seal/decode-seal.ts';

// Reading a seal takes paths written for speed; each is held equal to the plain one here.
// inflateBounded answers a good seal from a one-shot inflate into a fixed buffer and hands
// everything else to the streaming inflater. Both must give the same answer for any bytes:
// the same output, or the same error code.

type Outcome = { ok: number[] } | { code: string };

function outcome(fn: () => Uint8Array): Outcome {
  try {
    return { ok: [...fn()] };
  } catch (e) {
    if (!(e instanceof SealError)) throw e;
    return { code: e.code };
  }
}

const { maxDecompressedBytes: MAX, maxCompressionRatio: RATIO } = SEAL_LIMITS;
const same = (input: Uint8Array, max = MAX, ratio = RATIO) =>
  expect(outcome(() => inflateBounded(input, max, ratio))).toEqual(outcome(() => inflateStreaming(input, max, ratio)));

/** Bytes that compress like seal claims: text and small integers, some repetition. */
const sealLike = fc.array(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(new TextEncoder().encode('did:key:z6Mk'), new Uint8Array(12))), { maxLength: 40 })
  .map((parts) => Uint8Array.from(parts.flatMap((p) => [...p])));

describe('inflateBounded: the one-shot and streaming paths give one answer', () => {
  test('property: valid zlib of seal-like bytes inflates to the original on both paths', () => {
    fc.assert(
      fc.property(sealLike, fc.integer({ min: 0, max: 9 }), (data, level) => {
        const z = zlibSync(data, { level: level as 0 });
        expect([...inflateBounded(z, MAX, RATIO)]).toEqual([...data]);
        same(z);
      }),
      { numRuns: 300 },
    );
  });

  test('property: a flipped bit, a cut, or bytes appended anywhere give the same output or code on both paths', () => {
    fc.assert(
      fc.property(sealLike, fc.nat(), fc.integer({ min: 0, max: 7 }), fc.constantFrom('flip', 'cut', 'append'), (data, at, bit, how) => {
        const z = zlibSync(data);
        const i = at % z.length;
        let bad: Uint8Array;
        if (how === 'flip') {
          bad = z.slice();
          bad[i]! ^= 1 << bit;
        } else if (how === 'cut') bad = z.subarray(0, i);
        else bad = Uint8Array.from([...z, bit, at & 0xff]);
        same(bad);
      }),
      { numRuns: 500 },
    );
  });

  test('property: arbitrary bytes give the same output or code on both paths', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => same(bytes)), { numRuns: 500 });
    // Arbitrary bytes behind a valid zlib header, so the inflater really runs.
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => same(Uint8Array.from([0x78, 0x9c, ...bytes]))), { numRuns: 500 });
  });

  test('the caps: exactly at the cap passes on both paths, one byte over fails on both with SEAL_DECOMPRESSED_TOO_LARGE', () => {
    for (const n of [999, 1000, 1001]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 7919) % 251);
      const z = zlibSync(data, { level: 0 });
      const r = outcome(() => inflateBounded(z, 1000, 1e9));
      expect(r).toEqual(outcome(() => inflateStreaming(z, 1000, 1e9)));
      expect(r).toEqual(n <= 1000 ? { ok: [...data] } : { code: 'SEAL_DECOMPRESSED_TOO_LARGE' });
    }
    // The ratio cap, with compressible data (Huffman blocks: writes past the buffer are dropped).
    const zeros = zlibSync(new Uint8Array(30_000), { level: 9 });
    expect(outcome(() => inflateBounded(zeros, MAX, RATIO))).toEqual({ code: 'SEAL_DECOMPRESSED_TOO_LARGE' });
    same(zeros);
    // A stored block past the cap (TypedArray.set throws) is still TOO_LARGE, not ZLIB_INVALID.
    const stored = zlibSync(Uint8Array.from({ length: 5000 }, (_, i) => i & 0xff), { level: 0 });
    expect(outcome(() => inflateBounded(stored, 4000, 1e9))).toEqual({ code: 'SEAL_DECOMPRESSED_TOO_LARGE' });
  });

  test('the reused buffer leaks nothing between calls: a short output after a long one is exact', () => {
    const long = Uint8Array.from({ length: 3000 }, (_, i) => (i * 31) & 0xff);
    const short = new TextEncoder().encode('LP1');
    expect([...inflateBounded(zlibSync(long), MAX, RATIO)]).toEqual([...long]);
    const out = inflateBounded(zlibSync(short), MAX, RATIO);
    expect([...out]).toEqual([...short]);
    // The result is the caller's own copy, not a view into the shared buffer.
    expect(out.buffer.byteLength).toBe(short.length);
  });
});

describe('sigStructure written directly equals the CBOR encoder\'s Sig_structure', () => {
  test('every length class of the byte-string heads (0, 23, 24, 255, 256, 65535, 65536 bytes)', () => {
    for (const p of [0, 1, 23, 24, 255, 256]) {
      for (const n of [0, 5, 23, 24, 255, 256, 65535, 65536]) {
        const protectedBytes = Uint8Array.from({ length: p }, (_, i) => i & 0xff);
        const payload = Uint8Array.from({ length: n }, (_, i) => (i * 13) & 0xff);
        expect([p, n, Buffer.from(sigStructure(protectedBytes, payload)).toString('hex')]).toEqual([p, n, Buffer.from(sigStructureByEncoder(protectedBytes, payload)).toString('hex')]);
      }
    }
  });

  test('property: any protected header and payload', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 3000 }), (p, payload) => {
        expect(sigStructure(p, payload)).toEqual(sigStructureByEncoder(p, payload));
      }),
      { numRuns: 300 },
    );
  });
});

describe('coseSign1 written directly equals the CBOR encoder\'s tagged COSE_Sign1', () => {
  test('every length class of the byte-string heads', () => {
    for (const p of [0, 1, 23, 24, 255, 256]) {
      for (const n of [0, 5, 23, 24, 255, 256, 65535, 65536]) {
        for (const s of [0, 64]) {
          const protectedBytes = Uint8Array.from({ length: p }, (_, i) => i & 0xff);
          const payload = Uint8Array.from({ length: n }, (_, i) => (i * 13) & 0xff);
          const signature = Uint8Array.from({ length: s }, (_, i) => (i * 7 + 1) & 0xff);
          expect([p, n, s, Buffer.from(coseSign1(protectedBytes, payload, signature)).toString('hex')])
            .toEqual([p, n, s, Buffer.from(coseSign1ByEncoder(protectedBytes, payload, signature)).toString('hex')]);
        }
      }
    }
  });

  test('property: any protected header, payload and signature', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 3000 }), fc.uint8Array({ maxLength: 100 }), (p, payload, sig) => {
        expect(coseSign1(p, payload, sig)).toEqual(coseSign1ByEncoder(p, payload, sig));
      }),
      { numRuns: 300 },
    );
  });
});
