import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError, type CliIo } from '@lp/cli-kit';
import { splitEvidence } from '@lp/recognition';
import { sniffImage, verifyAny, type VerificationResult, type VerifyContext } from '@lp/verify';
import { verifyInputBytes } from '@lp/verifier';

/** Files are records, seal texts or photos; a photo of a seal is the largest of them. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface VerifiedEvidence {
  file: string;
  /** What was verified: a record object, a seal or JWT text; undefined for a photo (its seal is in the result). */
  input: unknown;
  result: VerificationResult;
}

/**
 * Verifies every credential in the files with the one pipeline: a full record (JSON or vc+jwt), a
 * seal (LP1: text, several one per line, or a PNG/JPEG photo of one) or a presentation (each of its
 * credentials). A file that cannot be read is a usage error.
 */
export async function verifyEvidenceFiles(files: readonly string[], ctx: VerifyContext, io: CliIo): Promise<VerifiedEvidence[]> {
  const out: VerifiedEvidence[] = [];
  for (const file of files) {
    const bytes = readFileBytes(file, io);
    if (sniffImage(bytes)) {
      out.push({ file, input: undefined, result: await verifyInputBytes(bytes, ctx, { sealOnly: true }) });
      continue;
    }
    for (const input of splitEvidence(jsonOrText(bytes))) out.push({ file, input, result: await verifyAny(input, ctx) });
  }
  return out;
}

function jsonOrText(bytes: Uint8Array): unknown {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // Not JSON after all: the pipeline reports what it is (a decode failure with its code).
    }
  }
  return text;
}

/** At most MAX_FILE_BYTES, read without trusting the file's reported size. */
export function readFileBytes(file: string, io: CliIo): Uint8Array {
  let fd: number;
  try {
    fd = openSync(resolve(io.cwd, file), 'r');
  } catch (err) {
    throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const buf = new Uint8Array(MAX_FILE_BYTES + 1);
    let total = 0;
    for (;;) {
      const n = readSync(fd, buf, total, buf.length - total, null);
      total += n;
      if (n === 0 || total >= buf.length) break;
    }
    if (total > MAX_FILE_BYTES) throw new UsageError(`${file} is larger than ${MAX_FILE_BYTES} bytes`);
    return buf.subarray(0, total);
  } finally {
    closeSync(fd);
  }
}
