import { createDocumentLoader } from '@lp/contexts';
import { ModelError, parseJsonText, verdictOf, type Check } from '@lp/model';
import { verifyCredentialDi } from './di/verify-credential-di.ts';
import { verifyCredentialJwt } from './jwt/verify-credential-jwt.ts';
import { makeCheck } from './lib/make-check.ts';
import { MAX_FULL_RECORD_BYTES } from './lib/limits.ts';
import type { FullRecordResult, VerifyFullRecordOptions } from './types.ts';

type Decoded = { kind: 'di'; credential: Record<string, unknown> } | { kind: 'jwt'; jwt: string } | { kind: 'fail'; check: Check };

/**
 * Verifies a full record: a JSON credential with a Data Integrity proof (text, bytes or an
 * already-parsed object) or an `application/vc+jwt` compact JWS. Input over 10 MB is refused
 * before it is parsed. With `checks`, only the named checks (and always decode and parse) are
 * required and the others are reported 'skipped'. Never throws for bad input.
 *
 * @example
 *   const r = await verifyFullRecord(text, { now: new Date() });
 *   console.log(r.verdict, r.checks.map((c) => `${c.id} ${c.status} ${c.code}`));
 */
export async function verifyFullRecord(input: string | Uint8Array | object, opts: VerifyFullRecordOptions = {}): Promise<FullRecordResult> {
  const decoded = decodeFullRecord(input);
  if (decoded.kind === 'fail') return { verdict: verdictOf([decoded.check]), checks: [decoded.check] };
  const decodeCheck = makeCheck('decode', 'pass', decoded.kind === 'jwt' ? 'DECODED_JWT' : 'DECODED_JSON', decoded.kind === 'jwt' ? 'an application/vc+jwt' : 'a JSON credential');
  const result = decoded.kind === 'jwt'
    ? await verifyCredentialJwt(decoded.jwt, opts)
    : await verifyCredentialDi(decoded.credential, { ...opts, documentLoader: opts.documentLoader ?? createDocumentLoader() });
  // decode and parse always count, as in the pipeline (@lp/verify finishResult): a malformed
  // document never verifies, whatever checks were asked for (VC Data Model 2.0 §2.1 Conformance:
  // a verifier MUST produce errors when non-conforming documents are detected).
  const counts = (id: string) => !opts.checks || id === 'decode' || id === 'parse' || opts.checks.includes(id as never);
  const checks = [decodeCheck, ...result.checks]
    // A status entry that counts but was not checked (no checkStatus given) leaves the question
    // open: unknown, never a neutral 'skipped' that would let the verdict be VALID by omission.
    .map((c) => (c.id === 'status' && c.status === 'skipped' && c.code === 'STATUS_NOT_CHECKED' && counts('status') ? { ...c, status: 'unknown' as const } : c))
    .map((c) => (counts(c.id) || c.status === 'skipped' ? c : { ...c, status: 'skipped' as const, details: { ...c.details, notRequired: true, wouldBe: c.status } }));
  return { ...result, verdict: verdictOf(checks), checks };
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The 'decode' step: size limit first, then JSON or compact JWS. */
export function decodeFullRecord(input: string | Uint8Array | object): Decoded {
  const fail = (code: string, message: string, details?: Record<string, unknown>): Decoded => ({ kind: 'fail', check: makeCheck('decode', 'fail', code, message, details) });
  let text: string;
  if (typeof input === 'string') {
    if (utf8LengthExceeds(input, MAX_FULL_RECORD_BYTES)) return fail('INPUT_TOO_LARGE', `input over ${MAX_FULL_RECORD_BYTES} bytes refused`, { maxBytes: MAX_FULL_RECORD_BYTES });
    text = input;
  } else if (input instanceof Uint8Array) {
    if (input.length > MAX_FULL_RECORD_BYTES) return fail('INPUT_TOO_LARGE', `input over ${MAX_FULL_RECORD_BYTES} bytes refused`, { maxBytes: MAX_FULL_RECORD_BYTES });
    try {
      text = decoder.decode(input);
    } catch {
      return fail('INPUT_NOT_UTF8', 'input is not UTF-8 text');
    }
  } else if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    return { kind: 'di', credential: input as Record<string, unknown> };
  } else {
    return fail('INPUT_EMPTY', 'no input');
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return fail('INPUT_EMPTY', 'the input is empty');
  if (trimmed.startsWith('ey')) return { kind: 'jwt', jwt: trimmed };
  let value: unknown;
  try {
    // @lp/model's one JSON reader: a record with a duplicate key is refused (parsers disagree on
    // which value wins, so the bytes could say two things), as everywhere a record is read.
    value = parseJsonText(trimmed, { maxBytes: MAX_FULL_RECORD_BYTES });
  } catch (err) {
    if (err instanceof ModelError && err.code === 'JSON_DUPLICATE_KEY') return fail('JSON_DUPLICATE_KEY', err.message, { path: err.path });
    return fail('JSON_MALFORMED', `not JSON: ${(err as Error).message}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('JSON_MALFORMED', 'the JSON is not an object');
  return { kind: 'di', credential: value as Record<string, unknown> };
}

/** Whether the UTF-8 encoding of `s` is longer than `max`, without encoding huge strings. */
function utf8LengthExceeds(s: string, max: number): boolean {
  if (s.length > max) return true;
  if (s.length * 3 <= max) return false;
  return new TextEncoder().encode(s).length > max;
}
