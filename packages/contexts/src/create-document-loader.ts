import { didKeyDocument } from '@lp/crypto';
import { ContextsError } from './errors.ts';
import { loadBundledContext } from './load-bundled-context.ts';

/** What a JSON-LD document loader returns (jsonld.js `RemoteDocument`). */
export interface LoadedDocument {
  contextUrl: null;
  documentUrl: string;
  document: object;
}

export type DocumentLoader = (url: string) => Promise<LoadedDocument>;

export interface DocumentLoaderOptions {
  /** Extra documents served as they are (e.g. a did:web document taken from a trust bundle). */
  documents?: Record<string, object>;
  /** Resolves DIDs other than did:key (e.g. from a trust bundle); undefined = not known. */
  resolveDid?: (did: string) => object | undefined;
  /**
   * Resolves any other URL first, before did:key is decoded from the DID itself: verification
   * methods and controller documents a trust bundle lists for issuers named by https or urn ids,
   * or a did:key it attributes to such an issuer. The document is served as returned.
   */
  resolve?: (url: string) => object | undefined;
}

const MULTIKEY_CONTEXT = 'https://w3id.org/security/multikey/v1';

/**
 * An offline JSON-LD document loader: it serves the bundled, hash-pinned contexts, did:key DIDs and
 * DID URLs, and the injected documents, and throws DOCUMENT_NOT_BUNDLED for anything else. It
 * never fetches (DESIGN.md, "Nothing is fetched while verifying").
 *
 * For a DID URL with a fragment (`did:key:z…#z…`) it returns the verification method itself with
 * an `@context`, which is what @digitalbazaar/data-integrity's getVerificationMethod expects.
 *
 * @example
 *   const documentLoader = createDocumentLoader();
 *   await vc.verifyCredential({ credential, suite, documentLoader });
 */
export function createDocumentLoader(opts: DocumentLoaderOptions = {}): DocumentLoader {
  const documents = opts.documents ?? {};
  return async (url: string): Promise<LoadedDocument> => {
    if (typeof url !== 'string') throw new ContextsError('DOCUMENT_NOT_BUNDLED', 'document URL is not a string');
    const bundled = loadBundledContext(url);
    if (bundled) return { contextUrl: null, documentUrl: url, document: bundled };
    if (Object.hasOwn(documents, url)) return { contextUrl: null, documentUrl: url, document: structuredClone(documents[url]!) };
    const resolved = opts.resolve?.(url);
    if (resolved) return { contextUrl: null, documentUrl: url, document: structuredClone(resolved) };
    if (url.startsWith('did:')) {
      const hash = url.indexOf('#');
      const did = hash === -1 ? url : url.slice(0, hash);
      const doc = resolveDid(did, opts.resolveDid);
      if (doc) {
        const document = hash === -1 ? doc : verificationMethodOf(doc, url);
        return { contextUrl: null, documentUrl: url, document };
      }
    }
    throw new ContextsError('DOCUMENT_NOT_BUNDLED', `document not bundled (nothing is fetched): ${url}`, url);
  };
}

function resolveDid(did: string, resolve: DocumentLoaderOptions['resolveDid']): Record<string, unknown> | undefined {
  if (did.startsWith('did:key:')) {
    try {
      return didKeyDocument(did) as unknown as Record<string, unknown>;
    } catch (err) {
      throw new ContextsError('DID_KEY_INVALID', `not an Ed25519 did:key: ${did}`, did, { cause: err });
    }
  }
  const doc = resolve?.(did);
  return doc ? (structuredClone(doc) as Record<string, unknown>) : undefined;
}

function verificationMethodOf(doc: Record<string, unknown>, url: string): object {
  const methods = Array.isArray(doc.verificationMethod) ? (doc.verificationMethod as unknown[]) : [];
  const fragment = url.slice(url.indexOf('#'));
  const vm = methods.find((m): m is Record<string, unknown> => {
    const id = (m as { id?: unknown })?.id;
    return typeof id === 'string' && (id === url || id === fragment);
  });
  if (!vm) throw new ContextsError('DID_KEY_INVALID', `no verification method ${url} in its DID document`, url);
  return { '@context': vm['@context'] ?? MULTIKEY_CONTEXT, ...vm, id: url, controller: vm.controller ?? doc.id };
}
