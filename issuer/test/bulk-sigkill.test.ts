import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { createDocumentLoader } from '@lp/contexts';
import { publicKeyFromDidKey, verify } from '@lp/crypto';
import { decodeSeal, verifyCredentialDi, verifySealSignature } from '@lp/formats';
import { FIXTURES, LP, lp, tempDir } from './issuer-helpers.ts';

const LEARNERS = 5_000;
const ROWS = LEARNERS * 2;
const KILL_AT = [2_000, 6_000];
const DI_SAMPLE = 200;
const SESSION = '2026-06';

let dir: string;
let cleanup: () => void;
let env: Record<string, string>;
let issuerDid: string;
const dbPath = () => path.join(dir, 'data', 'issuer.sqlite');

/** Read-only look at the store while the bulk run writes to it (WAL lets a reader in). */
function count(): number {
  const db = new Database(dbPath(), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM credentials').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function bulk(): { child: ReturnType<typeof spawn>; exited: Promise<number | null>; stdout: () => string } {
  const child = spawn(process.execPath, [LP, 'issuer', 'bulk', 'results.csv', '--session', SESSION, '--json'], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => out };
}

async function killWhenPast(threshold: number): Promise<number> {
  const run = bulk();
  let alive = true;
  void run.exited.then(() => (alive = false));
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    if (!alive) throw new Error(`the run ended before ${threshold} credentials: ${run.stdout()}`);
    let n = 0;
    try {
      n = count();
    } catch {
      continue; // the database may be between opening and the first commit
    }
    if (n > threshold) {
      run.child.kill('SIGKILL');
      await run.exited;
      return n;
    }
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lp-bulk-kill-'));
  env = { LP_DATA_DIR: path.join(dir, 'data'), LP_PASSPHRASE: 'correct horse', LP_PUBLIC_URL: 'https://exams.example' };
  const init = await lp(['issuer', 'init', '--name', 'Examinations Board', '--name-ar', 'مجلس الامتحانات', '--country', 'JO', '--json'], { cwd: dir, env });
  expect(init.code).toBe(0);
  issuerDid = (JSON.parse(init.stdout) as { id: string }).id;
  expect((await lp(['issuer', 'achievement', 'add', path.join(FIXTURES, 'catalogue.json')], { cwd: dir, env })).code).toBe(0);
  const lines = ['candidate_number,name,name_latin,date_of_birth,achievement_code,result'];
  for (let i = 0; i < LEARNERS; i++) {
    const c = `K-${String(i).padStart(5, '0')}`;
    const dob = `20${10 + (i % 3)}-0${1 + (i % 9)}-1${i % 10}`;
    lines.push(`${c},ليلى أحمد ${i},Layla Ahmad ${i},${dob},BECE-MATH,${i % 601}`);
    lines.push(`${c},ليلى أحمد ${i},Layla Ahmad ${i},${dob},BECE-ARAB,${'ABCDEF'[i % 6]}`);
  }
  fs.writeFileSync(path.join(dir, 'results.csv'), lines.join('\n') + '\n');
}, 300_000);

afterAll(() => cleanup());

describe('lp issuer bulk: 10,000 rows, SIGKILL twice, run again', () => {
  it(`issues every row exactly once; all ${ROWS} seals verify, DI verified on a random sample of ${DI_SAMPLE}`, async () => {
    const killedAt: number[] = [];
    for (const threshold of KILL_AT) killedAt.push(await killWhenPast(threshold));
    expect(killedAt[0]).toBeLessThan(ROWS);
    expect(killedAt[1]).toBeLessThan(ROWS);

    const t0 = performance.now();
    const last = bulk();
    expect(await last.exited).toBe(0);
    const seconds = (performance.now() - t0) / 1000;
    const summary = JSON.parse(last.stdout()) as { issued: number; alreadyIssued: number; failed: number; credentialsPerSecond: number };
    expect(summary.failed).toBe(0);
    expect(summary.issued + summary.alreadyIssued).toBe(ROWS);
    // Committed batches survive SIGKILL; the batch in flight rolls back and is re-done.
    expect(summary.alreadyIssued).toBeGreaterThanOrEqual(killedAt[1]!);

    const db = new Database(dbPath(), { readonly: true });
    const rows = db.prepare('SELECT id, record, seal, bulk_key AS bulkKey FROM credentials').all() as { id: string; record: string; seal: string; bulkKey: string }[];
    const unbound = (db.prepare('SELECT count(*) AS n FROM status_allocations WHERE credential_id IS NULL').get() as { n: number }).n;
    const allocations = (db.prepare('SELECT count(*) AS n FROM status_allocations').get() as { n: number }).n;
    db.close();
    expect(rows).toHaveLength(ROWS);
    expect(new Set(rows.map((r) => r.bulkKey)).size).toBe(ROWS);
    // No index was handed out by a rolled-back batch and kept: two per credential, all bound.
    expect(unbound).toBe(0);
    expect(allocations).toBe(2 * ROWS);

    // Each row's credential says what its row said; status indexes are distinct per purpose.
    const indexes: Record<string, Set<string>> = {};
    const expected = new Map<string, string>();
    for (let i = 0; i < LEARNERS; i++) {
      const c = `K-${String(i).padStart(5, '0')}`;
      expected.set(`${c}|BECE-MATH`, String(i % 601));
      expected.set(`${c}|BECE-ARAB`, 'ABCDEF'[i % 6]!);
    }
    for (const r of rows) {
      const cred = JSON.parse(r.record) as {
        credentialStatus: { statusPurpose: string; statusListCredential: string; statusListIndex: string }[];
        credentialSubject: { identifier: { identityType: string; identityHash: string }[]; achievement: { humanCode?: string; id: string }; result: { value?: string }[] };
      };
      for (const s of cred.credentialStatus) (indexes[s.statusPurpose] ??= new Set()).add(`${s.statusListCredential}#${s.statusListIndex}`);
      const cand = cred.credentialSubject.identifier.find((x) => x.identityType === 'ext:candidateNumber')!.identityHash;
      // The store keeps the bulk key as [candidate number, achievement, session].
      const [keyCand, code, session] = JSON.parse(r.bulkKey) as [string, string, string];
      expect([keyCand, session]).toEqual([cand, SESSION]);
      expect(cred.credentialSubject.result[0]!.value).toBe(expected.get(`${cand}|${code}`));
      expected.delete(`${cand}|${code}`);
    }
    expect(expected.size).toBe(0);
    expect(Object.keys(indexes).sort()).toEqual(['revocation', 'suspension']);
    expect(indexes.revocation!.size).toBe(ROWS);
    expect(indexes.suspension!.size).toBe(ROWS);

    // Every seal: decodes, names its own credential, and its signature verifies.
    const publicKey = publicKeyFromDidKey(issuerDid);
    const s0 = performance.now();
    for (const r of rows) {
      const seal = decodeSeal(r.seal);
      expect(seal.claims.credentialId).toBe(r.id);
      if (!(await verifySealSignature(seal, publicKey, verify))) throw new Error(`seal of ${r.id} does not verify`);
    }
    const sealMs = (performance.now() - s0) / ROWS;

    // Data Integrity on a random sample (~5 ms+ each; all 10,000 would take minutes under load).
    const documentLoader = createDocumentLoader();
    const sample = [...rows].sort(() => Math.random() - 0.5).slice(0, DI_SAMPLE);
    const d0 = performance.now();
    for (const r of sample) {
      const v = await verifyCredentialDi(JSON.parse(r.record), { documentLoader, now: new Date() });
      expect(v.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
    }
    const diMs = (performance.now() - d0) / DI_SAMPLE;
    process.stderr.write(
      `bulk SIGKILL test: killed at ${killedAt.join(' and ')} stored; last run issued ${summary.issued} (already ${summary.alreadyIssued}) ` +
        `in ${seconds.toFixed(1)} s, ${summary.credentialsPerSecond} credentials/s; seal verify ${sealMs.toFixed(2)} ms each, DI verify ${diMs.toFixed(1)} ms each\n`,
    );
  }, 1_800_000);
});
