import { Unzlib, unzlibSync } from 'fflate';
import { SealError } from '../seal-error.ts';

/** Input is fed to the inflater in slices this small, so that one push emits at most
 * 256 × 1032 bytes (deflate's maximum expansion, RFC 1951 §3.2.5): a zlib bomb allocates at most
 * ~0.3 MB beyond the cap whatever its size. Smaller slices cost more (fflate copies its 32 KiB
 * window per push): 16-byte slices made decoding a seal ~5× slower. */
const SLICE = 256;

class CapReached extends Error {}

// One output buffer for the one-shot path, reused: the seal limits cap every output at 64 KiB.
let scratch = new Uint8Array(0);

/**
 * zlib-decompresses (RFC 1950) with a hard output cap: min(maxBytes, maxRatio × input length).
 * Nothing past the cap is ever stored. fflate neither checks the Adler-32 trailer nor notices
 * bytes after the stream, so both are checked here: the last four input bytes must be the
 * Adler-32 of the output (which also rejects trailing data).
 *
 * Two paths, one answer. A good seal takes the one-shot path: fflate inflates into a fixed
 * buffer of cap + 1 bytes (a user buffer is never grown; writes past its end are dropped, so the
 * work is bounded by the input, at most 4,296 characters), and the result stands only when the
 * stream ended, fit the cap and its Adler-32 matches. Anything else (an error, an overflow, a
 * mismatch) is decoded again by the streaming path, which stops at the cap and names the error.
 * The streaming inflater copies its 32 KiB window on every push: on a ~300-byte seal that was
 * the largest single cost of reading it.
 */
export function inflateBounded(input: Uint8Array, maxBytes: number, maxRatio: number): Uint8Array {
  const cap = Math.min(maxBytes, input.length * maxRatio);
  const fast = inflateOneShot(input, cap);
  return fast ?? inflateStreaming(input, maxBytes, maxRatio);
}

/** A seal's zlib bytes are at most 2,864 (4,296 base45 characters); longer inputs stream. */
const ONE_SHOT_MAX_INPUT = 4096;

function inflateOneShot(input: Uint8Array, cap: number): Uint8Array | undefined {
  if (input.length < 6 || input.length > ONE_SHOT_MAX_INPUT) return undefined;
  if (scratch.length < cap + 1) scratch = new Uint8Array(cap + 1);
  let view: Uint8Array;
  try {
    view = unzlibSync(input, { out: scratch.subarray(0, cap + 1) });
  } catch {
    return undefined;
  }
  if (view.length > cap) return undefined;
  const out = view.slice();
  return trailerOf(input) === adler32(out) ? out : undefined;
}

/** The streaming path: stops as soon as the cap is passed; its errors are the codes callers see. */
export function inflateStreaming(input: Uint8Array, maxBytes: number, maxRatio: number): Uint8Array {
  const cap = Math.min(maxBytes, input.length * maxRatio);
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const inflater = new Unzlib((chunk, final) => {
    total += chunk.length;
    if (total > cap) throw new CapReached();
    chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    for (let i = 0; i < input.length; i += SLICE) {
      inflater.push(input.subarray(i, i + SLICE), i + SLICE >= input.length);
    }
    if (input.length === 0) inflater.push(input, true);
  } catch (e) {
    if (e instanceof CapReached) {
      throw new SealError(
        'SEAL_DECOMPRESSED_TOO_LARGE',
        `decompressed seal exceeds ${cap} bytes (limit ${maxBytes} bytes, ratio ${maxRatio}:1)`,
        undefined,
        { cap, compressedBytes: input.length },
      );
    }
    throw new SealError('SEAL_ZLIB_INVALID', `not a valid zlib stream: ${(e as Error).message}`);
  }
  if (!ended) throw new SealError('SEAL_ZLIB_INVALID', 'zlib stream is truncated');
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  if (trailerOf(input) !== adler32(out)) {
    throw new SealError('SEAL_ZLIB_INVALID', 'zlib Adler-32 mismatch or data after the stream');
  }
  return out;
}

function trailerOf(input: Uint8Array): number {
  const n = input.length;
  return n >= 4 ? ((input[n - 4]! << 24) | (input[n - 3]! << 16) | (input[n - 2]! << 8) | input[n - 1]!) >>> 0 : -1;
}

/** RFC 1950 §9 Adler-32. */
function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 3800, data.length);
    for (; i < end; i++) {
      a += data[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
