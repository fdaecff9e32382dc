import { verifyTrustBundle, type TrustFailure, type VerifiedTrustBundle, type VerifyTrustBundleOptions } from './verify-trust-bundle.ts';

export type AcceptBundleResult =
  | { ok: true; bundle: VerifiedTrustBundle; replaced: boolean }
  | (TrustFailure & { kept: VerifiedTrustBundle | undefined });

/**
 * The trust store's update rule, without storage (the CLI, verifier and wallet persist the JWS
 * text themselves and re-verify it on load):
 * - only a bundle signed by a pinned anchor is considered;
 * - a lower sequence never replaces the one held (TRUST_SEQUENCE_ROLLBACK: an attacker replaying
 *   an old bundle would resurrect revoked keys);
 * - an equal sequence with different content is refused (TRUST_SEQUENCE_REUSED); equal and
 *   identical is a no-op;
 * - an expired candidate does not replace a held bundle that is still current;
 * - on any refusal the previous bundle stays in use (`kept`).
 *
 * @example
 * const r = await acceptBundle(held, downloadedText, { anchors, now });
 * if (r.ok && r.replaced) await save(JSON.stringify(r.bundle.jws));
 */
export async function acceptBundle(
  current: VerifiedTrustBundle | undefined,
  candidate: string | unknown,
  opts: VerifyTrustBundleOptions,
): Promise<AcceptBundleResult> {
  const v = await verifyTrustBundle(candidate, opts);
  if (!v.ok) return { ...v, kept: current };
  const { ok: _ok, ...next } = v;
  if (current === undefined) return { ok: true, bundle: next, replaced: true };
  const held = current.bundle.sequence;
  const got = next.bundle.sequence;
  if (got < held) {
    return { ok: false, code: 'TRUST_SEQUENCE_ROLLBACK', message: `bundle sequence ${got} is older than the held ${held}`, kept: current };
  }
  if (got === held) {
    // Identical = same signed payload bytes (a re-signature of the same payload changes nothing).
    if (next.jws.payload === current.jws.payload) return { ok: true, bundle: current, replaced: false };
    return { ok: false, code: 'TRUST_SEQUENCE_REUSED', message: `bundle sequence ${got} is already held with different content`, kept: current };
  }
  const currentExpired = opts.now.getTime() >= Date.parse(current.bundle.expires);
  if (next.expired && !currentExpired) {
    return { ok: false, code: 'TRUST_BUNDLE_EXPIRED', message: `bundle ${got} expired at ${next.bundle.expires}`, kept: current };
  }
  return { ok: true, bundle: next, replaced: true };
}
