import { decodeSeal } from '@lp/formats';
import { verifyAny, type VerificationResult, type VerifyContext } from '@lp/verify';
import type { StoredCredential, Vault } from './vault.ts';
import { WalletError } from './wallet-error.ts';

/** What arrived: the full record text exactly as received, the seal text, or both (a pick-up). */
export interface ImportInput {
  fullRecord?: string;
  seal?: string;
  source: StoredCredential['source'];
}

export interface ImportOutcome {
  credential: StoredCredential;
  result: VerificationResult;
  /** 'added' (new id), 'updated' (same id: merged, still one credential), or 'refused' (INVALID). */
  outcome: 'added' | 'updated' | 'refused';
}

/**
 * Verifies what arrived against the wallet's trust bundle (the one pipeline, @lp/verify) and keeps
 * it with its result. INVALID is refused unless `keepInvalid` (then kept, shown as INVALID). The
 * same credential id twice is one credential: a seal and its full record merge into one entry.
 * The full record is stored as the exact text received, so exports and presentations carry the
 * issuer's bytes. Nothing is written when the credential is refused.
 */
export async function importCredential(vault: Vault, input: ImportInput, ctx: VerifyContext, opts: { keepInvalid?: boolean } = {}): Promise<ImportOutcome> {
  if (input.fullRecord === undefined && input.seal === undefined) throw new WalletError('INPUT_UNRECOGNISED', 'nothing to import');
  // The full record is what the wallet presents, so its verdict is the one kept when both came.
  const primary = input.fullRecord ?? input.seal!;
  const result = await verifyAny(primary, ctx);
  let sealResult: VerificationResult | undefined;
  if (input.fullRecord !== undefined && input.seal !== undefined) sealResult = await verifyAny(input.seal, ctx);

  const id = credentialIdOf(input, result);
  if (id === undefined) {
    throw new WalletError('INPUT_UNRECOGNISED', `not a credential this wallet can read (${result.checks.find((c) => c.status === 'fail')?.code ?? 'no id'})`);
  }
  const verdict = sealResult && sealResult.verdict === 'INVALID' ? 'INVALID' : result.verdict;
  const checks = sealResult && sealResult.verdict === 'INVALID' ? [...result.checks, ...sealResult.checks.filter((c) => c.status === 'fail').map((c) => ({ ...c, message: `seal: ${c.message}` }))] : result.checks;
  const entry: StoredCredential = {
    id,
    kind: kindOf(result),
    ...(input.fullRecord !== undefined ? { fullRecord: input.fullRecord } : {}),
    ...(input.seal !== undefined ? { seal: input.seal.trim() } : {}),
    receivedAt: ctx.now.toISOString(),
    source: input.source,
    verification: { verdict, checks: checks.map(({ id: cid, status, code, message }) => ({ id: cid, status, code, message })), verifiedAt: ctx.now.toISOString(), form: result.form ?? null },
    summary: summaryOf(result),
  };
  if (verdict === 'INVALID' && !opts.keepInvalid) return { credential: entry, result, outcome: 'refused' };

  const held = vault.find(id);
  const merged: StoredCredential = held ? mergeEntries(held, entry) : entry;
  const { added } = await vault.put([merged]);
  return { credential: merged, result, outcome: added > 0 ? 'added' : 'updated' };
}

/** Keeps what the wallet already had (a seal, or the full record) when the other form arrives. */
function mergeEntries(held: StoredCredential, next: StoredCredential): StoredCredential {
  const fullRecord = next.fullRecord ?? held.fullRecord;
  const seal = next.seal ?? held.seal;
  // A seal arriving later must not replace the full record's verdict and summary.
  const fromFull = next.fullRecord === undefined && held.fullRecord !== undefined ? held : next;
  return {
    ...fromFull,
    receivedAt: held.receivedAt,
    ...(fullRecord !== undefined ? { fullRecord } : {}),
    ...(seal !== undefined ? { seal } : {}),
  };
}

function credentialIdOf(input: ImportInput, result: VerificationResult): string | undefined {
  const fromRecord = result.credential?.id;
  if (typeof fromRecord === 'string' && fromRecord !== '') return fromRecord;
  const seal = input.fullRecord === undefined ? input.seal : undefined;
  if (seal !== undefined) {
    try {
      return decodeSeal(seal.trim()).claims.credentialId;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function kindOf(result: VerificationResult): string {
  const types = result.credential?.type;
  const list = Array.isArray(types) ? types.map(String) : typeof types === 'string' ? [types] : [];
  if (list.includes('ClrCredential')) return 'ClrCredential';
  if (list.includes('AchievementCredential') || list.includes('OpenBadgeCredential')) return 'AchievementCredential';
  if (result.form === 'seal') return 'Seal';
  return list.find((t) => t !== 'VerifiableCredential') ?? 'VerifiableCredential';
}

function summaryOf(result: VerificationResult): StoredCredential['summary'] {
  const d = result.display;
  const cred = result.credential;
  const issuerField = cred?.issuer;
  const issuerId = d?.issuer?.id ?? (typeof issuerField === 'string' ? issuerField : typeof (issuerField as { id?: unknown })?.id === 'string' ? String((issuerField as { id: string }).id) : 'unknown');
  return {
    issuer: issuerId,
    ...(d?.issuer?.name ? { issuerName: d.issuer.name.text } : {}),
    ...(d?.learner.name ? { learner: d.learner.name } : {}),
    achievements: (d?.achievements ?? []).map((a) => ({
      ...(a.code ? { code: a.code } : {}),
      ...((a.original ?? a.name) ? { name: (a.original ?? a.name)!.text } : {}),
      ...(a.result ?? a.resultStatus ? { result: (a.result ?? a.resultStatus)! } : {}),
      ...(a.awardedAt ? { awardedAt: a.awardedAt } : {}),
      // Non-formal and interrupted learning, for the wallet's card (README "Non-formal and interrupted learning").
      ...(a.partial ? { partial: { ...a.partial } } : {}),
      ...(a.partialTerms ? { partialTerms: { ...a.partialTerms } } : {}),
      ...(a.nationalGrades ? { nationalGrades: { ...a.nationalGrades } } : {}),
      ...(a.notionalHours !== undefined ? { notionalHours: a.notionalHours } : {}),
      ...(a.competencies?.length ? { competencies: a.competencies.map((c) => ({ name: c.name?.text ?? '?', level: c.level })) } : {}),
    })),
  };
}
