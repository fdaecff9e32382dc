/**
 * Maps what @digitalbazaar/vc, jsonld-signatures and jsonld.js report into our stable codes. Their
 * errors nest (VerificationError.errors, JsonLdError.details.cause, Error.cause), so the whole
 * tree is searched.
 */
export interface ClassifiedError {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

function* walk(err: unknown, depth = 0): Generator<Record<string, unknown>> {
  if (!err || typeof err !== 'object' || depth > 8) return;
  const e = err as Record<string, unknown>;
  yield e;
  if (Array.isArray(e.errors)) for (const x of e.errors) yield* walk(x, depth + 1);
  if (e.cause) yield* walk(e.cause, depth + 1);
  const details = e.details as Record<string, unknown> | undefined;
  if (details?.cause) yield* walk(details.cause, depth + 1);
}

export function classifyError(err: unknown): ClassifiedError {
  for (const e of walk(err)) {
    if (e.name === 'ContextsError' && e.code === 'DOCUMENT_NOT_BUNDLED') {
      return { code: 'CONTEXT_NOT_BUNDLED', message: `a document it needs is not bundled (nothing is fetched): ${String(e.url)}`, details: { url: e.url } };
    }
    if (e.name === 'ContextsError' && e.code === 'DID_KEY_INVALID') {
      return { code: 'VERIFICATION_METHOD_NOT_ED25519', message: `the verification method is not an Ed25519 key: ${String(e.url)}` };
    }
  }
  for (const e of walk(err)) {
    const details = e.details as { event?: { code?: string; details?: Record<string, unknown> } } | undefined;
    if (e.name === 'jsonld.ValidationError' || details?.event?.code) {
      const property = details?.event?.details?.property;
      return {
        code: 'JSONLD_SAFE_MODE',
        message: property ? `property "${String(property)}" is not defined by any @context (JSON-LD safe mode)` : `JSON-LD safe mode: ${String(details?.event?.code ?? e.message)}`,
        details: { event: details?.event?.code, property },
      };
    }
  }
  for (const e of walk(err)) {
    const msg = String(e.message ?? '');
    if (msg.includes('issuer must match the verification method controller')) {
      return { code: 'ISSUER_KEY_MISMATCH', message: 'the proof was made with a key that the credential issuer does not control' };
    }
    if (msg.includes('not authorized by controller for proof purpose')) {
      return { code: 'VERIFICATION_METHOD_NOT_AUTHORIZED', message: 'the key is not an assertionMethod of its controller' };
    }
    if (msg.includes('is not an Ed25519 Multikey') || msg.includes('Multikey')) {
      return { code: 'VERIFICATION_METHOD_NOT_ED25519', message: msg };
    }
    if (msg === 'Invalid signature.') {
      return { code: 'SIGNATURE_INVALID', message: 'the signature does not match the credential' };
    }
  }
  const top = err as { message?: unknown };
  return { code: 'SIGNATURE_INVALID', message: `the proof did not verify: ${String(top?.message ?? err)}` };
}
