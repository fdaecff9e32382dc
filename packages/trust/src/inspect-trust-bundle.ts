import { base64urlDecode } from '@lp/crypto';
import { fromUtf8 } from './lib/encoding.ts';
import { issuePath } from './lib/parse.ts';
import { MAX_TRUST_BUNDLE_BYTES, type TrustFailure } from './verify-trust-bundle.ts';
import { zTrustBundle, type TrustBundle } from './z-trust-bundle.ts';
import { zFlattenedJws } from './z-trust-jws.ts';

/**
 * Reads a bundle's payload WITHOUT checking its signature, for display (`lp trust show` without
 * `--anchor`) and diagnostics. Nothing read this way may be trusted: use verifyTrustBundle.
 */
export function inspectTrustBundle(input: string | unknown): { ok: true; bundle: TrustBundle; kid: string | undefined } | TrustFailure {
  let value = input;
  if (typeof input === 'string') {
    if (input.length > MAX_TRUST_BUNDLE_BYTES) return { ok: false, code: 'TRUST_BUNDLE_TOO_LARGE', message: 'trust bundle too large' };
    try {
      value = JSON.parse(input);
    } catch {
      return { ok: false, code: 'TRUST_BUNDLE_MALFORMED', message: 'trust bundle is not JSON', path: '$' };
    }
  }
  const jws = zFlattenedJws.safeParse(value);
  if (!jws.success) return { ok: false, code: 'TRUST_BUNDLE_MALFORMED', message: 'not a flattened JWS', path: issuePath(jws.error.issues[0]?.path ?? []) };
  const decode = (b64: string): unknown => {
    const bytes = base64urlDecode(b64);
    if (!bytes) return undefined;
    try {
      return JSON.parse(fromUtf8(bytes)) as unknown;
    } catch {
      return undefined;
    }
  };
  const header = decode(jws.data.protected) as { kid?: unknown } | undefined;
  const b = zTrustBundle.safeParse(decode(jws.data.payload));
  if (!b.success) {
    const i = b.error.issues[0];
    const path = issuePath(i?.path ?? []);
    return { ok: false, code: 'TRUST_BUNDLE_MALFORMED', message: `trust bundle: ${path}: ${i?.message}`, path };
  }
  return { ok: true, bundle: b.data, kid: typeof header?.kid === 'string' ? header.kid : undefined };
}
