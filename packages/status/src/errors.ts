/**
 * The status package's one error class. `code` is stable and what tests and callers match on.
 * Misuse of the API by our own code (a length that is not a multiple of 8, an index that is not
 * an integer) throws `TypeError` / `RangeError` instead: those are bugs, not bad input.
 */
export type StatusErrorCode =
  /** A list shorter than 131,072 entries (VC Bitstring Status List §6.1, herd privacy). */
  | 'LIST_TOO_SMALL'
  /** Every index of the list is in use; the caller must open a new list. */
  | 'LIST_FULL'
  /** `encodedList` is not multibase base64url GZIP. */
  | 'STATUS_LIST_MALFORMED'
  /** `encodedList` inflates (or could only inflate) past the size limit (default 16 MiB). */
  | 'STATUS_LIST_TOO_LARGE'
  /** The status list credential is not a BitstringStatusListCredential we can read. */
  | 'STATUS_LIST_CREDENTIAL_MALFORMED'
  /** The credential's `credentialStatus` entry is not a BitstringStatusListEntry we can read. */
  | 'STATUS_ENTRY_MALFORMED'
  /** The entry names another list (URL) or another purpose than the list credential. */
  | 'STATUS_LIST_MISMATCH'
  /** `statusListIndex` points past the end of the list (§3.2 step "RANGE_ERROR"). */
  | 'STATUS_INDEX_OUT_OF_RANGE'
  /** A well-formed entry whose statusSize is more bits than this reader reads (MAX_STATUS_SIZE). */
  | 'STATUS_SIZE_UNSUPPORTED';

export class StatusError extends Error {
  override readonly name = 'StatusError';
  constructor(
    readonly code: StatusErrorCode,
    message: string,
  ) {
    super(message);
  }
}
