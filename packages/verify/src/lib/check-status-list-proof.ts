import { verifyCredentialDi } from '@lp/formats';
import { makeCheck } from './make-check.ts';
import { bundleDocumentLoader } from './bundle-document-loader.ts';
import type { VerifyContext } from '../types.ts';

/**
 * The Data Integrity proof of a status list credential, with the keys and contexts of the bundle:
 * undefined when it verifies, else a failure code. Its own module, loaded by import() from
 * verify-status-list.ts: in the pages JSON-LD and Data Integrity are then a chunk of their own.
 */
export async function checkStatusListProof(list: Record<string, unknown>, ctx: VerifyContext): Promise<string | undefined> {
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
}
