import type { z } from 'zod';
import { checkLpProfile } from './check-lp-profile.ts';
import { detectCredentialKind } from './detect-credential-kind.ts';
import type { CredentialKind } from './detect-credential-kind.ts';
import { flattenZodIssues } from './lib/flatten-zod-issues.ts';
import { precheckProfile } from './lib/precheck-profile.ts';
import type { Check } from './verification-result.ts';
import { AchievementCredentialSchema } from './z-achievement-credential.ts';
import { ClrCredentialSchema } from './z-clr-credential.ts';
import { VerifiableCredentialSchema } from './z-verifiable-credential.ts';

const RULES: Record<CredentialKind, { schema: z.ZodType; label: string }> = {
  ClrCredential: { schema: ClrCredentialSchema, label: 'CLR 2.0 ClrCredential' },
  AchievementCredential: { schema: AchievementCredentialSchema, label: 'Open Badges 3.0 AchievementCredential' },
  OpenBadgeCredential: { schema: AchievementCredentialSchema, label: 'Open Badges 3.0 OpenBadgeCredential' },
  VerifiableCredential: { schema: VerifiableCredentialSchema, label: 'VC Data Model 2.0 credential' },
};

/**
 * The pipeline's `profile` check: VC Data Model 2.0 always, Open Badges 3.0 when the type says
 * AchievementCredential/OpenBadgeCredential, CLR 2.0 when it says ClrCredential (each profile
 * schema includes the VC 2.0 rules). Learning Passport extras only add `details.warnings`;
 * they never fail the check. Never throws.
 *
 * pass → code PROFILE_VALID, details `{ kind, warnings }`;
 * fail → code PROFILE_INVALID, details `{ kind, path, issues }` (path = first JSON path).
 *
 * `precheck: false` asks the zod schema alone: the pre-check only decides faster for the shapes
 * it knows, so both ways give the same Check (packages/model/test/precheck-profile.test.ts).
 */
export function checkProfile(credential: unknown, opts: { precheck?: boolean } = {}): Check {
  const kind = detectCredentialKind(credential) ?? 'VerifiableCredential';
  const { schema, label } = RULES[kind];
  // The pre-check passes the common valid shapes without zod's output copy of every object;
  // anything else, and every failure, is zod's to describe.
  const result = opts.precheck !== false && precheckProfile(credential, kind) ? undefined : schema.safeParse(credential);
  if (result !== undefined && !result.success) {
    const issues = flattenZodIssues(result.error.issues);
    const first = issues[0] ?? { path: '$', code: 'custom', message: 'Invalid input' };
    return {
      id: 'profile',
      status: 'fail',
      code: 'PROFILE_INVALID',
      message: `Not a valid ${label}: ${first.message} at ${first.path}`,
      details: { kind, path: first.path, issues },
    };
  }
  const warnings = kind === 'VerifiableCredential' ? [] : checkLpProfile(credential);
  return {
    id: 'profile',
    status: 'pass',
    code: 'PROFILE_VALID',
    message: `Valid ${label}${warnings.length > 0 ? ` (${warnings.length} profile warning${warnings.length > 1 ? 's' : ''})` : ''}`,
    details: { kind, warnings },
  };
}
