import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createDocumentLoader } from '@lp/contexts';
import { publicKeyFromDidKey, verify } from '@lp/crypto';
import { decodeSeal, verifyCredentialDi, verifySealSignature } from '@lp/formats';
import { startPostgres } from '../../test/lib/start-postgres.ts';
import type { TestPostgres } from '../../test/lib/start-postgres.ts';
import { FIXTURES, ISSUE_FROM_CATALOGUE, LP, lp, tempDir } from './issuer-helpers.ts';
import { freePort } from '../../test/lib/listen.ts';

/**
 * `lp issuer bulk --queue` and `lp issuer worker` on a real PostgreSQL server, every part a real
 * process: three `lp serve` instances issuing through the API, three workers, the bulk command.
 * LP_QUEUE_TEST_ROWS sets the rows of the main run (default 20,000, the size this scenario was
 * specified with; the seconds it takes are printed).
 */
const ROWS = Number(process.env.LP_QUEUE_TEST_ROWS ?? 20_000);
const LEARNERS = Math.ceil(ROWS / 2);
const OUTAGE_ROWS = 2_000;
const PASS = 'correct horse battery';
const PUBLIC = 'https://exams.example';
const SESSION = '2026-06';
const OUTAGE_SESSION = '2026-11';
/**
 * Shorter than production's 300 s, so that the batch a killed worker held comes back within the
 * test; still well above a 100-row batch of one signing thread on this machine under load
 * (a batch retried while its first worker still signs is correct, but wastes the signing).
 */
const EXPIRY = '60';
const BATCH = '100';

interface Proc { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> }

const children: ChildProcess[] = [];

function start(args: string[], cwd: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [LP, ...args], {
    cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, LP_DATA_DIR: path.join(cwd, 'data'), LP_DEMO: '0', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => { out += b; });
  child.stderr!.on('data', (b: Buffer) => { err += b; });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

/** Resolves when `pattern` appears on stdout; rejects if the process ends first. */
async function waitFor(p: Proc, pattern: RegExp): Promise<RegExpExecArray> {
  for (;;) {
    const m = pattern.exec(p.out());
    if (m) return m;
    if (p.child.exitCode !== null || p.child.signalCode !== null) throw new Error(`ended before ${pattern}: ${p.out()} ${p.err()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function writeResults(file: string, learners: number, prefix: string): void {
  const lines = ['candidate_number,name,name_latin,date_of_birth,achievement_code,result'];
  for (let i = 0; i < learners; i++) {
    const c = `${prefix}-${String(i).padStart(5, '0')}`;
    const dob = `20${10 + (i % 3)}-0${1 + (i % 9)}-1${i % 10}`;
    lines.push(`${c},ليلى أحمد ${i},Layla Ahmad ${i},${dob},BECE-MATH,${i % 601}`);
    lines.push(`${c},ليلى أحمد ${i},Layla Ahmad ${i},${dob},BECE-ARAB,${'ABCDEF'[i % 6]}`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

describe('bulk queue: lp issuer bulk --queue and lp issuer worker on one PostgreSQL database', () => {
  const tmp = tempDir('lp-bulk-queue-');
  let pg: TestPostgres;
  let url: string;
  let apiKey: string;
  let issuerDid: string;
  const env = (): Record<string, string> => ({ LP_DATABASE_URL: url, LP_PASSPHRASE: PASS });
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await pg.query<{ n: string }>('issuer', sql, params))[0]!.n);
  const worker = async (): Promise<Proc> => {
    const w = start(['issuer', 'worker', '--threads', '1'], tmp.dir, env());
    await waitFor(w, /^worker ready: /m);
    return w;
  };

  beforeAll(async () => {
    pg = await startPostgres();
    url = await pg.createDatabase('issuer');
    const init = await lp(['issuer', 'init', '--database', url, '--name', 'National Examinations Board', '--country', 'JO', '--public-url', PUBLIC, '--json'],
      { cwd: tmp.dir, env: { LP_PASSPHRASE: PASS } });
    expect(init.code).toBe(0);
    issuerDid = (JSON.parse(init.stdout) as { id: string }).id;
    expect((await lp(['issuer', 'achievement', 'add', path.join(FIXTURES, 'catalogue.json')], { cwd: tmp.dir, env: env() })).code).toBe(0);
    const key = await lp(['issuer', 'api-key', 'create', '--label', 'queue'], { cwd: tmp.dir, env: env() });
    expect(key.code).toBe(0);
    apiKey = key.stdout.trim().split('\n').at(-1)!;
    writeResults(path.join(tmp.dir, 'results.csv'), LEARNERS, 'K');
    writeResults(path.join(tmp.dir, 'outage.csv'), OUTAGE_ROWS / 2, 'P');
  }, 180_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map((c) => (c.exitCode !== null || c.signalCode !== null ? undefined : new Promise((r) => c.once('close', r)))));
    await pg?.stop();
    tmp.cleanup();
  }, 60_000);

  describe('bad inputs', () => {
    it('with the SQLite store: worker and bulk --queue refuse with QUEUE_NEEDS_POSTGRES (exit 2)', async () => {
      const sqlite = { LP_PASSPHRASE: PASS };
      const w = await lp(['issuer', 'worker'], { cwd: tmp.dir, env: sqlite });
      expect(w.code).toBe(2);
      expect(w.stderr).toContain('QUEUE_NEEDS_POSTGRES');
      const b = await lp(['issuer', 'bulk', 'results.csv', '--session', SESSION, '--queue'], { cwd: tmp.dir, env: sqlite });
      expect(b.code).toBe(2);
      expect(b.stderr).toContain('QUEUE_NEEDS_POSTGRES');
      expect(fs.existsSync(path.join(tmp.dir, 'data'))).toBe(false);
    });

    it('an unreachable database: the worker names host:port, exit 2', async () => {
      const port = await freePort();
      const w = await lp(['issuer', 'worker'], { cwd: tmp.dir, env: { LP_DATABASE_URL: `postgres://lp:secret@127.0.0.1:${port}/issuer`, LP_PASSPHRASE: PASS } });
      expect(w.code).toBe(2);
      expect(w.stderr).toContain(`STORE_UNREACHABLE: cannot reach PostgreSQL at 127.0.0.1:${port}`);
      expect(w.stderr).not.toContain('secret');
    });

    it('a wrong passphrase: the worker refuses to start and takes nothing', async () => {
      const w = await lp(['issuer', 'worker'], { cwd: tmp.dir, env: { LP_DATABASE_URL: url, LP_PASSPHRASE: 'wrong passphrase' } });
      expect(w.code).toBe(2);
      expect(w.stderr).toContain('KEY_FILE_PASSPHRASE');
      expect(w.stdout).not.toContain('worker ready');
    });

    it('a file with a wrong row: nothing is enqueued', async () => {
      fs.writeFileSync(path.join(tmp.dir, 'bad.csv'), 'candidate_number,name,name_latin,date_of_birth,achievement_code,result\nB-1,Ali,Ali,2010-01-01,BECE-MATH,12\nB-2,Sara,Sara,2010-01-01,NOPE,3\n');
      const b = await lp(['issuer', 'bulk', 'bad.csv', '--session', SESSION, '--queue'], { cwd: tmp.dir, env: env() });
      expect(b.code).toBe(2);
      expect(b.stderr).toContain('ACHIEVEMENT_UNKNOWN');
      const exists = await pg.query<{ t: string | null }>('issuer', "SELECT to_regclass('lp_bulk_queue.job')::text AS t");
      if (exists[0]!.t) expect(await count('SELECT COUNT(*) AS n FROM lp_bulk_queue.job')).toBe(0);
      expect(await count('SELECT COUNT(*) AS n FROM credentials')).toBe(0);
    });
  });

  it(`${ROWS.toLocaleString('en-US')} rows through three workers while three lp serve instances issue; two workers kill -9ed and restarted: every row once`, async () => {
    const t0 = performance.now();
    const instances = await Promise.all([0, 1, 2].map(async () => {
      const s = start(['serve', '--port', '0'], tmp.dir, env());
      const m = await waitFor(s, /Issuer API: +http:\/\/localhost:(\d+)\//);
      return { proc: s, url: `http://127.0.0.1:${m[1]}` };
    }));
    const workers = await Promise.all([0, 1, 2].map(() => worker()));
    const bulk = start(['issuer', 'bulk', 'results.csv', '--session', SESSION, '--queue', '--batch', BATCH, '--batch-expiry', EXPIRY, '--json'], tmp.dir, env());
    let bulkDone = false;
    void bulk.exited.then(() => (bulkDone = true));

    // API issuance on all three instances for as long as the bulk run lasts.
    // A client that honours 503 STORE_BUSY + Retry-After (documented for a lock held past the
    // store's 5 s lock timeout) retries the same request; anything else is a failure.
    const apiIds: string[] = [];
    const apiFailures: string[] = [];
    let apiRetries = 0;
    let apiRateLimited = 0;
    const api = Promise.all(instances.map(async (inst, k) => {
      for (let n = 0; !bulkDone; n++) {
        for (;;) {
          const r = await fetch(`${inst.url}/credentials/issue`, {
            method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
            body: JSON.stringify({ options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: `API-${k}-${n}` } } }),
          });
          if (r.status === 201) {
            apiIds.push(((await r.json()) as { id: string }).id);
            break;
          }
          const body = await r.text();
          if (r.status === 503 && body.includes('STORE_BUSY') && r.headers.get('retry-after')) {
            apiRetries++;
            continue;
          }
          // The API key's limit (600 a minute) is shared by the three instances: three clients at
          // four requests a second pass it on a quiet machine and are told when to come back.
          if (r.status === 429 && body.includes('RATE_LIMITED') && r.headers.get('retry-after')) {
            apiRateLimited++;
            await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after')) * 1000));
            continue;
          }
          apiFailures.push(`${r.status} ${body}`);
          break;
        }
        await new Promise((res) => setTimeout(res, 250));
      }
    }));

    // kill -9 two workers mid-run (each is inside a batch: a worker is idle only when the queue is empty), restart them.
    const killed: number[] = [];
    for (const [i, at] of [[0, 0.25], [1, 0.5]] as const) {
      for (;;) {
        const n = await count('SELECT COUNT(*) AS n FROM credentials WHERE bulk_key IS NOT NULL');
        if (n >= ROWS * at) break;
        if (bulkDone) throw new Error(`bulk ended before the kill: ${bulk.out()} ${bulk.err()}`);
        await new Promise((r) => setTimeout(r, 300));
      }
      workers[i]!.child.kill('SIGKILL');
      await workers[i]!.exited;
      killed.push(await count('SELECT COUNT(*) AS n FROM credentials WHERE bulk_key IS NOT NULL'));
      workers[i] = await worker();
    }

    expect(await bulk.exited).toBe(0);
    await api;
    const seconds = (performance.now() - t0) / 1000;
    const summary = JSON.parse(bulk.out()) as { issued: number; alreadyIssued: number; failed: number; rows: number };
    expect(summary).toMatchObject({ rows: ROWS, failed: 0 });
    expect(summary.issued + summary.alreadyIssued).toBe(ROWS);
    expect(killed[1]).toBeLessThan(ROWS);
    expect(apiFailures).toEqual([]);
    expect(apiIds.length).toBeGreaterThan(0);

    // Graceful stop: SIGTERM ends each worker with exit 0 after its batch.
    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) {
      expect(await w.exited).toBe(0);
      expect(w.out()).toMatch(/^worker stopped: /m);
    }

    const rows = await pg.query<{ id: string; record: string; seal: string; bulk_key: string | null }>('issuer', 'SELECT id, record, seal, bulk_key FROM credentials');
    const bulkRows = rows.filter((r) => r.bulk_key !== null);
    expect(bulkRows).toHaveLength(ROWS);
    expect(new Set(bulkRows.map((r) => r.bulk_key)).size).toBe(ROWS);
    expect(rows).toHaveLength(ROWS + apiIds.length);
    expect(await count('SELECT COUNT(*) AS n FROM status_allocations')).toBe(2 * rows.length);
    expect(await count('SELECT COUNT(*) AS n FROM status_allocations WHERE credential_id IS NULL')).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM lp_bulk_queue.job WHERE state <> 'completed'")).toBe(0);

    // Each row's credential says what its row said; status entries distinct per purpose.
    const expected = new Map<string, string>();
    for (let i = 0; i < LEARNERS; i++) {
      const c = `K-${String(i).padStart(5, '0')}`;
      expected.set(`${c}|BECE-MATH`, String(i % 601));
      expected.set(`${c}|BECE-ARAB`, 'ABCDEF'[i % 6]!);
    }
    const entries: Record<string, Set<string>> = {};
    for (const r of rows) {
      const cred = JSON.parse(r.record) as {
        credentialStatus: { statusPurpose: string; statusListCredential: string; statusListIndex: string }[];
        credentialSubject: { result: { value?: string }[] };
      };
      for (const s of cred.credentialStatus) (entries[s.statusPurpose] ??= new Set()).add(`${s.statusListCredential}#${s.statusListIndex}`);
      if (r.bulk_key === null) continue;
      const [cand, code, session] = JSON.parse(r.bulk_key) as [string, string, string];
      expect(session).toBe(SESSION);
      expect(cred.credentialSubject.result[0]!.value).toBe(expected.get(`${cand}|${code}`));
      expected.delete(`${cand}|${code}`);
    }
    expect(expected.size).toBe(0);
    expect(entries.revocation!.size).toBe(rows.length);
    expect(entries.suspension!.size).toBe(rows.length);

    // Every seal verifies; Data Integrity on a random sample.
    const publicKey = publicKeyFromDidKey(issuerDid);
    for (const r of rows) {
      const seal = decodeSeal(r.seal);
      expect(seal.claims.credentialId).toBe(r.id);
      if (!(await verifySealSignature(seal, publicKey, verify))) throw new Error(`seal of ${r.id} does not verify`);
    }
    const documentLoader = createDocumentLoader();
    for (const r of [...bulkRows].sort(() => Math.random() - 0.5).slice(0, 50)) {
      const v = await verifyCredentialDi(JSON.parse(r.record), { documentLoader, now: new Date() });
      expect(v.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
    }

    for (const inst of instances) inst.proc.child.kill('SIGTERM');
    await Promise.all(instances.map((i) => i.proc.exited));
    process.stderr.write(`bulk queue test: ${ROWS} rows + ${apiIds.length} API credentials (${apiRetries} retried after 503 STORE_BUSY, ${apiRateLimited} after 429 RATE_LIMITED) in ${seconds.toFixed(1)} s (${(ROWS / seconds).toFixed(1)} rows/s); workers killed at ${killed.join(' and ')}\n`);
  }, 3_600_000);

  it(`PostgreSQL stopped hard mid-batch and restarted: workers and the bulk command reconnect; ${OUTAGE_ROWS.toLocaleString('en-US')} rows once`, async () => {
    const t0 = performance.now();
    const workers = await Promise.all([0, 1, 2].map(() => worker()));
    const bulk = start(['issuer', 'bulk', 'outage.csv', '--session', OUTAGE_SESSION, '--queue', '--batch', '100', '--batch-expiry', EXPIRY, '--json'], tmp.dir, env());
    const issued = () => count('SELECT COUNT(*) AS n FROM credentials WHERE bulk_key LIKE $1', [`%"${OUTAGE_SESSION}"]`]);
    for (;;) {
      if ((await issued()) >= OUTAGE_ROWS / 4) break;
      if (bulk.child.exitCode !== null) throw new Error(`bulk ended early: ${bulk.out()} ${bulk.err()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await pg.stopImmediate();
    await new Promise((r) => setTimeout(r, 3000));
    await pg.restart();

    expect(await bulk.exited).toBe(0);
    const summary = JSON.parse(bulk.out()) as { issued: number; alreadyIssued: number; failed: number; rows: number };
    expect(summary).toMatchObject({ rows: OUTAGE_ROWS, failed: 0 });
    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) expect(await w.exited).toBe(0);
    // The workers stayed up through the outage.
    expect(workers.every((w) => /^worker stopped: /m.test(w.out()))).toBe(true);

    const rows = await pg.query<{ bulk_key: string; record: string }>('issuer', 'SELECT bulk_key, record FROM credentials WHERE bulk_key LIKE $1', [`%"${OUTAGE_SESSION}"]`]);
    expect(rows).toHaveLength(OUTAGE_ROWS);
    expect(new Set(rows.map((r) => r.bulk_key)).size).toBe(OUTAGE_ROWS);
    expect(await count('SELECT COUNT(*) AS n FROM status_allocations WHERE credential_id IS NULL')).toBe(0);
    const all = await count('SELECT COUNT(*) AS n FROM credentials');
    expect(await count('SELECT COUNT(*) AS n FROM status_allocations')).toBe(2 * all);
    process.stderr.write(`bulk queue outage test: ${OUTAGE_ROWS} rows in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  }, 900_000);

  it('the bulk command kill -9ed after enqueuing and run again: the same run resumes, no batch enqueued twice', async () => {
    writeResults(path.join(tmp.dir, 'resume.csv'), 100, 'R');
    const args = ['issuer', 'bulk', 'resume.csv', '--session', '2027-01', '--queue', '--batch', '25', '--json'];
    // 0 until the first command has made the queue's schema (when this test runs alone).
    const jobs = () => count("SELECT COUNT(*) AS n FROM lp_bulk_queue.job WHERE data->>'session' = '2027-01'").catch(() => 0);
    // No worker yet: the first command enqueues its 8 batches and waits; it is killed there.
    const first = start(args, tmp.dir, env());
    while ((await jobs()) < 8) {
      if (first.child.exitCode !== null) throw new Error(`bulk ended early: ${first.out()} ${first.err()}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    first.child.kill('SIGKILL');
    await first.exited;
    const w = await worker();
    const second = start(args, tmp.dir, env());
    expect(await second.exited).toBe(0);
    const summary = JSON.parse(second.out()) as { runId: string; issued: number; alreadyIssued: number; failed: number; rows: number };
    expect(summary).toMatchObject({ rows: 200, failed: 0 });
    expect(summary.issued + summary.alreadyIssued).toBe(200);
    expect(await jobs()).toBe(8);
    expect(await count("SELECT COUNT(DISTINCT data->>'run') AS n FROM lp_bulk_queue.job WHERE data->>'session' = '2027-01'")).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM credentials WHERE bulk_key LIKE $1', ['%"2027-01"]'])).toBe(200);
    expect(await count('SELECT COUNT(*) AS n FROM bulk_runs WHERE id = $1 AND finished_at IS NOT NULL', [summary.runId])).toBe(1);
    w.child.kill('SIGTERM');
    expect(await w.exited).toBe(0);
  }, 300_000);
});
