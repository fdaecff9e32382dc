import { z } from 'zod';
import { UriSchema } from './z-primitives.ts';

/**
 * Bitstring Status List v1.0 §2.1 BitstringStatusListEntry. `statusListIndex` is a string of
 * decimal digits (the spec's "string representation of an integer ≥ 0").
 */
/** Bitstring Status List v1.0 §2.1 statusListIndex: decimal digits without leading zeros. */
export const STATUS_LIST_INDEX_PATTERN = /^(0|[1-9]\d*)$/;

export const BitstringStatusListEntrySchema = z.looseObject({
  id: UriSchema.optional(),
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.string().min(1),
  statusListIndex: z.string().regex(STATUS_LIST_INDEX_PATTERN, { message: 'statusListIndex must be a string of decimal digits' }),
  statusListCredential: UriSchema,
  statusSize: z.number().int().positive().optional(),
});
export type BitstringStatusListEntry = z.output<typeof BitstringStatusListEntrySchema>;

/**
 * VC 2.0 §4.10 credentialStatus: any status mechanism has a `type`; a
 * BitstringStatusListEntry must also meet its own rules (checked here so an unknown mechanism
 * still parses and the status check can report it as unsupported).
 */
export const CredentialStatusSchema = z
  .looseObject({ id: UriSchema.optional(), type: z.string().min(1) })
  .superRefine((value, ctx) => {
    if (value.type !== 'BitstringStatusListEntry') return;
    const r = BitstringStatusListEntrySchema.safeParse(value);
    if (r.success) return;
    for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path] });
  });
export type CredentialStatus = z.output<typeof CredentialStatusSchema>;
