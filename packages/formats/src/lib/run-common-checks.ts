import { checkProfile, type Check } from '@lp/model';
import { makeCheck } from './make-check.ts';
import { checkValidityPeriod } from './check-validity-period.ts';
import { isVc1, profileViewOf } from './vc-data-model.ts';
import type { CommonVerifyOptions } from '../types.ts';

/** status, validity and profile: the checks that follow a signature, shared by DI and JWT. */
export async function runCommonChecks(
  credential: Record<string, unknown>,
  signatureOk: boolean,
  opts: CommonVerifyOptions,
  jwtTimes?: { nbf?: number; exp?: number },
): Promise<Check[]> {
  const checks: Check[] = [];
  if (credential.credentialStatus !== undefined) {
    if (!opts.checkStatus) {
      checks.push(makeCheck('status', 'skipped', 'STATUS_NOT_CHECKED', 'status list not checked by this step'));
    } else if (!signatureOk) {
      checks.push(makeCheck('status', 'skipped', 'STATUS_NOT_CHECKED', 'status not checked: the signature did not verify'));
    } else {
      checks.push(await opts.checkStatus(credential));
    }
  }
  checks.push(checkValidityPeriod(credential, opts.now ?? new Date(), opts.maxClockSkewSeconds ?? 300, jwtTimes));
  // Default: the zod profiles of packages/model (VC 2.0, OB 3.0, CLR 2.0); a VC 1.1 credential
  // is read through its 2.0 view and says so.
  const profile = (opts.profileCheck ?? checkProfile)(profileViewOf(credential));
  checks.push(isVc1(credential) ? { ...profile, details: { ...profile.details, dataModel: '1.1' } } : profile);
  return checks;
}
