/**
 * The contexts package's one error class. `code` is stable; `url` names the document asked for.
 *
 * - CONTEXT_HASH_MISMATCH: a bundled context's text does not match its pinned SHA-256 (the
 *   bundle was altered; nothing is served).
 * - DOCUMENT_NOT_BUNDLED: the loader was asked for a URL it does not hold. It never fetches.
 * - DID_KEY_INVALID: a did:key DID or DID URL that does not decode to an Ed25519 key, or a
 *   fragment that names no verification method of its DID document.
 */
export type ContextsErrorCode = 'CONTEXT_HASH_MISMATCH' | 'DOCUMENT_NOT_BUNDLED' | 'DID_KEY_INVALID';

export class ContextsError extends Error {
  override readonly name = 'ContextsError';
  constructor(
    readonly code: ContextsErrorCode,
    message: string,
    readonly url?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
