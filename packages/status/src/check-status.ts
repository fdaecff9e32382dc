import { StatusError } from './errors.ts';
import { decodeList } from './decode-list.ts';
import type { DecodeListOptions } from './decode-list.ts';
import { getBit } from './bitstring.ts';
import { cachedList, rememberList } from './lib/decoded-list-cache.ts';
import type { ReadableStatusPurpose } from './status-purpose.ts';
import { zStatusEntry, zStatusListCredential } from './z-status.ts';

export interface CheckStatusResult {
  /** `set` means revoked (or suspended) for `purpose`: the entry's value is not 0. */
  status: 'set' | 'clear';
  purpose: ReadableStatusPurpose;
  index: number;
  listUrl: string;
  /** Bits per entry (§2.1 statusSize; 1 when absent). */
  size: number;
  /** The entry's value, `size` bits read most significant first. */
  value: number;
  /** The statusMessage text for that value, when the entry carries statusMessage. */
  message?: string;
}

/** The most bits per entry read here: 2^8 status messages is far past any published use. */
export const MAX_STATUS_SIZE = 8;

/**
 * Reads the entry's value in a list credential whose proof the caller already verified (VC Bitstring
 * Status List §3.2 "Validate Algorithm", steps after "verify the status list credential"). Both
 * arguments are untrusted JSON and are parsed here. An entry of statusSize n > 1 is n bits at
 * position statusListIndex × n; it must carry statusMessage with one message per possible value
 * (2^n, §2.1), and the message for the value read is returned. Freshness (`validUntil`, fetch
 * age) is the verifier's policy, not decided here.
 *
 * @throws StatusError `STATUS_ENTRY_MALFORMED` | `STATUS_SIZE_UNSUPPORTED` | `STATUS_LIST_CREDENTIAL_MALFORMED` |
 *   `STATUS_LIST_TOO_LARGE` | `STATUS_LIST_MISMATCH` | `STATUS_LIST_MALFORMED` | `LIST_TOO_SMALL` | `STATUS_INDEX_OUT_OF_RANGE`
 */
export function checkStatus(entry: unknown, listCredential: unknown, options: DecodeListOptions = {}): CheckStatusResult {
  const e = zStatusEntry.safeParse(entry);
  if (!e.success) {
    const issue = e.error.issues[0];
    throw new StatusError('STATUS_ENTRY_MALFORMED', `credentialStatus is not a BitstringStatusListEntry: ${issue?.path.length ? `${issue.path.join('.')}: ` : ''}${issue?.message ?? ''}`);
  }
  const size = e.data.statusSize ?? 1;
  const messages = readMessages(e.data.statusMessage, size);
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
  if ((index + 1) * size > bits.length * 8) {
    throw new StatusError('STATUS_INDEX_OUT_OF_RANGE', `status index ${index} is past the end of a ${Math.floor((bits.length * 8) / size)}-entry list (${size} bit${size > 1 ? 's' : ''} per entry)`);
  }
  let value = 0;
  for (let b = 0; b < size; b++) value = (value << 1) | (getBit(bits, index * size + b) ? 1 : 0);
  const message = messages?.get(value);
  return {
    status: value !== 0 ? 'set' : 'clear', purpose: statusPurpose, index, listUrl: list.id, size, value,
    ...(message !== undefined ? { message } : {}),
  };
}

/**
 * §2.1: statusMessage "MUST be present if statusSize is greater than 1", and holds "the number of
 * possible status messages indicated by statusSize" — 2^statusSize, one per value, each value once.
 */
function readMessages(list: { status: string; message: string }[] | undefined, size: number): Map<number, string> | undefined {
  if (size > MAX_STATUS_SIZE) throw new StatusError('STATUS_SIZE_UNSUPPORTED', `statusSize ${size} is more than the ${MAX_STATUS_SIZE} bits per entry read here`);
  if (list === undefined) {
    if (size > 1) throw new StatusError('STATUS_ENTRY_MALFORMED', `statusSize ${size} needs statusMessage (one message for each of its ${2 ** size} values)`);
    return undefined;
  }
  if (list.length !== 2 ** size) {
    throw new StatusError('STATUS_ENTRY_MALFORMED', `statusMessage has ${list.length} messages; statusSize ${size} has ${2 ** size} possible values`);
  }
  const byValue = new Map<number, string>();
  for (const m of list) {
    const v = Number.parseInt(m.status.slice(2), 16);
    if (v >= 2 ** size) throw new StatusError('STATUS_ENTRY_MALFORMED', `statusMessage names status ${m.status}, past the largest ${size}-bit value`);
    if (byValue.has(v)) throw new StatusError('STATUS_ENTRY_MALFORMED', `statusMessage names status ${m.status} twice`);
    byValue.set(v, m.message);
  }
  return byValue;
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
