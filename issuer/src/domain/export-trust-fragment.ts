import { CatalogueAchievementSchema } from '@lp/model';
import { computeCatalogueDigest, zTrustFragment } from '@lp/trust';
import type { TrustFragment } from '@lp/trust';
import { IssuerError } from '../errors.ts';
import type { IssuerStore } from '../store/index.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { currentStatusList, statusListUrl } from './sign-status-list.ts';
import { isoSeconds } from './lib/time.ts';

/**
 * The issuer's trust-bundle fragment (packages/trust zTrustFragment, the input of
 * `lp trust build`): profile, keys with their validity windows, the catalogue with its digest, and
 * a signed snapshot of every status list. Lists whose signed copy is stale are re-signed when a
 * signer is given; without one the last signed copy is used.
 */
export async function exportTrustFragment(
  deps: Pick<IssuerDeps, 'clock' | 'baseUrl' | 'documentLoader'> & { store: IssuerStore; signer: IssuerDeps['signer'] | null },
): Promise<TrustFragment> {
  const profile = await deps.store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  const now = isoSeconds(deps.clock());
  const keys = (await deps.store.listKeys()).map((k) => ({
    id: k.kid,
    publicKeyMultibase: k.publicKeyMultibase,
    validFrom: k.validFrom,
    ...(k.validUntil !== null ? { validUntil: k.validUntil } : {}),
    ...(k.revokedAt !== null ? { revokedAt: k.revokedAt } : {}),
  }));
  const achievements = (await deps.store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
  const statusLists = [];
  for (const list of await deps.store.listStatusLists()) {
    let signed;
    try {
      signed = await currentStatusList(deps, list.id);
    } catch (e) {
      if (e instanceof IssuerError && e.code === 'ISSUER_LOCKED') continue;
      throw e;
    }
    statusLists.push({ url: statusListUrl(deps.baseUrl, list.id), purpose: list.purpose, fetchedAt: signed.signedAt, credential: JSON.parse(signed.json) as Record<string, unknown> });
  }
  const fragment = {
    type: 'LearningPassportTrustFragment' as const,
    version: 1 as const,
    exportedAt: now,
    id: profile.id,
    names: profile.names,
    country: profile.country,
    kind: profile.kind ?? 'national-examination-body',
    keys,
    catalogue: { digest: computeCatalogueDigest(achievements), achievements },
    statusLists,
  };
  // Our own output must meet the schema `lp trust build` reads: a bug here fails loudly.
  return zTrustFragment.parse(fragment);
}
