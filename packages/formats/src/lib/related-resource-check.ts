import { checkRelatedResources } from '@lp/contexts';
import type { Check } from '@lp/model';
import { makeCheck } from './make-check.ts';

/**
 * VC 2.0 §5.3: a related resource whose digest does not match MUST produce an error. Only the
 * resources we hold (bundled contexts) are compared; nothing is fetched. Returns the failing
 * `parse` check, or the ids left unchecked for the passing one's details. Shared by the Data
 * Integrity and vc+jwt paths so that both forms of one credential get the same answer.
 */
export function relatedResourceCheck(credential: Record<string, unknown>): { fail: Check } | { notChecked: string[] } {
  const related = checkRelatedResources(credential.relatedResource).resources;
  const mismatch = related.find((r) => r.outcome === 'mismatch');
  if (mismatch) {
    return { fail: makeCheck('parse', 'fail', 'RELATED_RESOURCE_DIGEST_MISMATCH', `the digest given for the related resource ${mismatch.id} does not match it`, { id: mismatch.id }) };
  }
  return { notChecked: related.filter((r) => r.outcome !== 'match').map((r) => r.id) };
}
