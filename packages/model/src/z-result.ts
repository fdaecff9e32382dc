import { z } from 'zod';
import { AlignmentSchema } from './z-alignment.ts';
import { ResultStatusTypeSchema } from './z-ob3-enums.ts';
import { UriSchema, typeIncluding } from './z-primitives.ts';

/**
 * Open Badges 3.0 §B.1.14 Result: a learner's result against a ResultDescription, referenced
 * by its id in `resultDescription`.
 */
export const ResultSchema = z.looseObject({
  type: typeIncluding('Result'),
  resultDescription: UriSchema.optional(),
  value: z.string().optional(),
  status: ResultStatusTypeSchema.optional(),
  achievedLevel: UriSchema.optional(),
  alignment: z.array(AlignmentSchema).optional(),
});
export type Result = z.output<typeof ResultSchema>;
