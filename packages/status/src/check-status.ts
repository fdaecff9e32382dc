import { StatusError } from './errors.ts';
import { decodeList } from './decode-list.ts';
import type { DecodeListOptions } from './decode-list.ts';
import { getBit } from './bitstring.ts';
import { cachedList, rememberList } from './lib/decoded-list-cache.ts';
import type { StatusPurpose } from './status-purpose.ts';
import { zStatusEntry, zStatusListCredential } from './z-status.ts';

export interface CheckStatusResult {
  /** `set` means revoked (or suspended) for `purpose`. */
  status: 'set' | 'clear';
  purpose: StatusPurpose;
  index: number;
  listUrl: string;
}

/**
 * Reads the entry's bit in a list credential whose proof the caller already verified (VC Bitstring
 * Status List §3.2 "Validate Algorithm", steps after "verify the status list credential"). Both
 * arguments are untrusted JSON and are parsed here. Freshness (`validUntil`, fetch age) is the
 * verifier's policy, not decided here.
 *
 * @throws StatusError `STATUS_ENTRY_MALFORMED` | `STATUS_LIST_CREDENTIAL_MALFORMED` | `STATUS_LIST_TOO_LARGE` |
 *   `STATUS_LIST_MISMATCH` | `STATUS_LIST_MALFORMED` | `LIST_TOO_SMALL` | `STATUS_INDEX_OUT_OF_RANGE`
 */
export function checkStatus(entry: unknown, listCredential: unknown, options: DecodeListOptions = {}): CheckStatusResult {
  const e = zStatusEntry.safeParse(entry);
  if (!e.success) throw new StatusError('STATUS_ENTRY_MALFORMED', `credentialStatus is not a BitstringStatusListEntry: ${e.error.issues[0]?.message ?? ''}`);
  const l = zStatusListCredential.safeParse(listCredential);
  if (!l.success) throw new StatusError('STATUS_LIST_CREDENTIAL_MALFORMED', `not a BitstringStatusListCredential: ${l.error.issues[0]?.message ?? ''}`);
  const { statusPurpose, statusListCredential, statusListIndex } = e.data;
  const list = l.data;
  if (list.id !== statusListCredential) {
    throw new StatusError('STATUS_LIST_MISMATCH', `entry points to ${statusListCredential}, list credential is ${list.id}`);
  }
  // §3.2: "the statusPurpose value SHOULD match the statusPurpose value in the listCredential".
  if (list.credentialSubject.statusPurpose !== statusPurpose) {
    throw new StatusError('STATUS_LIST_MISMATCH', `entry purpose ${statusPurpose} differs from list purpose ${list.credentialSubject.statusPurpose}`);
  }
  const bits = readList(list.credentialSubject.encodedList, options);
  const index = Number(statusListIndex);
  if (index >= bits.length * 8) {
    throw new StatusError('STATUS_INDEX_OUT_OF_RANGE', `status index ${index} is past the end of a ${bits.length * 8}-entry list`);
  }
  return { status: getBit(bits, index) ? 'set' : 'clear', purpose: statusPurpose, index, listUrl: list.id };
}

/** decodeList, remembered for the default limits (what a verifier uses); errors are never cached. */
function readList(encoded: string, options: DecodeListOptions): Uint8Array {
  const defaults = options.maxBytes === undefined && !options.allowShortList;
  const hit = defaults ? cachedList(encoded) : undefined;
  if (hit) return hit;
  const bits = decodeList(encoded, options);
  if (defaults) rememberList(encoded, bits);
  return bits;
}
