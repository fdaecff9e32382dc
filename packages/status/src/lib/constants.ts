/**
 * VC Bitstring Status List §6.1 (herd privacy): "the bitstring MUST be a minimum of 16KB
 * uncompressed", i.e. 131,072 entries of one bit.
 */
export const MIN_LIST_LENGTH = 131_072;

/** Default cap on the inflated size of an `encodedList`: 16 MiB = 134 million entries. */
export const DEFAULT_MAX_LIST_BYTES = 16 * 1024 * 1024;
