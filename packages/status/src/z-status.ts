import { z } from 'zod';
import { READABLE_STATUS_PURPOSES } from './status-purpose.ts';

const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';

/** §2.1 BitstringStatusListEntry. `statusListIndex` is "an arbitrary size integer … expressed as a string". */
export const zStatusEntry = z.object({
  id: z.string().optional(),
  type: z.literal('BitstringStatusListEntry'),
  statusPurpose: z.enum(READABLE_STATUS_PURPOSES),
  statusListIndex: z.string().regex(/^(0|[1-9][0-9]{0,9})$/, 'a non-negative decimal integer without leading zeros'),
  statusListCredential: z.string().min(1).max(2048),
  // §2.1: "If present, statusSize MUST be an integer greater than zero"; 1 when absent. How many
  // bits we read is bounded in checkStatus (STATUS_SIZE_UNSUPPORTED), not here: a large size is
  // well-formed.
  statusSize: z.number().int().positive().optional(),
  // §2.1: one {status: "0x…", message} per possible value; counted and matched in checkStatus.
  statusMessage: z.array(z.looseObject({
    status: z.string().regex(/^0x[0-9a-fA-F]{1,8}$/, 'status is a hexadecimal value prefixed with 0x'),
    message: z.string(),
  })).optional(),
  statusReference: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
});
export type StatusEntry = z.infer<typeof zStatusEntry>;

/** §2.2 BitstringStatusListCredential (unsigned fields; the proof is checked elsewhere). */
export const zStatusListCredential = z.looseObject({
  '@context': z.array(z.unknown()).refine((c) => c[0] === VC_V2_CONTEXT, 'the first @context must be the VC 2.0 context'),
  id: z.string().min(1).max(2048),
  type: z.array(z.string()).refine((t) => t.includes('VerifiableCredential') && t.includes('BitstringStatusListCredential'), 'type must include BitstringStatusListCredential'),
  issuer: z.union([z.string(), z.looseObject({ id: z.string() })]),
  validFrom: z.string().optional(),
  validUntil: z.string().optional(),
  credentialSubject: z.looseObject({
    id: z.string().optional(),
    type: z.literal('BitstringStatusList'),
    statusPurpose: z.enum(READABLE_STATUS_PURPOSES),
    encodedList: z.string().min(2),
    ttl: z.number().optional(),
  }),
});
export type StatusListCredential = z.infer<typeof zStatusListCredential>;
