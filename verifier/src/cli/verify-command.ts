import { parseArgs } from 'node:util';
// The check ids alone, not @lp/model's index (zod and every schema): `lp verify --help` stays light.
import { CHECK_IDS, exitCodeOf, type CheckId } from '@lp/model/verification-result';
import type { VerificationResult } from '@lp/verify';
import { VerifyUsageError, type VerifierIo } from './cli-io.ts';

// The verification pipeline (JSON-LD, QR decoding, trust) is imported when there is something to
// verify, not at load: `lp verify --help` and a usage error answer in a fraction of a second.
const pipeline = () => Promise.all([
  import('./render-verification.ts'),
  import('../verify-input-bytes.ts'),
  import('../result-json.ts'),
  import('../trust/load-trust.ts'),
]).then(([render, verify, json, trust]) => ({ ...render, ...verify, ...json, ...trust }));

const HELP = `usage: lp verify INPUT [--trust BUNDLE.json --anchor DID] [--lang CODE] [--checks LIST] [--json]

Verifies offline, by content: a PNG or JPEG photo of a QR seal, a text file holding LP1:…, or a
full record (JSON with a Data Integrity proof eddsa-rdfc-2022, or an application/vc+jwt).
INPUT "-" reads standard input. Nothing is fetched.
  --trust FILE   the trust bundle (flattened JWS) to verify against (or LP_TRUST_BUNDLE); the
                 last accepted bundle is kept in $LP_DATA_DIR/verifier/bundle.json, and an older
                 one (lower sequence) never replaces it
  --anchor DID   a pinned trust-anchor DID; repeatable (or LP_TRUST_ANCHORS, comma-separated)
  --lang CODE    language of the messages (en fr es tr uk ar fa prs ps ur) and of achievement
                 and issuer names (default en); codes and the last line stay as in English
  --checks LIST  only these checks are required; the others are reported skipped
                 (${CHECK_IDS.join(', ')})
  --now TIME     verify as at this ISO 8601 time (audits, tests); default: now
  --json         print the result object: {verdict, checks:[{id,status,code,message}], learner,
                 issuer, achievements, …}
Without a trust bundle the issuer is not established: the verdict is UNKNOWN (exit 3) with
issuer_trust unknown. --checks signature,validity,profile asks only that narrower question (a
did:key issuer's key is the DID itself). A check that counts and could not run is unknown.
A photo in which no seal can be read (no QR code, unreadable, or a .png/.jpg that is not an
image) is UNKNOWN with decode NO_QR_FOUND / IMAGE_* / UNSUPPORTED_IMAGE: no credential was
examined, so nothing is called false; INVALID means a seal or record was found and failed a check.
Exit status: 0 VALID, 1 INVALID, 3 UNKNOWN, 2 usage or I/O error.`;

/** What `lp verify` was asked to do. */
export interface VerifyRequest {
  file: string;
  checks?: CheckId[];
  json: boolean;
  /** Trust bundle file (--trust, else LP_TRUST_BUNDLE). */
  trust?: string;
  /** Pinned anchors from --anchor (LP_TRUST_ANCHORS is added when run). */
  anchors?: string[];
  lang?: string;
  /** Verify as at this time (audits, tests); default: the system clock. */
  now?: Date;
}

export function parseVerifyArgs(argv: string[]): VerifyRequest | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        checks: { type: 'string' },
        json: { type: 'boolean' },
        trust: { type: 'string' },
        anchor: { type: 'string', multiple: true },
        lang: { type: 'string' },
        now: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new VerifyUsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) throw new VerifyUsageError('usage: lp verify INPUT [--trust BUNDLE.json --anchor DID] [--lang CODE] [--checks LIST] [--json]');
  const now = values.now === undefined ? undefined : new Date(values.now);
  if (now && (Number.isNaN(now.getTime()) || !/^\d{4}-\d\d-\d\dT/.test(values.now!))) throw new VerifyUsageError(`--now ${values.now} is not an ISO 8601 date-time`);
  if (values.lang !== undefined && !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(values.lang)) throw new VerifyUsageError(`--lang ${values.lang} is not a language tag`);
  let checks: CheckId[] | undefined;
  if (values.checks !== undefined) {
    checks = values.checks.split(',').map((s) => s.trim()).filter((s) => s !== '') as CheckId[];
    const unknown = checks.filter((c) => !(CHECK_IDS as readonly string[]).includes(c));
    if (unknown.length > 0 || checks.length === 0) throw new VerifyUsageError(`unknown check(s) "${unknown.join(',')}": use ${CHECK_IDS.join(', ')}`);
  }
  return {
    file: positionals[0]!,
    json: values.json === true,
    ...(checks ? { checks } : {}),
    ...(values.trust !== undefined ? { trust: values.trust } : {}),
    ...(values.anchor ? { anchors: values.anchor } : {}),
    ...(values.lang !== undefined ? { lang: values.lang } : {}),
    ...(now ? { now } : {}),
  };
}

/** Verify step: the record's bytes → the one result shape (DESIGN.md, "one pipeline, one result"), without a bundle. */
export async function verifyRequest(bytes: Uint8Array, req: VerifyRequest, now = new Date()): Promise<VerificationResult> {
  const { verifyInputBytes } = await import('../verify-input-bytes.ts');
  return verifyInputBytes(bytes, { bundle: undefined, now, ...(req.checks ? { requiredChecks: req.checks } : {}) });
}

/** `lp verify`: parse the arguments → read → verify → render; exit 0/1/3 by verdict, 2 on usage or I/O. */
export async function run(argv: string[], io: VerifierIo): Promise<number> {
  let req: VerifyRequest | 'help';
  let bytes: Uint8Array;
  const env = io.env ?? {};
  try {
    req = parseVerifyArgs(argv);
    if (req === 'help') {
      io.stdout.write(HELP + '\n');
      return 0;
    }
    const { readInput } = await import('./read-input.ts');
    bytes = await readInput(req.file, io);
  } catch (err) {
    if (!(err instanceof VerifyUsageError)) throw err;
    io.stderr.write(`lp verify: ${err.message}\n`);
    return 2;
  }
  const { anchorsFrom, bundleCachePath, loadTrust, TrustFileError, verifyInputBytes, resultToJson, renderVerification } = await pipeline();
  const now = req.now ?? new Date();
  const bundlePath = req.trust ?? (env.LP_TRUST_BUNDLE || undefined);
  // A file named as a photo is read as one: random bytes called seal.png are "no seal found", not
  // a full record that fails to decode.
  const declaredImage = /\.(png|jpe?g)$/i.test(req.file);
  const anchors = anchorsFrom(req.anchors ?? [], env);
  let loaded: Awaited<ReturnType<typeof loadTrust>> | undefined;
  if (bundlePath !== undefined && anchors.length === 0) {
    io.stderr.write('lp verify: --trust needs the pinned anchor DID(s): --anchor DID or LP_TRUST_ANCHORS\n');
    return 2;
  }
  if (anchors.length > 0) {
    // Without --trust, the bundle this verifier last accepted (if any) still answers who the issuer is.
    try {
      loaded = await loadTrust({ ...(bundlePath !== undefined ? { bundlePath } : {}), anchors, now, cwd: io.cwd, cachePath: bundleCachePath(env, io.cwd) });
    } catch (err) {
      if (!(err instanceof TrustFileError)) throw err;
      io.stderr.write(`lp verify: ${err.message}\n`);
      return 2;
    }
  }
  const notice = loaded?.refused
    ? `trust bundle refused (${loaded.refused.code}): ${loaded.refused.message}; ${loaded.bundle ? `the held bundle #${loaded.bundle.bundle.sequence} stays in use` : 'no bundle is in use'}`
    : undefined;
  if (notice) io.stderr.write(`lp verify: ${notice}\n`);
  // Without a bundle the issuer is not established: issuer_trust is unknown and so is the verdict,
  // unless the caller asks the narrower question (--checks signature,validity,profile).
  const requiredChecks = req.checks;
  const result: VerificationResult = await verifyInputBytes(bytes, {
    bundle: loaded?.bundle,
    now,
    ...(req.lang ? { lang: req.lang } : {}),
    ...(requiredChecks ? { requiredChecks } : {}),
  }, { declaredImage });
  const noBundle = loaded?.bundle
    ? undefined
    : req.checks
      ? 'no trust bundle: only the requested checks were answered; who the issuer is was not established'
      : 'no trust bundle (--trust FILE --anchor DID): the issuer is not established, so the verdict cannot be VALID; --checks signature,validity,profile asks only whether the record is intact and in date';
  const trust = loaded ? { trust: { sequence: loaded.bundle?.bundle.sequence ?? null, replaced: loaded.replaced, refused: loaded.refused ?? null } } : {};
  io.stdout.write(req.json ? JSON.stringify(resultToJson(result, trust)) + '\n' : renderVerification(result, { colour: io.stdout.isTTY === true && !env.NO_COLOR, ...(req.lang ? { lang: req.lang } : {}), ...(noBundle ? { notice: noBundle } : {}) }));
  return exitCodeOf(result.verdict);
}

