import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CatalogueAchievementSchema } from '@lp/model';
import {
  addAchievements, bulkSignSetupOf, checkRowsAgainstCatalogue, createSigningPool, initIssuer, issueBulk, issuerDocumentLoader, openIssuerStore,
  parseCatalogueFile, readResultsCsv, unlockSigningKey,
} from '../src/index.ts';
import type { CheckedRow, IssuerDeps } from '../src/index.ts';
import type { SqliteIssuerStore } from '../src/store/index.ts';
import { ProgressBar } from '../src/cli/lib/progress-bar.ts';
import { issueCredential } from '../src/domain/issue-credential.ts';
import { createDocumentLoader } from '@lp/contexts';
import { verify } from '@lp/crypto';
import { decodeSeal, verifyCredentialDi, verifySealSignature } from '@lp/formats';
import { FIXTURES, T0, TEST_SCRYPT, tempDir } from './issuer-helpers.ts';

let store: SqliteIssuerStore;
let deps: IssuerDeps;
let cleanup: () => void;
let rows: CheckedRow[];

beforeAll(async () => {
  const t = tempDir('lp-bulk-issue-');
  cleanup = t.cleanup;
  store = await openIssuerStore(t.dir, { create: true });
  await initIssuer(store, { names: { en: 'Examinations Board', ar: 'مجلس الامتحانات' }, country: 'JO', passphrase: 'pw', now: T0, actor: 'cli', keyFile: { scrypt: TEST_SCRYPT } });
  await addAchievements(store, parseCatalogueFile(fs.readFileSync(path.join(FIXTURES, 'catalogue.json'), 'utf8'), 'json'), { now: T0, actor: 'cli' });
  const signer = await unlockSigningKey(store, 'pw', { minN: TEST_SCRYPT.N });
  deps = {
    store, signer, clock: () => T0, random: (k) => crypto.getRandomValues(new Uint8Array(k)),
    baseUrl: 'https://exams.example', documentLoader: await issuerDocumentLoader(store),
  };
  const csv = ['candidate_number,name,name_latin,date_of_birth,achievement_code,result', 'C-1,ليلى,Layla,2010-03-04,BECE-MATH,452', 'C-2,عمر,Omar,2010-03-04,BECE-MATH,10', 'C-3,Ali,Ali,2010-03-04,BECE-ARAB,B'].join('\n');
  const read = readResultsCsv(new TextEncoder().encode(csv), { now: T0 });
  const catalogue = (await store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
  rows = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' }).rows;
  expect(rows).toHaveLength(3);
}, 300_000);

afterAll(async () => {
  await store.close();
  cleanup();
});

describe('issueBulk', () => {
  it('a row that fails at issuance fails alone (ISSUE_FAILED); the batch around it is issued; a re-run issues nothing twice', async () => {
    // The catalogue moved between validation and issuance: this row's achievement is gone.
    const spoiled: CheckedRow = { ...rows[1]!, data: { ...rows[1]!.data, achievementCode: 'BECE-GONE' } };
    const input = [rows[0]!, spoiled, rows[2]!];
    const progress: number[] = [];
    const first = await issueBulk(deps, { session: '2026-06', rows: input, batchSize: 10, runId: 'run-1', onProgress: (p) => progress.push(p.done) });
    expect(first).toMatchObject({ total: 3, done: 3, issued: 2, existing: 0, failed: 1 });
    expect(first.outcomes[1]).toMatchObject({ status: 'failed', row: 3, issue: { code: 'ISSUE_FAILED' } });
    expect((first.outcomes[1] as { issue: { message: string } }).issue.message).toContain('ACHIEVEMENT_UNKNOWN');
    expect(progress).toEqual([3]);
    expect(await store.countCredentials()).toBe(2);

    // In this thread (threads: 0): the same signing function, without starting threads again.
    const again = await issueBulk(deps, { session: '2026-06', rows: input, batchSize: 2, runId: 'run-2', threads: 0 });
    expect(again).toMatchObject({ issued: 0, existing: 2, failed: 1 });
    expect(await store.countCredentials()).toBe(2);
    expect(await store.getBulkRun('run-2')).toMatchObject({ session: '2026-06', counts: { issued: 0, skipped: 2, failed: 1 } });

    // Another session is another key: issued anew.
    const other = await issueBulk(deps, { session: '2026-11', rows: [rows[0]!], runId: 'run-3', threads: 0 });
    expect(other).toMatchObject({ issued: 1, existing: 0 });
  }, 300_000);
});

describe('issueBulk with signing threads', () => {
  it('issues what issueCredential issues: 60 rows in 2 threads, indexes distinct, every seal and a sample of records verify', async () => {
    const lines = ['candidate_number,name,name_latin,date_of_birth,achievement_code,result'];
    for (let i = 0; i < 30; i++) {
      lines.push(`T-${i},ليلى أحمد ${i},Layla Ahmad ${i},2010-03-0${1 + (i % 9)},BECE-MATH,${(i * 7) % 601}`);
      lines.push(`T-${i},ليلى أحمد ${i},Layla Ahmad ${i},2010-03-0${1 + (i % 9)},BECE-ARAB,${'ABCDEF'[i % 6]}`);
    }
    const catalogue = (await store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
    const read = readResultsCsv(new TextEncoder().encode(lines.join('\n')), { now: T0 });
    const checked = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' }).rows;
    expect(checked).toHaveLength(60);
    const before = await store.countCredentials();
    const auditBefore = (await store.listAudit({ limit: 1000 })).length;

    // Streamed (an async generator), 25 rows per transaction: three batches, the last one short.
    async function* stream() {
      yield* checked;
    }
    const report = await issueBulk(deps, { session: '2027-06', rows: stream(), total: 60, batchSize: 25, runId: 'threads-1', threads: 2, keepOutcomes: false });
    expect(report).toMatchObject({ total: 60, done: 60, issued: 60, existing: 0, failed: 0, outcomes: [], failures: [] });
    expect(await store.countCredentials()).toBe(before + 60);

    const stored = [];
    for (const row of checked) stored.push((await store.getCredentialByBulkKey({ candidateNumber: row.data.candidateNumber, achievementCode: row.data.achievementCode, session: '2027-06' }))!);
    expect(stored.every(Boolean)).toBe(true);
    for (const purpose of ['revocation', 'suspension']) {
      expect(new Set(stored.map((c) => { const s = c.status.find((x) => x.purpose === purpose)!; return `${s.listId}#${s.index}`; })).size).toBe(60);
    }
    // One audit entry per credential, as issueCredential writes it.
    const audit = (await store.listAudit({ limit: 1000 })).slice(auditBefore).filter((e) => e.actor === 'bulk:threads-1');
    expect(audit.map((e) => e.target).sort()).toEqual(stored.map((c) => c.id).sort());

    const publicKey = deps.signer.keyPair.publicKey;
    for (const c of stored) {
      const seal = decodeSeal(c.seal!);
      expect(seal.claims.credentialId).toBe(c.id);
      expect(await verifySealSignature(seal, publicKey, verify)).toBe(true);
    }
    const documentLoader = await issuerDocumentLoader(store);
    for (const c of [stored[0]!, stored[31]!, stored[59]!]) {
      const v = await verifyCredentialDi(JSON.parse(c.record), { documentLoader, now: T0 });
      expect(v.checks.find((x) => x.id === 'signature')?.code).toBe('SIGNATURE_VALID');
    }

    // The same row issued one at a time by issueCredential: the same credential but for its id,
    // status indexes and signature; the same seal claims but for those; the same store row.
    const row = checked[31]!;
    const single = await issueCredential(deps, {
      achievement: row.data.achievementCode, subject: { name: row.data.name, nameLatin: row.data.nameLatin, dateOfBirth: row.data.dateOfBirth, candidateNumber: row.data.candidateNumber },
      result: row.result, session: '2027-06', actor: 'cli',
    });
    const strip = (c: Record<string, unknown>) => {
      const { id: _id, credentialStatus, proof, ...rest } = c as { id: string; credentialStatus: { statusPurpose: string }[]; proof: Record<string, unknown> };
      const { proofValue: _pv, ...proofRest } = proof;
      return { ...rest, proof: proofRest, statusPurposes: credentialStatus.map((s) => s.statusPurpose) };
    };
    const fromThreads = stored[31]!;
    expect(strip(JSON.parse(fromThreads.record))).toEqual(strip(single.credential));
    const claimsOf = (seal: string) => {
      const { credentialId: _c, status, ...rest } = decodeSeal(seal).claims as unknown as { credentialId: string; status: { index: number }[] };
      return { ...rest, status: status.map(({ index: _i, ...s }) => s) };
    };
    expect(claimsOf(fromThreads.seal!)).toEqual(claimsOf(single.seal!));
    const singleStored = (await store.getCredential(single.id))!;
    const shape = (c: typeof singleStored) => ({ kind: c.kind, subject: c.subject, achievementCodes: c.achievementCodes, format: c.format, jwt: c.jwt, createdAt: c.createdAt });
    expect(shape(fromThreads)).toEqual(shape(singleStored));
    expect(Object.keys(audit[0]!.details as object).sort()).toEqual(Object.keys((await store.listAudit({ limit: 1000 })).at(-1)!.details as object).sort());

    // Again: nothing new.
    const again = await issueBulk(deps, { session: '2027-06', rows: checked, batchSize: 25, runId: 'threads-2', threads: 2 });
    expect(again).toMatchObject({ issued: 0, existing: 60, failed: 0 });
    expect(await store.countCredentials()).toBe(before + 61);
  }, 300_000);

  it('a row that fails in a thread fails alone; the batch is re-done without it, so no status index stays allocated for it', async () => {
    const spoiled: CheckedRow = { ...rows[1]!, row: 90, data: { ...rows[1]!.data, candidateNumber: 'S-2', achievementCode: 'BECE-GONE' } };
    const input = [{ ...rows[0]!, row: 89, data: { ...rows[0]!.data, candidateNumber: 'S-1' } }, spoiled, { ...rows[2]!, row: 91, data: { ...rows[2]!.data, candidateNumber: 'S-3' } }];
    const unbound = () => (store.db.prepare('SELECT count(*) AS n FROM status_allocations WHERE credential_id IS NULL').get() as { n: number }).n;
    const before = unbound();
    // One thread started by the caller and passed in: it serves this run and the next, and stays open.
    const pool = createSigningPool(await bulkSignSetupOf(deps), { threads: 1 });
    try {
      const report = await issueBulk(deps, { session: '2027-06', rows: input, runId: 'threads-3', pool });
      expect(report).toMatchObject({ issued: 2, failed: 1 });
      expect(report.failures).toEqual([expect.objectContaining({ row: 90, status: 'failed', issue: expect.objectContaining({ code: 'ISSUE_FAILED', message: expect.stringContaining('ACHIEVEMENT_UNKNOWN') }) })]);
      expect(report.outcomes.map((o) => o.status)).toEqual(['issued', 'failed', 'issued']);
      expect(unbound()).toBe(before);

      const next = await issueBulk(deps, { session: '2027-07', rows: [input[0]!], runId: 'threads-4', pool });
      expect(next).toMatchObject({ issued: 1, failed: 0 });
      expect(await pool.sign({ now: T0.toISOString(), session: '2027-07', items: [] })).toEqual([]);
    } finally {
      await pool.close();
    }
  }, 300_000);

  it('a streamed file that fails after its first batch: that batch stays stored, the error reaches the caller', async () => {
    const before = await store.countCredentials();
    const broken = new Error('the file changed while it was being issued');
    async function* stream() {
      yield { ...rows[0]!, row: 2, data: { ...rows[0]!.data, candidateNumber: 'R-1' } };
      yield { ...rows[1]!, row: 3, data: { ...rows[1]!.data, candidateNumber: 'R-2' } };
      // Read while the first batch is being issued.
      throw broken;
    }
    await expect(issueBulk(deps, { session: '2027-06', rows: stream(), batchSize: 2, runId: 'read-ahead', threads: 0 })).rejects.toBe(broken);
    expect(await store.countCredentials()).toBe(before + 2);
  }, 300_000);
});

describe('ProgressBar', () => {
  it('draws rows, rate and time left on a TTY, throttled; says nothing otherwise', () => {
    let t = 0;
    const written: string[] = [];
    const tty = { isTTY: true, columns: 120, write: (s: string) => { written.push(s); return true; } } as unknown as NodeJS.WritableStream & { isTTY: boolean };
    const bar = new ProgressBar(tty, 'issuing', () => t);
    t = 10_000;
    bar.update(500, 10_000);
    t = 10_050;
    bar.update(510, 10_000); // under 100 ms later: not redrawn
    bar.done();
    expect(written).toHaveLength(2);
    expect(written[0]).toMatch(/^\rissuing \[#{1}\.{23}\] 500\/10,000 {2}50\/s {2}3m10s left/);
    expect(written[1]).toBe('\n');

    const quiet: string[] = [];
    const pipe = { isTTY: false, write: (s: string) => { quiet.push(s); return true; } } as unknown as NodeJS.WritableStream;
    const off = new ProgressBar(pipe, 'issuing', () => t);
    off.update(1, 2, 1, true);
    off.done();
    expect(quiet).toEqual([]);
  });
});
