import { z } from 'zod';
import { UriSchema, typeIncluding } from './z-primitives.ts';

/**
 * Open Badges 3.0 §B.1.10 Profile (an issuer, creator or source): `id` and a `type` that
 * includes 'Profile' are required; everything else is optional and kept.
 */
export const ObProfileSchema = z.looseObject({
  id: UriSchema,
  type: typeIncluding('Profile'),
  name: z.string().optional(),
  url: UriSchema.optional(),
  email: z.string().optional(),
}, { error: (iss) => (iss.code === 'invalid_type' ? "Must be an Open Badges Profile object with 'id' and type 'Profile'" : undefined) });
export type ObProfile = z.output<typeof ObProfileSchema>;
