import { signCredentialDi } from '@lp/formats';
import { buildStatusListCredential, encodeList } from '@lp/status';
import type { IssuerStoreOps, SignedStatusList } from '../store/index.ts';
import { IssuerError } from '../errors.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { isoSeconds } from './lib/time.ts';

/** The URL a status list is served at, which is also its credential id (Bitstring Status List §2.2). */
export function statusListUrl(baseUrl: string, listId: string): string {
  return `${baseUrl}/status/${listId}`;
}

/**
 * Signs the current bits of a status list as a BitstringStatusListCredential (eddsa-rdfc-2022,
 * like credentials) and caches it with the list version it was made from. Call it in the same
 * transaction as the bit change so that the answer is never older than the change.
 */
export async function signStatusList(
  deps: Pick<IssuerDeps, 'signer' | 'clock' | 'baseUrl' | 'documentLoader'>,
  tx: IssuerStoreOps,
  listId: string,
  /** The list's URL as credentials name it (statusListCredential); default under deps.baseUrl. */
  url?: string,
): Promise<SignedStatusList> {
  const list = await tx.getStatusList(listId);
  if (!list) throw new IssuerError('NOT_FOUND', `no status list ${listId}`);
  const now = deps.clock();
  const unsigned = buildStatusListCredential({
    id: url ?? statusListUrl(deps.baseUrl, listId),
    issuer: deps.signer.issuerId,
    purpose: list.purpose,
    encodedList: encodeList(list.bits),
    validFrom: isoSeconds(now),
  });
  const signed = await signCredentialDi(unsigned, {
    keyPair: deps.signer.keyPair, verificationMethod: deps.signer.kid, created: now, documentLoader: deps.documentLoader,
  });
  const result: SignedStatusList = { json: JSON.stringify(signed), version: list.version, signedAt: isoSeconds(now) };
  await tx.setSignedStatusList(listId, result);
  return result;
}

/**
 * The signed list as served: the cached copy when it is current, else a fresh signature (cached).
 * Without a signer (a locked server) a stale cached copy is served rather than none; with no copy
 * at all, ISSUER_LOCKED.
 */
export async function currentStatusList(
  deps: Pick<IssuerDeps, 'store' | 'clock' | 'baseUrl' | 'documentLoader'> & { signer: IssuerDeps['signer'] | null },
  listId: string,
): Promise<SignedStatusList> {
  const list = await deps.store.getStatusList(listId);
  if (!list) throw new IssuerError('NOT_FOUND', `no status list ${listId}`);
  // A copy signed under another public URL (before the URL was stored, or before
  // set-public-url) is stale too: its id must be the URL credentials name.
  const url = statusListUrl(deps.baseUrl, listId);
  const current = (s: SignedStatusList | null | undefined): s is SignedStatusList =>
    !!s && s.version === list.version && (JSON.parse(s.json) as { id?: unknown }).id === url;
  if (current(list.signed)) return list.signed;
  const signer = deps.signer;
  if (!signer) {
    if (list.signed) return list.signed;
    throw new IssuerError('ISSUER_LOCKED', 'the issuer key is locked (no LP_PASSPHRASE): cannot sign the status list');
  }
  return deps.store.transaction(async (tx) => {
    const again = await tx.getStatusList(listId);
    if (again?.signed && again.signed.version === again.version && (JSON.parse(again.signed.json) as { id?: unknown }).id === url) return again.signed;
    return signStatusList({ ...deps, signer }, tx, listId);
  });
}
