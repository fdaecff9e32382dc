import { z } from 'zod';
import { AchievementSchema } from './z-achievement.ts';
import { AchievementCredentialSchema } from './z-achievement-credential.ts';
import { IdentityObjectSchema } from './z-identity-object.ts';
import { ObProfileSchema } from './z-ob-profile.ts';
import { AssociationTypeSchema } from './z-ob3-enums.ts';
import { DateTimeStampSchema, UriSchema, typeIncluding } from './z-primitives.ts';
import { CredentialContextSchema, verifiableCredentialShape } from './z-verifiable-credential.ts';

/** CLR 2.0 JSON-LD context URLs (2.0.x, and 2.0.0's unversioned `context.json`), CLR 2.0 §B.1 ClrCredential @context. */
export const CLR_CONTEXT_PATTERN = /^https:\/\/purl\.imsglobal\.org\/spec\/clr\/v2p0\/context(-2\.0\.\d+)?\.json$/;

/** CLR 2.0 Association: how two achievements in the CLR relate (e.g. `isChildOf`). */
export const AssociationSchema = z.looseObject({
  type: typeIncluding('Association'),
  associationType: AssociationTypeSchema,
  sourceId: UriSchema,
  targetId: UriSchema,
});
export type Association = z.output<typeof AssociationSchema>;

/**
 * CLR 2.0 ClrSubject: the learner, the AchievementCredentials the CLR gathers (one or more)
 * and optionally the achievements and associations that structure them.
 */
export const ClrSubjectSchema = z
  .looseObject({
    id: UriSchema.optional(),
    type: typeIncluding('ClrSubject'),
    identifier: z.array(IdentityObjectSchema).optional(),
    achievement: z.array(AchievementSchema).optional(),
    verifiableCredential: z.array(AchievementCredentialSchema).min(1),
    association: z.array(AssociationSchema).optional(),
  })
  .refine((s) => s.id !== undefined || (s.identifier !== undefined && s.identifier.length > 0), {
    message: 'credentialSubject needs an id or at least one identifier',
  });
export type ClrSubject = z.output<typeof ClrSubjectSchema>;

/** CLR 2.0 ClrCredential: a VC 2.0 credential with the CLR context and a ClrSubject. */
export const ClrCredentialSchema = z.looseObject({
  ...verifiableCredentialShape,
  '@context': CredentialContextSchema.refine((c) => c.some((x) => typeof x === 'string' && CLR_CONTEXT_PATTERN.test(x)), {
    message: '@context must include the CLR 2.0 context (https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.x.json)',
  }),
  id: UriSchema,
  type: typeIncluding('VerifiableCredential', 'ClrCredential'),
  name: z.string().min(1),
  description: z.string().optional(),
  issuer: ObProfileSchema,
  validFrom: DateTimeStampSchema,
  awardedDate: DateTimeStampSchema.optional(),
  partial: z.boolean().optional(),
  credentialSubject: ClrSubjectSchema,
});
export type ClrCredential = z.output<typeof ClrCredentialSchema>;
