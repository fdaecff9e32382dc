import { z } from 'zod';
import { IdentifierTypeSchema } from './z-ob3-enums.ts';

/**
 * Open Badges 3.0 §B.1.6 IdentityObject: a recipient identifier, plain or hashed
 * (`sha256$<hex>` with a salt). `type` is the single term 'IdentityObject'.
 */
export const IdentityObjectSchema = z.looseObject({
  type: z.literal('IdentityObject'),
  hashed: z.boolean(),
  identityHash: z.string().min(1),
  identityType: IdentifierTypeSchema,
  salt: z.string().optional(),
});
export type IdentityObject = z.output<typeof IdentityObjectSchema>;
