import { IssuerError } from '../errors.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { normalizePublicUrl } from './lib/normalize-public-url.ts';
import { isoSeconds } from './lib/time.ts';
import { signStatusList, statusListUrl } from './sign-status-list.ts';

export interface SetPublicUrlResult {
  previous: string | null;
  publicUrl: string;
  /** Status lists re-signed under the new URL (their credential id is their URL). */
  statusListsResigned: number;
  /**
   * Credentials already issued: their status entries, achievement ids and pick-up links name the
   * previous URL and cannot change (they are signed). Their status is found only while the
   * previous URL keeps serving `/status/…` (e.g. a redirect), or after re-issuing them.
   */
  credentialsUnderPrevious: number;
  changed: boolean;
}

/**
 * Changes the issuer's public URL for every process: stores it, re-signs every status list under
 * the new URL, and audits the change, in one transaction. Says what it cannot change: credentials
 * already signed keep naming the previous URL.
 */
export async function setPublicUrl(deps: Pick<IssuerDeps, 'store' | 'signer' | 'clock' | 'documentLoader'>, input: { url: string; actor: string }): Promise<SetPublicUrlResult> {
  const url = normalizePublicUrl(input.url);
  return deps.store.transaction(async (tx) => {
    const profile = await tx.getProfile();
    if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
    const previous = profile.publicUrl ?? null;
    const lists = await tx.listStatusLists();
    const credentialsUnderPrevious = previous === url ? 0 : await tx.countCredentials();
    if (previous === url) return { previous, publicUrl: url, statusListsResigned: 0, credentialsUnderPrevious, changed: false };
    await tx.setProfile({ ...profile, publicUrl: url });
    for (const list of lists) await signStatusList({ ...deps, baseUrl: url }, tx, list.id, statusListUrl(url, list.id));
    await tx.appendAudit({
      at: isoSeconds(deps.clock()), actor: input.actor, action: 'issuer.public-url', target: profile.id,
      details: { previous, publicUrl: url, statusListsResigned: lists.length, credentialsUnderPrevious },
    });
    return { previous, publicUrl: url, statusListsResigned: lists.length, credentialsUnderPrevious, changed: true };
  });
}
