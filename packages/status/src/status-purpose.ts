/**
 * The purposes this project issues and checks (VC Bitstring Status List §2.1 `statusPurpose`).
 * `refresh` and `message` are defined by the spec but not used here.
 */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];

/**
 * The purposes a verifier reads (§2.1): ours, and `message` — a multi-bit entry (statusSize > 1)
 * whose value names one of its statusMessage texts. `refresh` is not read: nothing here refreshes.
 */
export const READABLE_STATUS_PURPOSES = ['revocation', 'suspension', 'message'] as const;
export type ReadableStatusPurpose = (typeof READABLE_STATUS_PURPOSES)[number];
