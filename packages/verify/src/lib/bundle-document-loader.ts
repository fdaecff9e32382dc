import { createDocumentLoader, type DocumentLoader } from '@lp/contexts';
import { resolveDidDocument, type VerifiedTrustBundle } from '@lp/trust';

const loaders = new WeakMap<VerifiedTrustBundle, Map<string, DocumentLoader>>();
let bare: DocumentLoader | undefined;

/**
 * The offline JSON-LD loader for a bundle: bundled contexts, the verification methods and
 * controller documents the bundle lists (did:web, https and urn issuers, a did:key attributed to
 * one), and did:key from the DID itself; never fetched. `issuer` (the credential's) is searched
 * first, so a method the anchor listed for that issuer resolves with it as controller. One per
 * bundle and issuer, reused.
 */
export function bundleDocumentLoader(bundle: VerifiedTrustBundle | undefined, issuer = ''): DocumentLoader {
  if (!bundle) return (bare ??= createDocumentLoader());
  let byIssuer = loaders.get(bundle);
  if (!byIssuer) loaders.set(bundle, (byIssuer = new Map()));
  let loader = byIssuer.get(issuer);
  if (!loader) {
    const prefer = issuer === '' ? undefined : issuer;
    loader = createDocumentLoader({
      resolve: (url) => resolveDidDocument(bundle.bundle, url, prefer),
      resolveDid: (did) => resolveDidDocument(bundle.bundle, did, prefer),
    });
    // Bounded: one entry per issuer the bundle could name, plus unlisted ones seen.
    if (byIssuer.size < 1024) byIssuer.set(issuer, loader);
  }
  return loader;
}
