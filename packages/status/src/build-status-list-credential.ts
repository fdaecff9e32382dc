import type { StatusPurpose } from './status-purpose.ts';

export interface BuildStatusListCredentialInput {
  /** The URL the list is served at (`GET /status/{listId}`); also `statusListCredential` of entries. */
  id: string;
  /** Issuer DID. */
  issuer: string;
  purpose: StatusPurpose;
  /** From `encodeList`. */
  encodedList: string;
  validFrom: string;
  validUntil?: string;
}

export interface UnsignedStatusListCredential {
  '@context': ['https://www.w3.org/ns/credentials/v2'];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  validUntil?: string;
  credentialSubject: {
    id: string;
    type: 'BitstringStatusList';
    statusPurpose: StatusPurpose;
    encodedList: string;
  };
}

/**
 * The unsigned BitstringStatusListCredential (VC Bitstring Status List §2.2, example 2). The VC 2.0
 * context alone defines every term used here, so no extra context is needed to sign it.
 */
export function buildStatusListCredential(input: BuildStatusListCredentialInput): UnsignedStatusListCredential {
  const vc: UnsignedStatusListCredential = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: input.id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: input.issuer,
    validFrom: input.validFrom,
    credentialSubject: {
      id: `${input.id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: input.purpose,
      encodedList: input.encodedList,
    },
  };
  if (input.validUntil !== undefined) vc.validUntil = input.validUntil;
  return vc;
}
