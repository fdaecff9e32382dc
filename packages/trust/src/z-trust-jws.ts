import { z } from 'zod';

/** RFC 7515 §7.2.2 flattened JSON serialization; no unprotected `header`: nothing unsigned is read. */
export const zFlattenedJws = z.strictObject({
  payload: z.string().regex(/^[A-Za-z0-9_-]*$/, 'expected base64url'),
  protected: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url'),
  signature: z.string().regex(/^[A-Za-z0-9_-]+$/, 'expected base64url'),
});

export const TRUST_BUNDLE_TYP = 'lp-trust+json';

/**
 * The protected header. `crit` and `b64` are refused: RFC 7515 §4.1.11 says a header with an
 * extension we do not implement must be rejected, and RFC 7797 b64=false changes the signed bytes.
 */
export const zTrustJwsHeader = z
  .looseObject({
    alg: z.literal('EdDSA'),
    typ: z.literal(TRUST_BUNDLE_TYP),
    kid: z.string().regex(/^did:[a-z0-9]+:[^#\s]+#[^#\s]+$/, 'expected a verification method id (did…#fragment)'),
  })
  .refine((h) => !('crit' in h) && !('b64' in h), 'crit and b64 header parameters are not supported');

export type FlattenedJws = z.infer<typeof zFlattenedJws>;
export type TrustJwsHeader = z.infer<typeof zTrustJwsHeader>;
