import { z } from 'zod';
import { AlignmentTargetTypeSchema } from './z-ob3-enums.ts';
import { UriSchema, typeIncluding } from './z-primitives.ts';

/** Open Badges 3.0 §B.1.3 Alignment: `targetName` and `targetUrl` are required. */
export const AlignmentSchema = z.looseObject({
  type: typeIncluding('Alignment'),
  targetName: z.string().min(1),
  targetUrl: UriSchema,
  targetCode: z.string().optional(),
  targetDescription: z.string().optional(),
  targetFramework: z.string().optional(),
  targetType: AlignmentTargetTypeSchema.optional(),
});
export type Alignment = z.output<typeof AlignmentSchema>;
