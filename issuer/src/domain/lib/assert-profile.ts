import { profileViewOf } from '@lp/formats';
import { checkProfile } from '@lp/model';
import { IssuerError } from '../../errors.ts';

/** OB 3.0 / CLR 2.0 / VC 2.0 profile check (@lp/model checkProfile) before anything is signed. */
export function assertProfile(c: Record<string, unknown>, vc1 = false): void {
  // A VC 1.1 credential is checked through its 2.0 view; a path names the 1.1 property sent.
  const check = checkProfile(vc1 ? profileViewOf(c) : c);
  if (check.status !== 'pass') {
    const viewPath = String((check.details as { path?: string } | undefined)?.path ?? '$');
    const path = vc1 ? viewPath.replace(/^\$\.validFrom\b/, '$.issuanceDate').replace(/^\$\.validUntil\b/, '$.expirationDate') : viewPath;
    throw new IssuerError('CREDENTIAL_INVALID', check.message, `$.credential${path.slice(1)}`, { issues: (check.details as { issues?: unknown }).issues });
  }
}
