/**
 * The purposes this project issues and checks (VC Bitstring Status List §2.1 `statusPurpose`).
 * `refresh` and `message` are defined by the spec but not used here.
 */
export const STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type StatusPurpose = (typeof STATUS_PURPOSES)[number];
