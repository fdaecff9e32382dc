import { z } from 'zod';
import { checkIssuerEntry, trustIssuerShape, zCatalogueEntry } from './z-trust-bundle.ts';

/**
 * What an issuer exports for a trust anchor: its own issuer entry plus a type tag. The catalogue
 * digest is optional here (the anchor computes it); when given it must match.
 */
export const zTrustFragment = z
  .object({
    type: z.literal('LearningPassportTrustFragment'),
    version: z.literal(1),
    exportedAt: z.iso.datetime({ offset: true }),
    ...trustIssuerShape,
    catalogue: z.object({
      digest: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase SHA-256 hex digest').optional(),
      achievements: z.array(zCatalogueEntry),
    }),
  })
  .superRefine(checkIssuerEntry);

export type TrustFragment = z.infer<typeof zTrustFragment>;
