import { verifyCredentialDi } from '@lp/formats';
import { makeCheck } from './make-check.ts';
import { bundleDocumentLoader } from './bundle-document-loader.ts';
import type { VerifyContext } from '../types.ts';

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
    p = run(list, issuerId, ctx);
    perBundle.set(list, p);
  }
  return p;
}

async function run(list: Record<string, unknown>, issuerId: string, ctx: VerifyContext): Promise<string | undefined> {
  const issuer = typeof list.issuer === 'string' ? list.issuer : (list.issuer as { id?: unknown } | undefined)?.id;
  if (issuer !== issuerId) return 'STATUS_LIST_ISSUER_MISMATCH';
  try {
    const r = await verifyCredentialDi(list, {
      documentLoader: bundleDocumentLoader(ctx.bundle),
      now: ctx.now,
      purpose: 'issuance',
      // A list is not an OB credential: only its proof matters here; its age is the caller's policy.
      profileCheck: () => makeCheck('profile', 'pass', 'NOT_APPLICABLE', 'status list'),
    });
    const sig = r.checks.find((c) => c.id === 'signature');
    if (sig?.status === 'pass') return undefined;
    return sig?.code ?? r.checks.find((c) => c.status === 'fail')?.code ?? 'STATUS_LIST_UNVERIFIED';
  } catch {
    return 'STATUS_LIST_UNVERIFIED';
  }
}
