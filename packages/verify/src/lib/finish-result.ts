import { verdictOf, type Check, type CheckId } from '@lp/model';
import type { CredentialForm, Display, VerificationResult, VerifyContext } from '../types.ts';
import { makeCheck } from './make-check.ts';

/** The pipeline's checks in order (DESIGN.md "Verification"); 'presentation' belongs to presentations. */
export const PIPELINE_CHECKS = ['decode', 'parse', 'signature', 'issuer_trust', 'key_status', 'status', 'validity', 'profile'] as const satisfies readonly CheckId[];

/** Checks that always count: without them there is nothing to verify. */
const ALWAYS_REQUIRED: readonly CheckId[] = ['decode', 'parse'];

/**
 * Puts the checks in pipeline order, reports the ones never reached as skipped (so every result
 * has the same eight lines), marks checks the caller did not require as skipped (keeping what they
 * would have been), then decides the verdict.
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
  const ordered: Check[] = PIPELINE_CHECKS.map((id) => byId.get(id) ?? makeCheck(id, 'skipped', 'NOT_REACHED', 'not reached: an earlier check decided the verdict'));
  const required = ctx.requiredChecks;
  const final = ordered.map((c) =>
    !required || ALWAYS_REQUIRED.includes(c.id) || required.includes(c.id) || c.status === 'skipped'
      ? c
      : { ...c, status: 'skipped' as const, details: { ...c.details, notRequired: true, wouldBe: c.status } },
  );
  return { verdict: verdictOf(final), checks: final, form, display, ...(credential ? { credential } : {}) };
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
