import { z } from 'zod';
import { DateTimeStampSchema, UriSchema } from './z-primitives.ts';

/**
 * An embedded proof (VC Data Integrity 1.0 §2.1). Only the shape is checked here; whether it
 * verifies is the signature check's business. `proofValue` is multibase, hence a string.
 */
export const ProofSchema = z.looseObject({
  id: UriSchema.optional(),
  type: z.string().min(1),
  cryptosuite: z.string().min(1).optional(),
  proofPurpose: z.string().min(1).optional(),
  verificationMethod: z.union([UriSchema, z.looseObject({ id: UriSchema })]).optional(),
  created: DateTimeStampSchema.optional(),
  expires: DateTimeStampSchema.optional(),
  proofValue: z.string().min(1).optional(),
  challenge: z.string().optional(),
  domain: z.union([z.string(), z.array(z.string())]).optional(),
});
export type Proof = z.output<typeof ProofSchema>;
