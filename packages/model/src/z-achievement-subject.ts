import { z } from 'zod';
import { AchievementSchema } from './z-achievement.ts';
import { IdentityObjectSchema } from './z-identity-object.ts';
import { ObProfileSchema } from './z-ob-profile.ts';
import { DateTimeStampSchema, UriSchema, typeIncluding } from './z-primitives.ts';
import { ResultSchema } from './z-result.ts';

/**
 * Open Badges 3.0 §B.1.4 AchievementSubject: the learner and what they achieved. "Either id or
 * at least one identifier MUST be supplied."
 */
export const AchievementSubjectSchema = z
  .looseObject({
    id: UriSchema.optional(),
    type: typeIncluding('AchievementSubject'),
    achievement: AchievementSchema,
    identifier: z.array(IdentityObjectSchema).optional(),
    result: z.array(ResultSchema).optional(),
    source: ObProfileSchema.optional(),
    creditsEarned: z.number().optional(),
    activityStartDate: DateTimeStampSchema.optional(),
    activityEndDate: DateTimeStampSchema.optional(),
    licenseNumber: z.string().optional(),
    role: z.string().optional(),
    term: z.string().optional(),
  }, { error: (iss) => (iss.code === 'invalid_type' ? 'Must be one AchievementSubject object' : undefined) })
  .refine((s) => s.id !== undefined || (s.identifier !== undefined && s.identifier.length > 0), {
    message: 'credentialSubject needs an id or at least one identifier',
  });
export type AchievementSubject = z.output<typeof AchievementSubjectSchema>;
