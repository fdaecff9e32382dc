import type { Check, Verdict } from '@lp/model';
import { verifyAny, type VerificationResult, type VerifyContext } from '@lp/verify';
import type { StoredCredential } from './vault.ts';

export interface Reverification {
  verdict: Verdict;
  /** The full record's result (else the seal's): what to display. */
  result: VerificationResult;
  /** The checks that decide, with the seal's failures added when the seal is the reason. */
  checks: Check[];
}

/**
 * A held credential verified again, now, against the freshest bundle held: a revocation or a
 * revoked key learnt since the import must show, and the verdict is combined as on import (the full
 * record decides; a failing seal of the same credential makes it INVALID), so one credential has
 * one verdict wherever it is shown.
 */
export async function reverifyCredential(c: StoredCredential, ctx: VerifyContext): Promise<Reverification> {
  const result = await verifyAny((c.fullRecord ?? c.seal)!, ctx);
  const seal = c.fullRecord !== undefined && c.seal !== undefined ? await verifyAny(c.seal, ctx) : undefined;
  if (seal?.verdict === 'INVALID') {
    return { verdict: 'INVALID', result, checks: [...result.checks, ...seal.checks.filter((k) => k.status === 'fail').map((k) => ({ ...k, message: `seal: ${k.message}` }))] };
  }
  return { verdict: result.verdict, result, checks: result.checks };
}
