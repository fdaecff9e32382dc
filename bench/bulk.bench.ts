// Bulk issuance: credentials per second end to end (CSV row → validated → full record signed with
// Data Integrity + QR seal signed → stored durably in SQLite, WAL + synchronous=FULL), beside the
// Data Integrity signing alone of the same credential, measured in the same run and process.
// Run alone: node --import tsx bench/bulk.bench.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signCredentialDi } from '@lp/formats';
import { CatalogueAchievementSchema } from '@lp/model';
import {
  addAchievements, buildAchievementCredential, checkRowsAgainstCatalogue, initIssuer, issueBulk, issuerDocumentLoader, openIssuerStore,
  parseCatalogueFile, readResultsCsv, unlockSigningKey,
} from '@lp/issuer';
import type { IssuerDeps } from '@lp/issuer';
import { measure } from './full-record.bench.ts';

const CATALOGUE = fileURLToPath(new URL('../issuer/test/fixtures/catalogue.json', import.meta.url));
const SCRYPT = { N: 1024, r: 8, p: 1 };

function resultsCsv(n: number, prefix: string): Uint8Array {
  const lines = ['candidate_number,name,name_latin,date_of_birth,achievement_code,result'];
  for (let i = 0; i < n; i++) lines.push(`${prefix}${i},ليلى أحمد ${i},Layla Ahmad ${i},2010-03-04,BECE-MATH,${i % 601}`);
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

export async function benchBulk(opts: { rows?: number; rowsUnbatched?: number; budgetMs?: number } = {}): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const rowsBatched = opts.rows ?? 300;
  const rowsUnbatched = opts.rowsUnbatched ?? 100;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bench-bulk-'));
  const store = await openIssuerStore(dir, { create: true });
  try {
    const now = new Date();
    await initIssuer(store, { names: { en: 'Bench Examinations Board', ar: 'مجلس الامتحانات' }, country: 'JO', passphrase: 'pw', now, actor: 'bench', keyFile: { scrypt: SCRYPT } });
    await addAchievements(store, parseCatalogueFile(fs.readFileSync(CATALOGUE, 'utf8'), 'json'), { now, actor: 'bench' });
    const signer = await unlockSigningKey(store, 'pw', { minN: SCRYPT.N });
    const deps: IssuerDeps = {
      store, signer, clock: () => new Date(), random: (n) => crypto.getRandomValues(new Uint8Array(n)), baseUrl: 'https://exams.example',
      documentLoader: await issuerDocumentLoader(store),
    };
    const catalogue = (await store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));

    const endToEnd = async (n: number, batchSize: number, prefix: string): Promise<{ perSec: number; ms: number }> => {
      const t0 = performance.now();
      const read = readResultsCsv(resultsCsv(n, prefix), { now: new Date() });
      const checked = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' });
      if (read.issues.length + checked.issues.length > 0) throw new Error('bench CSV has problems');
      const report = await issueBulk(deps, { session: '2026-06', rows: checked.rows, batchSize, runId: `bench-${prefix}` });
      if (report.issued !== n) throw new Error(`issued ${report.issued} of ${n}`);
      const ms = performance.now() - t0;
      return { perSec: (n * 1000) / ms, ms: ms / n };
    };
    // Warm-up: jsonld context caches, prepared statements.
    await endToEnd(20, 20, 'W-');
    const batched = await endToEnd(rowsBatched, 100, 'B-');
    const unbatched = await endToEnd(rowsUnbatched, 1, 'U-');

    const profile = (await store.getProfile())!;
    const entry = catalogue.find((e) => e.code === 'BECE-MATH')!;
    const credential = buildAchievementCredential({
      id: 'urn:uuid:00000000-0000-4000-8000-000000000000', profile, entry, validFrom: now.toISOString().replace(/\.\d{3}Z$/, 'Z'), baseUrl: deps.baseUrl,
      subject: { name: 'ليلى أحمد', nameLatin: 'Layla Ahmad', dateOfBirth: '2010-03-04', candidateNumber: 'K-1' }, result: { value: '452' }, session: '2026-06',
    });
    const sign = await measure('sign', () => signCredentialDi(credential, { keyPair: signer.keyPair, verificationMethod: signer.kid, created: now, documentLoader: deps.documentLoader }), opts.budgetMs ?? 1500);

    const f = (x: number) => (x >= 100 ? Math.round(x) : Math.round(x * 10) / 10);
    return {
      title: `Bulk issuance, one process, SQLite WAL + synchronous=FULL (${rowsBatched} rows batched, ${rowsUnbatched} unbatched)`,
      headers: ['operation', 'credentials/s', 'ms each', 'note'],
      rows: [
        ['bulk end to end, 100 rows per transaction', f(batched.perSec), batched.ms.toFixed(2), 'CSV row → zod → DI record + QR seal signed → stored'],
        ['bulk end to end, 1 row per transaction', f(unbatched.perSec), unbatched.ms.toFixed(2), 'one fsync per credential'],
        ['Data Integrity signing alone (same credential)', f(sign.opsPerSec), sign.msPerOp.toFixed(2), 'signCredentialDi, eddsa-rdfc-2022'],
      ],
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const t = await benchBulk();
  console.log(`${t.title}\n\n| ${t.headers.join(' | ')} |\n|${t.headers.map(() => '---').join('|')}|\n${t.rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}`);
}
