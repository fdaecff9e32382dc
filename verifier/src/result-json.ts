import type { VerificationResult } from '@lp/verify';

/**
 * The machine form shared by `lp verify --json` and the HTTP API: verdict, checks (id, status,
 * code, message, details) and what is displayed (learner, issuer, achievements, dates, bundle).
 * Strings from the credential are data: JSON escapes them; nothing here interprets them.
 */
export function resultToJson(result: VerificationResult, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    verified: result.verdict === 'VALID',
    verdict: result.verdict,
    form: result.form ?? null,
    checks: result.checks.map(({ id, status, code, message, details }) => (details ? { id, status, code, message, details } : { id, status, code, message })),
    learner: result.display?.learner ?? null,
    issuer: result.display?.issuer ?? null,
    achievements: result.display?.achievements ?? [],
    issuedAt: result.display?.issuedAt ?? null,
    signedAt: result.display?.signedAt ?? null,
    expiresAt: result.display?.expiresAt ?? null,
    bundle: result.display?.bundle ?? null,
    statusAsOf: result.display?.statusAsOf ?? null,
    ...extra,
  };
}
