import { z } from 'zod';
import { AlignmentSchema } from './z-alignment.ts';
import { ObProfileSchema } from './z-ob-profile.ts';
import { AchievementTypeSchema } from './z-ob3-enums.ts';
import { UriSchema, typeIncluding } from './z-primitives.ts';
import { ResultDescriptionSchema } from './z-result-description.ts';

/** Open Badges 3.0 §B.1.5 Criteria: "either id or narrative MUST be supplied". */
export const CriteriaSchema = z
  .looseObject({ id: UriSchema.optional(), narrative: z.string().min(1).optional() })
  .refine((c) => c.id !== undefined || c.narrative !== undefined, {
    message: 'criteria needs an id or a narrative',
  });

/**
 * Open Badges 3.0 §B.1.2 Achievement: `id`, `type` including 'Achievement', `name`,
 * `description` and `criteria` are required.
 */
export const AchievementSchema = z.looseObject({
  id: UriSchema,
  type: typeIncluding('Achievement'),
  name: z.string().min(1),
  description: z.string().min(1),
  criteria: CriteriaSchema,
  achievementType: AchievementTypeSchema.optional(),
  alignment: z.array(AlignmentSchema).optional(),
  creator: ObProfileSchema.optional(),
  creditsAvailable: z.number().optional(),
  fieldOfStudy: z.string().optional(),
  humanCode: z.string().optional(),
  inLanguage: z.string().optional(),
  resultDescription: z.array(ResultDescriptionSchema).optional(),
  specialization: z.string().optional(),
  tag: z.array(z.string()).optional(),
  version: z.string().optional(),
});
export type Achievement = z.output<typeof AchievementSchema>;
