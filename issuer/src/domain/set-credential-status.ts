import { IssuerError } from '../errors.ts';
import { StoreError } from '../store/index.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { signStatusList } from './sign-status-list.ts';
import { isoSeconds } from './lib/time.ts';

export type StatusAction = 'revoke' | 'suspend' | 'reinstate';

export interface SetCredentialStatusResult {
  credentialId: string;
  action: StatusAction;
  /** False when the credential already had that status (nothing re-signed). */
  changed: boolean;
  revoked: boolean;
  suspended: boolean;
  /** The list whose bit moved. */
  listId: string;
  index: number;
}

/**
 * Revokes (permanent), suspends or reinstates (clears a suspension) a credential. The bit change,
 * the re-signed list and the audit entry commit together, durable before this resolves
 * (Bitstring Status List §2.1; DESIGN.md "revocation is durable before the API answers").
 * NOT_FOUND for an unknown credential; CREDENTIAL_REVOKED (409) for suspending or reinstating a
 * revoked one.
 */
export async function setCredentialStatus(
  deps: IssuerDeps,
  input: { credentialId: string; action: StatusAction; reason?: string; actor: string },
): Promise<SetCredentialStatusResult> {
  const at = isoSeconds(deps.clock());
  const purpose = input.action === 'revoke' ? 'revocation' : 'suspension';
  try {
    return await deps.store.transaction(async (tx) => {
      const cred = await tx.getCredential(input.credentialId);
      if (!cred) throw new IssuerError('NOT_FOUND', `no credential ${input.credentialId}`);
      if (cred.revoked && input.action !== 'revoke') {
        throw new IssuerError('CREDENTIAL_REVOKED', `credential ${input.credentialId} is revoked; revocation is permanent`);
      }
      const r = await tx.setStatus(input.credentialId, purpose, input.action !== 'reinstate');
      // The list keeps the URL the credential was issued with, whatever base URL this process has.
      if (r.changed) await signStatusList(deps, tx, r.listId, listUrlOf(cred.record, purpose));
      await tx.appendAudit({
        at, actor: input.actor, action: `credential.${input.action}`, target: input.credentialId,
        details: { reason: input.reason ?? null, listId: r.listId, index: r.index, changed: r.changed, listVersion: r.version },
      });
      const revoked = input.action === 'revoke' ? true : cred.revoked;
      const suspended = input.action === 'suspend' ? true : input.action === 'reinstate' ? false : cred.suspended;
      return { credentialId: input.credentialId, action: input.action, changed: r.changed, revoked, suspended, listId: r.listId, index: r.index };
    });
  } catch (e) {
    if (e instanceof StoreError && e.code === 'NOT_FOUND') throw new IssuerError('NOT_FOUND', e.message);
    if (e instanceof StoreError && e.code === 'REVOCATION_IRREVERSIBLE') throw new IssuerError('CREDENTIAL_REVOKED', e.message);
    throw e;
  }
}

function listUrlOf(record: string, purpose: string): string | undefined {
  try {
    const entries = (JSON.parse(record) as { credentialStatus?: unknown }).credentialStatus;
    const list = Array.isArray(entries) ? entries : [entries];
    const hit = list.find((e) => (e as { statusPurpose?: unknown })?.statusPurpose === purpose) as { statusListCredential?: unknown } | undefined;
    return typeof hit?.statusListCredential === 'string' ? hit.statusListCredential : undefined;
  } catch {
    return undefined;
  }
}
