import { parseArgs } from 'node:util';
import { CHECK_IDS, exitCodeOf, type CheckId } from '@lp/model';
import { verifyFullRecord, type FullRecordResult } from '@lp/formats';
import { VerifyUsageError, type VerifierIo } from './cli-io.ts';
import { readInput } from './read-input.ts';
import { renderHuman, renderJson } from './render-result.ts';

const HELP = `usage: lp verify FILE [--checks signature,validity,profile] [--json]

Verifies a full record offline: a JSON credential with a Data Integrity proof (eddsa-rdfc-2022)
or an application/vc+jwt. FILE "-" reads standard input. Nothing is fetched.
  --checks LIST  only these checks are required; the others are reported skipped
                 (${CHECK_IDS.join(', ')})
  --json         print {verdict, checks:[{id,status,code,message}]}
Exit status: 0 VALID, 1 INVALID, 3 UNKNOWN, 2 usage or I/O error.`;

/** What `lp verify` was asked to do; later options (--trust, --anchor) extend this. */
export interface VerifyRequest {
  file: string;
  checks?: CheckId[];
  json: boolean;
}

export function parseVerifyArgs(argv: string[]): VerifyRequest | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { checks: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new VerifyUsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new VerifyUsageError('usage: lp verify FILE [--checks LIST] [--json]');
  let checks: CheckId[] | undefined;
  if (values.checks !== undefined) {
    checks = values.checks.split(',').map((s) => s.trim()).filter((s) => s !== '') as CheckId[];
    const unknown = checks.filter((c) => !(CHECK_IDS as readonly string[]).includes(c));
    if (unknown.length > 0 || checks.length === 0) throw new VerifyUsageError(`unknown check(s) "${unknown.join(',')}": use ${CHECK_IDS.join(', ')}`);
  }
  return { file: positionals[0]!, json: values.json === true, ...(checks ? { checks } : {}) };
}

/** Verify step: the record's bytes → the one result shape (DESIGN.md, "one pipeline, one result"). */
export async function verifyRequest(bytes: Uint8Array, req: VerifyRequest, now = new Date()): Promise<FullRecordResult> {
  return verifyFullRecord(bytes, { now, ...(req.checks ? { checks: req.checks } : {}) });
}

/** `lp verify`: parse the arguments → read → verify → render; exit 0/1/3 by verdict, 2 on usage or I/O. */
export async function run(argv: string[], io: VerifierIo): Promise<number> {
  let req: VerifyRequest | 'help';
  let bytes: Uint8Array;
  try {
    req = parseVerifyArgs(argv);
    if (req === 'help') {
      io.stdout.write(HELP + '\n');
      return 0;
    }
    bytes = await readInput(req.file, io);
  } catch (err) {
    if (!(err instanceof VerifyUsageError)) throw err;
    io.stderr.write(`lp verify: ${err.message}\n`);
    return 2;
  }
  const result = await verifyRequest(bytes, req);
  io.stdout.write(req.json ? renderJson(result) : renderHuman(result));
  return exitCodeOf(result.verdict);
}
