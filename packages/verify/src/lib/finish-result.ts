import { verdictOf, type Check, type CheckId } from '@lp/model';
import type { CredentialForm, Display, VerificationResult, VerifyContext } from '../types.ts';
import { makeCheck } from './make-check.ts';

/** The pipeline's checks in order (DESIGN.md "Verification"); 'presentation' belongs to presentations. */
export const PIPELINE_CHECKS = ['decode', 'parse', 'signature', 'issuer_trust', 'key_status', 'status', 'validity', 'profile'] as const satisfies readonly CheckId[];

/** Checks that always count: without them there is nothing to verify. */
const ALWAYS_REQUIRED: readonly CheckId[] = ['decode', 'parse'];

/**
 * Skipped codes that mean "nothing to check" rather than "could not check": a credential without
 * a status entry cannot be revoked, so a skipped status check is an answer, not a gap.
 */
const NOTHING_TO_CHECK: ReadonlySet<string> = new Set(['STATUS_NONE']);

/**
 * Puts the checks in pipeline order, reports the ones never reached, marks checks the caller did
 * not require as skipped (keeping what they would have been), then decides the verdict.
 *
 * No VALID by omission (DESIGN.md "Verdict rules"): a check that counts — every check by default,
 * else the ones requested — and did not run is `unknown`, never a neutral `skipped`; and a verdict
 * limited to requested checks is VALID only when at least one of them passed.
 */
export function finishResult(
  checks: readonly Check[],
  ctx: Pick<VerifyContext, 'requiredChecks'>,
  form: CredentialForm | undefined,
  display: Display | undefined,
  credential?: Record<string, unknown>,
): VerificationResult {
  const byId = new Map<CheckId, Check>();
  for (const c of checks) if (!byId.has(c.id)) byId.set(c.id, c);
  const required = ctx.requiredChecks;
  const counts = (id: CheckId) => !required || ALWAYS_REQUIRED.includes(id) || required.includes(id);
  const ordered: Check[] = PIPELINE_CHECKS.map((id) => byId.get(id) ?? makeCheck(id, 'skipped', 'NOT_REACHED', 'not reached: an earlier check decided the verdict'));
  // When a counted check failed the verdict is INVALID whatever the rest says: what was not
  // reached stays 'skipped' so the failure reads as the reason.
  const failed = ordered.some((c) => c.status === 'fail' && counts(c.id));
  const final = ordered.map((c): Check => {
    if (!counts(c.id)) {
      return c.status === 'skipped' ? c : { ...c, status: 'skipped', details: { ...c.details, notRequired: true, wouldBe: c.status } };
    }
    if (c.status === 'skipped' && !failed && !NOTHING_TO_CHECK.has(c.code)) {
      return { ...c, status: 'unknown', details: { ...c.details, notRun: true } };
    }
    return c;
  });
  // A requested check this pipeline does not have (e.g. 'presentation' on a credential) never ran.
  for (const id of required ?? []) {
    if (!(PIPELINE_CHECKS as readonly CheckId[]).includes(id)) {
      final.push(makeCheck(id, 'unknown', 'CHECK_NOT_APPLICABLE', `the check ${id} does not apply to a credential: it was requested and cannot run`));
    }
  }
  let verdict = verdictOf(final);
  if (verdict === 'VALID' && required && !final.some((c) => !ALWAYS_REQUIRED.includes(c.id) && required.includes(c.id) && c.status === 'pass')) {
    // Only decode and parse passed: nothing that was asked was answered.
    verdict = 'UNKNOWN';
  }
  return { verdict, checks: final, form, display, ...(credential ? { credential } : {}) };
}

/** A result for input that could not be decoded at all (also used by apps for image errors). */
export function decodeFailure(code: string, message: string, ctx: Pick<VerifyContext, 'requiredChecks'> = {}, form?: CredentialForm, details?: Record<string, unknown>): VerificationResult {
  return finishResult([makeCheck('decode', 'fail', code, message, details)], ctx, form, undefined);
}

/**
 * A result for input in which no credential was found to examine (a photo without a readable QR
 * seal, a file that claims to be an image and is not): decode is unknown, so the verdict is
 * UNKNOWN. Nothing was shown false, so it is not INVALID; nothing was checked, so never VALID.
 */
export function decodeNotFound(code: string, message: string, ctx: Pick<VerifyContext, 'requiredChecks'> = {}, form?: CredentialForm, details?: Record<string, unknown>): VerificationResult {
  return finishResult([makeCheck('decode', 'unknown', code, message, details)], ctx, form, undefined);
}
