import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { MAX_FULL_RECORD_BYTES } from '@lp/formats';
import { VerifyUsageError, type VerifierIo } from './cli-io.ts';

/**
 * Reads a file (or standard input for `-`), at most one byte past the full-record limit: a larger
 * input is then refused by the decode check (INPUT_TOO_LARGE) without being read whole.
 */
export async function readInput(path: string, io: VerifierIo): Promise<Uint8Array> {
  const cap = MAX_FULL_RECORD_BYTES + 1;
  if (path === '-') {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for await (const chunk of io.stdin) {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array);
      chunks.push(bytes);
      total += bytes.length;
      if (total >= cap) break;
    }
    return concat(chunks, Math.min(total, cap));
  }
  let fd: number;
  try {
    fd = openSync(resolve(io.cwd, path), 'r');
  } catch (err) {
    throw new VerifyUsageError(`cannot read ${path}: ${(err as Error).message}`);
  }
  try {
    const buf = new Uint8Array(cap);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, cap - total, null);
      if (n === 0 || total + n >= cap) {
        total += n;
        break;
      }
      total += n;
    }
    return buf.subarray(0, total);
  } catch (err) {
    throw new VerifyUsageError(`cannot read ${path}: ${(err as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    const take = Math.min(c.length, length - at);
    out.set(c.subarray(0, take), at);
    at += take;
    if (at >= length) break;
  }
  return out;
}
