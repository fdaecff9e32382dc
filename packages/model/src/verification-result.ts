/**
 * The one result shape every verification path returns (DESIGN.md, "Verification"): the CLI, the
 * HTTP API and both web pages render it directly. Modelled on the step log of
 * digitalcredentials/verifier-core: stable check ids, a status, a stable code and a human message.
 */

/** Stable ids of the pipeline's checks, in pipeline order. */
export const CHECK_IDS = [
  'decode',
  'parse',
  'signature',
  'issuer_trust',
  'key_status',
  'status',
  'validity',
  'profile',
  'presentation',
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export type CheckStatus = 'pass' | 'fail' | 'unknown' | 'skipped';
export type Verdict = 'VALID' | 'INVALID' | 'UNKNOWN';

export interface Check {
  id: CheckId;
  status: CheckStatus;
  /** Stable machine code, e.g. `SIGNATURE_VALID`, `SIGNATURE_INVALID`, `STATUS_REVOKED`. */
  code: string;
  /** Plain English for people; pages translate by `code`, never by parsing this. */
  message: string;
  /** Optional machine-readable facts (e.g. `{ ageSeconds }` for a stale status snapshot). */
  details?: Record<string, unknown>;
}

/**
 * The verdict is VALID only when every required check passes, INVALID when any check fails,
 * else UNKNOWN. Checks marked `skipped` were not required by the caller and do not count.
 */
export function verdictOf(checks: readonly Check[]): Verdict {
  if (checks.some((c) => c.status === 'fail')) return 'INVALID';
  if (checks.some((c) => c.status === 'unknown')) return 'UNKNOWN';
  if (!checks.some((c) => c.status === 'pass')) return 'UNKNOWN';
  return 'VALID';
}

/** Process exit code for a verdict: 0 VALID, 1 INVALID, 3 UNKNOWN (2 is usage or I/O error). */
export function exitCodeOf(verdict: Verdict): 0 | 1 | 3 {
  return verdict === 'VALID' ? 0 : verdict === 'INVALID' ? 1 : 3;
}
