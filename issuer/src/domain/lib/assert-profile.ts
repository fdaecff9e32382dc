import { checkProfile } from '@lp/model';
import { IssuerError } from '../../errors.ts';

/** OB 3.0 / CLR 2.0 / VC 2.0 profile check (@lp/model checkProfile) before anything is signed. */
export function assertProfile(c: Record<string, unknown>): void {
  const check = checkProfile(c);
  if (check.status !== 'pass') {
    const path = String((check.details as { path?: string } | undefined)?.path ?? '$');
    throw new IssuerError('CREDENTIAL_INVALID', check.message, `$.credential${path.slice(1)}`, { issues: (check.details as { issues?: unknown }).issues });
  }
}
