import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CatalogueAchievementSchema } from '@lp/model';
import {
  addAchievements, checkRowsAgainstCatalogue, initIssuer, issueBulk, issuerDocumentLoader, openIssuerStore, parseCatalogueFile, readResultsCsv,
  unlockSigningKey,
} from '../src/index.ts';
import type { CheckedRow, IssuerDeps } from '../src/index.ts';
import type { SqliteIssuerStore } from '../src/store/index.ts';
import { ProgressBar } from '../src/cli/lib/progress-bar.ts';
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

    const again = await issueBulk(deps, { session: '2026-06', rows: input, batchSize: 2, runId: 'run-2' });
    expect(again).toMatchObject({ issued: 0, existing: 2, failed: 1 });
    expect(await store.countCredentials()).toBe(2);
    expect(await store.getBulkRun('run-2')).toMatchObject({ session: '2026-06', counts: { issued: 0, skipped: 2, failed: 1 } });

    // Another session is another key: issued anew.
    const other = await issueBulk(deps, { session: '2026-11', rows: [rows[0]!], runId: 'run-3' });
    expect(other).toMatchObject({ issued: 1, existing: 0 });
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
