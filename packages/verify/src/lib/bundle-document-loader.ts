import { createDocumentLoader, type DocumentLoader } from '@lp/contexts';
import { resolveDidDocument, type VerifiedTrustBundle } from '@lp/trust';

const loaders = new WeakMap<VerifiedTrustBundle, DocumentLoader>();
let bare: DocumentLoader | undefined;

/**
 * The offline JSON-LD loader for a bundle: bundled contexts, did:key from the DID itself, and
 * did:web issuers from the bundle's keys (never fetched). One per bundle, reused.
 */
export function bundleDocumentLoader(bundle: VerifiedTrustBundle | undefined): DocumentLoader {
  if (!bundle) return (bare ??= createDocumentLoader());
  let loader = loaders.get(bundle);
  if (!loader) {
    loader = createDocumentLoader({ resolveDid: (did) => resolveDidDocument(bundle.bundle, did) });
    loaders.set(bundle, loader);
  }
  return loader;
}
