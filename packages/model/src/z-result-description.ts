import { z } from 'zod';
import { AlignmentSchema } from './z-alignment.ts';
import { ResultTypeSchema } from './z-ob3-enums.ts';
import { UriSchema, typeIncluding } from './z-primitives.ts';

/** Open Badges 3.0 §B.1.17 RubricCriterionLevel. */
export const RubricCriterionLevelSchema = z.looseObject({
  id: UriSchema,
  type: typeIncluding('RubricCriterionLevel'),
  name: z.string().min(1),
  description: z.string().optional(),
  level: z.string().optional(),
  points: z.string().optional(),
});

/**
 * Open Badges 3.0 §B.1.15 ResultDescription: how a Result is expressed. The scale bounds
 * (`valueMin`, `valueMax`, `requiredValue`) are strings in OB 3.0, not numbers.
 */
export const ResultDescriptionSchema = z.looseObject({
  id: UriSchema,
  type: typeIncluding('ResultDescription'),
  name: z.string().min(1),
  resultType: ResultTypeSchema,
  alignment: z.array(AlignmentSchema).optional(),
  allowedValue: z.array(z.string()).optional(),
  requiredLevel: UriSchema.optional(),
  requiredValue: z.string().optional(),
  rubricCriterionLevel: z.array(RubricCriterionLevelSchema).optional(),
  valueMin: z.string().optional(),
  valueMax: z.string().optional(),
});
export type ResultDescription = z.output<typeof ResultDescriptionSchema>;
