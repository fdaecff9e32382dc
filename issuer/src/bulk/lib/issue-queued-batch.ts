import { createHash } from 'node:crypto';
import { CatalogueAchievementSchema } from '@lp/model';
import type { CatalogueAchievement } from '@lp/model';
import { didDocumentOf } from '../../domain/did-document.ts';
import type { IssuerDeps } from '../../domain/issuer-deps.ts';
import { IssuerError } from '../../errors.ts';
import type { CheckedRow } from '../check-rows-against-catalogue.ts';
import { issueBatch } from '../issue-bulk.ts';
import type { BulkRowOutcome } from '../issue-bulk.ts';
import type { BulkJob, BulkJobOutput } from './bulk-queue.ts';
import { createSigningPool } from './create-signing-pool.ts';
import type { SigningPool } from './create-signing-pool.ts';

export interface QueuedBatchIssuer {
  /** Issues one job's rows (one store transaction, as `lp issuer bulk` does) and says what happened to each. */
  issue(job: BulkJob): Promise<BulkJobOutput>;
  close(): Promise<void>;
}

/**
 * The one place where a queue worker meets the bulk signing path: the same batch function as
 * `lp issuer bulk` (issueBatch: rows already issued found by bulk key, status indexes allocated,
 * both forms signed by the thread pool, credentials and audit stored, all in one transaction).
 * The signing pool lives as long as the worker and is rebuilt when the catalogue changes (the
 * threads hold the catalogue they were started with).
 */
export function createQueuedBatchIssuer(deps: IssuerDeps, opts: { threads?: number } = {}): QueuedBatchIssuer {
  let current: { digest: string; pool: SigningPool; catalogue: Map<string, CatalogueAchievement> } | undefined;

  async function poolFor(): Promise<NonNullable<typeof current>> {
    const rows = await deps.store.listAchievements();
    const digest = createHash('sha256').update(JSON.stringify(rows.map((r) => r.entry))).digest('hex');
    if (current?.digest === digest) return current;
    const profile = await deps.store.getProfile();
    if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer in this database: run `lp issuer init` first');
    if (profile.id !== deps.signer.issuerId) throw new IssuerError('ISSUER_LOCKED', 'the unlocked key belongs to another issuer');
    const entries = rows.map((r) => CatalogueAchievementSchema.parse(r.entry));
    const pool = createSigningPool({
      issuerId: deps.signer.issuerId, kid: deps.signer.kid, publicKey: deps.signer.keyPair.publicKey, secretKey: deps.signer.keyPair.secretKey,
      profile, catalogue: rows.map((r) => r.entry), baseUrl: deps.baseUrl,
      ...(profile.id.startsWith('did:web:') ? { didDocument: { id: profile.id, doc: didDocumentOf(profile, await deps.store.listKeys()) } } : {}),
    }, opts.threads !== undefined ? { threads: opts.threads } : {});
    const old = current;
    current = { digest, pool, catalogue: new Map(entries.map((e) => [e.code, e])) };
    await old?.pool.close();
    return current;
  }

  return {
    async issue(job) {
      const { pool, catalogue } = await poolFor();
      const rows: CheckedRow[] = [];
      const failures: BulkJobOutput['failures'] = [];
      for (const r of job.rows) {
        const entry = catalogue.get(r.data.achievementCode);
        // Checked against the catalogue when enqueued; an entry removed since cannot be issued.
        if (!entry) failures.push({ row: r.row, code: 'ISSUE_FAILED', message: `ACHIEVEMENT_UNKNOWN: "${r.data.achievementCode}" is no longer in the catalogue` });
        else rows.push({ ...(r as unknown as Omit<CheckedRow, 'entry'>), entry });
      }
      const outcomes: BulkRowOutcome[] = rows.length > 0 ? await issueBatch(deps, pool, rows, job.session, `bulk:${job.run}`) : [];
      let issued = 0;
      let existing = 0;
      for (const o of outcomes) {
        if (o.status === 'failed') failures.push({ row: o.row, code: o.issue.code, message: o.issue.message });
        else if (o.status === 'issued') issued++;
        else existing++;
      }
      failures.sort((a, b) => a.row - b.row);
      return { issued, existing, failed: failures.length, failures };
    },
    async close() {
      await current?.pool.close();
      current = undefined;
    },
  };
}
