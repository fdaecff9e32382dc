import type { Check } from '@lp/model';
import { makeCheck } from './make-check.ts';

/**
 * VC 2.0 §4.8 (and VC 1.1 §4.4): `credentialSubject` is one or more objects. An empty list names
 * no subject at all, so it is a malformed credential — a `parse` failure that counts whatever
 * checks the caller asks for (a profile failure would be dropped by `checks: ['proof']`).
 * Shared by the Data Integrity and vc+jwt paths so both forms get the same answer.
 */
export function subjectCheck(credential: Record<string, unknown>): Check | undefined {
  const s = credential.credentialSubject;
  const list = Array.isArray(s) ? s : [s];
  if (s === undefined || list.length === 0) {
    return makeCheck('parse', 'fail', 'CREDENTIAL_SUBJECT_MISSING', Array.isArray(s)
      ? 'credentialSubject is an empty list: a credential makes claims about at least one subject'
      : 'the credential has no credentialSubject');
  }
  const bad = list.findIndex((x) => typeof x !== 'object' || x === null || Array.isArray(x));
  if (bad >= 0) {
    return makeCheck('parse', 'fail', 'CREDENTIAL_SUBJECT_MISSING', `credentialSubject${Array.isArray(s) ? `[${bad}]` : ''} is not an object`, { index: bad });
  }
  return undefined;
}
