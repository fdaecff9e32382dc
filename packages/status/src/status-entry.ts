import type { StatusPurpose } from './status-purpose.ts';

export interface StatusEntryInput {
  /** URL of the BitstringStatusListCredential. */
  listUrl: string;
  index: number;
  purpose: StatusPurpose;
}

export interface BitstringStatusListEntry {
  id: string;
  type: 'BitstringStatusListEntry';
  statusPurpose: StatusPurpose;
  statusListIndex: string;
  statusListCredential: string;
}

/** The `credentialStatus` entry of an issued credential (VC Bitstring Status List §2.1, example 1). */
export function statusEntry(input: StatusEntryInput): BitstringStatusListEntry {
  if (!Number.isSafeInteger(input.index) || input.index < 0) throw new TypeError(`status index must be a non-negative integer, got ${input.index}`);
  return {
    id: `${input.listUrl}#${input.index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: input.purpose,
    // §2.1: statusListIndex is a string so that JSON number precision never matters.
    statusListIndex: String(input.index),
    statusListCredential: input.listUrl,
  };
}
