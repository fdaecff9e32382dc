import { IssuerError } from '../errors.ts';
import type { IssuerStore } from '../store/index.ts';
import { normalizePublicUrl } from './lib/normalize-public-url.ts';
import { isoSeconds } from './lib/time.ts';

export interface ResolvePublicUrlInput {
  /** LP_PUBLIC_URL of this process, if set: it must agree with the stored URL. */
  envUrl?: string | undefined;
  /** Used only for an issuer created before the URL was stored, with no status list signed yet. */
  fallback: string;
  now: Date;
  actor: string;
}

/**
 * The issuer's public base URL, the same in every process (server, `lp issuer …`, bulk): the one
 * stored with the profile. A process whose LP_PUBLIC_URL says otherwise is refused with
 * PUBLIC_URL_MISMATCH rather than signing status lists under a second address (every bundle
 * would then report a mismatched list until the next revocation re-signed it).
 *
 * An issuer created before the URL was stored adopts, once and for good (audited), the URL its
 * issued credentials already name (they are signed and cannot change), else the one its signed
 * status lists carry, else LP_PUBLIC_URL, else `fallback`.
 */
export async function resolvePublicUrl(store: IssuerStore, input: ResolvePublicUrlInput): Promise<string> {
  const env = input.envUrl !== undefined && input.envUrl.trim() !== '' ? normalizePublicUrl(input.envUrl, 'LP_PUBLIC_URL') : undefined;
  const profile = await store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  if (profile.publicUrl !== undefined) {
    if (env !== undefined && env !== profile.publicUrl) throw mismatch(env, profile.publicUrl);
    return profile.publicUrl;
  }
  const fromLists = (await urlOfIssuedCredentials(store)) ?? (await urlOfSignedStatusLists(store));
  if (fromLists !== undefined && env !== undefined && env !== fromLists) throw mismatch(env, fromLists);
  const url = fromLists ?? env ?? normalizePublicUrl(input.fallback);
  return store.transaction(async (tx) => {
    const again = await tx.getProfile();
    if (!again) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
    // Another process may have adopted one meanwhile: the first one stored wins everywhere.
    if (again.publicUrl !== undefined) {
      if (env !== undefined && env !== again.publicUrl) throw mismatch(env, again.publicUrl);
      return again.publicUrl;
    }
    await tx.setProfile({ ...again, publicUrl: url });
    await tx.appendAudit({
      at: isoSeconds(input.now), actor: input.actor, action: 'issuer.public-url', target: again.id,
      details: { publicUrl: url, adoptedFrom: fromLists !== undefined ? 'status-lists' : env !== undefined ? 'LP_PUBLIC_URL' : 'default' },
    });
    return url;
  });
}

function mismatch(env: string, stored: string): IssuerError {
  return new IssuerError('PUBLIC_URL_MISMATCH',
    `LP_PUBLIC_URL is ${env} but this issuer's public URL is ${stored}; unset LP_PUBLIC_URL (the stored URL is used everywhere), or change the issuer's URL with \`lp issuer set-public-url ${env}\``,
    undefined, { stored, env });
}

/** The base of the status-list URL the first credential issued names (`<base>/status/<listId>`). */
async function urlOfIssuedCredentials(store: IssuerStore): Promise<string | undefined> {
  for (const c of await store.listCredentials({ limit: 10 })) {
    const entries = (JSON.parse(c.record) as { credentialStatus?: unknown }).credentialStatus;
    for (const e of Array.isArray(entries) ? entries : [entries]) {
      const url = (e as { statusListCredential?: unknown } | undefined)?.statusListCredential;
      const m = typeof url === 'string' ? /^(.*)\/status\/[A-Za-z0-9_-]+$/.exec(url) : null;
      if (m) return normalizePublicUrl(m[1]!);
    }
  }
  return undefined;
}

/** The base of the URL a signed status list names itself by (`<base>/status/<listId>`). */
async function urlOfSignedStatusLists(store: IssuerStore): Promise<string | undefined> {
  for (const summary of await store.listStatusLists()) {
    const list = await store.getStatusList(summary.id);
    if (!list?.signed) continue;
    const id = (JSON.parse(list.signed.json) as { id?: unknown }).id;
    const suffix = `/status/${summary.id}`;
    if (typeof id === 'string' && id.endsWith(suffix)) return normalizePublicUrl(id.slice(0, -suffix.length));
  }
  return undefined;
}
