import { z } from 'zod';
import { zAccreditation, zIssuerId, zIssuerKind } from './z-trust-bundle.ts';

/**
 * What a trust anchor decides about the issuers it merges, over what each issuer's fragment says
 * about itself (`lp trust build --overrides FILE.json`): keyed by issuer id (a DID or another URI), its kind and
 * accreditation, and per key id the catalogue codes that key may sign (DESIGN.md: "the
 * achievement kinds each key may sign"). A restriction only narrows what the fragment allows.
 */
export const zTrustOverrides = z.record(
  zIssuerId,
  z.strictObject({
    kind: zIssuerKind.optional(),
    accreditation: zAccreditation.optional(),
    keyAchievements: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)).optional(),
  }),
);
export type TrustOverrides = z.infer<typeof zTrustOverrides>;
