import type { VerifyContext } from '../types.ts';

/**
 * Data Integrity (JSON-LD, the pinned contexts) by import(): in the pages it is a chunk of its own,
 * fetched when a status list is first checked, not with the code that shows the page (a third of
 * it, most of the first load's time at 50 KB/s). Node loads it once, at the first call.
 */
const loadProofCheck = () => import('./check-status-list-proof.ts');

const NO_BUNDLE = {};
const verified = new WeakMap<object, WeakMap<object, Promise<string | undefined>>>();

/**
 * Verifies a BitstringStatusListCredential's Data Integrity proof with the issuer's key from the
 * bundle (VC Bitstring Status List §3.2: "verify the status list credential"), and that the list
 * is the credential issuer's own. Returns undefined when it verifies, else a failure code.
 * Memoised per bundle and list object: a snapshot is checked once, not once per credential.
 */
export function verifyStatusList(list: Record<string, unknown>, issuerId: string, ctx: VerifyContext): Promise<string | undefined> {
  const scope = (ctx.bundle as object | undefined) ?? NO_BUNDLE;
  let perBundle = verified.get(scope);
  if (!perBundle) verified.set(scope, (perBundle = new WeakMap()));
  let p = perBundle.get(list);
  if (!p) {
    const forget = () => perBundle!.delete(list);
    p = run(list, issuerId, ctx, forget);
    perBundle.set(list, p);
  }
  return p;
}

async function run(list: Record<string, unknown>, issuerId: string, ctx: VerifyContext, forget: () => void): Promise<string | undefined> {
  const issuer = typeof list.issuer === 'string' ? list.issuer : (list.issuer as { id?: unknown } | undefined)?.id;
  if (issuer !== issuerId) return 'STATUS_LIST_ISSUER_MISMATCH';
  let checkStatusListProof;
  try {
    ({ checkStatusListProof } = await loadProofCheck());
  } catch {
    // A page offline before its service worker held that chunk: the list could not be checked
    // (the status check is then unknown), and is checked again on the next attempt, not remembered.
    forget();
    return 'STATUS_LIST_UNVERIFIED';
  }
  try {
    return await checkStatusListProof(list, ctx);
  } catch {
    return 'STATUS_LIST_UNVERIFIED';
  }
}
