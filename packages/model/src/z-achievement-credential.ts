import { z } from 'zod';
import { AchievementSubjectSchema } from './z-achievement-subject.ts';
import { ObProfileSchema } from './z-ob-profile.ts';
import { DateTimeStampSchema, TypeSchema, UriSchema, typesOf } from './z-primitives.ts';
import { CredentialContextSchema, verifiableCredentialShape } from './z-verifiable-credential.ts';

/**
 * Open Badges 3.0 JSON-LD context URLs, OB 3.0 §B.1.1 @context: `context-3.0.x.json`, and the
 * unversioned `context.json` that 3.0.0 was published at (still in credentials issued then).
 */
export const OB_CONTEXT_PATTERN = /^https:\/\/purl\.imsglobal\.org\/spec\/ob\/v3p0\/context(-3\.0\.\d+)?\.json$/;

export const OB_CREDENTIAL_TYPES = ['AchievementCredential', 'OpenBadgeCredential'] as const;

/**
 * Open Badges 3.0 §B.1.1 AchievementCredential (alias OpenBadgeCredential): a VC 2.0
 * credential with the OB context, `id`, `name`, `validFrom`, an issuer Profile and one
 * AchievementSubject. `proof` stays optional: a VC-JOSE credential is secured by its envelope.
 */
export const AchievementCredentialSchema = z.looseObject({
  ...verifiableCredentialShape,
  '@context': CredentialContextSchema.refine((c) => c.some((x) => typeof x === 'string' && OB_CONTEXT_PATTERN.test(x)), {
    message: '@context must include the Open Badges 3.0 context (https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.x.json)',
  }),
  id: UriSchema,
  type: TypeSchema.refine(
    (t) => typesOf(t).includes('VerifiableCredential') && OB_CREDENTIAL_TYPES.some((x) => typesOf(t).includes(x)),
    { message: "type must include 'VerifiableCredential' and 'AchievementCredential' or 'OpenBadgeCredential'" },
  ),
  name: z.string().min(1),
  description: z.string().optional(),
  issuer: ObProfileSchema,
  validFrom: DateTimeStampSchema,
  awardedDate: DateTimeStampSchema.optional(),
  credentialSubject: AchievementSubjectSchema,
});
export type AchievementCredential = z.output<typeof AchievementCredentialSchema>;
