// The wallet against the real issuer app (in-process router, real SQLite): issue with the
// learner's holder DID as subject and a pick-up code, build a trust bundle from the issuer's
// fragment, `lp wallet receive` once (VALID), then PICKUP_USED, then present the credential.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDocumentLoader } from '@lp/contexts';
import { CatalogueAchievementSchema } from '@lp/model';
import { verifyPresentationDi } from '@lp/formats';
import { buildTrustBundle, signTrustBundle, zTrustFragment } from '@lp/trust';
import { checkRowsAgainstCatalogue, issueBulk, issuerDocumentLoader, readResultsCsv, writeBulkOutput, type IssuerDeps } from '../../issuer/src/index.ts';
import { pdfText } from '../../issuer/test/certificate-helpers.ts';
import { ISSUE_FROM_CATALOGUE, T0, post, startTestIssuer, type TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { party } from '../../packages/verify/test/lib/make-world.ts';

const LP = fileURLToPath(new URL('../../cli/bin/lp.js', import.meta.url));
const NOW = new Date(T0.getTime() + 3600_000);

let issuer: TestIssuer;
let work: string;
const wallet = (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    const env = { PATH: process.env.PATH ?? '', HOME: work, LP_WALLET_DIR: join(work, 'w'), LP_PASSPHRASE: 'learner pass', LP_NOW: NOW.toISOString() };
    execFile(process.execPath, [LP, 'wallet', ...args], { cwd: work, env }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
  });

beforeAll(async () => {
  issuer = await startTestIssuer();
  work = mkdtempSync(join(tmpdir(), 'lp-wallet-e2e-'));
}, 300_000);
afterAll(async () => {
  await issuer.stop();
});

describe('lp wallet receive from the issuer app', () => {
  test('receive once (VALID, record as issued), then PICKUP_USED; the received credential presents', async () => {
    const init = await wallet(['init']);
    expect(init.code).toBe(0);
    const holder = init.stdout.trim().split('\n').at(-1)!;
    const res = await post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, id: holder }, pickup: true } });
    expect(res.status).toBe(201);
    const issued = (await res.json()) as { id: string; verifiableCredential: Record<string, unknown>; pickup: { code: string } };

    const anchor = await party(1);
    const fragment = zTrustFragment.parse(await fetch(`${issuer.url}/trust/fragment`).then((r) => r.json()));
    const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: T0.toISOString(), expires: new Date(T0.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
    writeFileSync(join(work, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
    expect((await wallet(['trust', 'bundle.json', '--anchor', anchor.did])).code).toBe(0);

    const url = `${issuer.url}/pickup/${issued.pickup.code}`;
    const first = await wallet(['receive', url, '--json']);
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({ outcome: 'added', id: issued.id, verdict: 'VALID' });
    const shown = await wallet(['show', issued.id, '--json']);
    expect(JSON.parse(shown.stdout)).toEqual(issued.verifiableCredential);
    const list = JSON.parse((await wallet(['list', '--json'])).stdout) as { forms: string[] }[];
    expect(list[0]!.forms).toEqual(['record', 'seal']);

    const again = await wallet(['receive', url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('PICKUP_USED');

    const made = await wallet(['present', '--challenge', 'c-123', '--domain', 'school.example', '--out', 'vp.json']);
    expect(made.code).toBe(0);
    const vp = JSON.parse(readFileSync(join(work, 'vp.json'), 'utf8')) as Record<string, unknown>;
    const r = await verifyPresentationDi(vp, { documentLoader: createDocumentLoader(), challenge: 'c-123', domain: 'school.example' });
    expect(r.check.code).toBe('PRESENTATION_SIGNATURE_VALID');
    expect(r.signer).toBe(holder);
  }, 600_000);
});

describe('lp wallet receive: a bulk certificate\'s code delivers all of the learner\'s credentials', () => {
  test('2 learners × 2 achievements: the code on learner 1\'s certificate gives exactly their 2 credentials, each VALID; then PICKUP_USED', async () => {
    // A fresh wallet profile and issuer trust (the first test may not have run).
    const home = mkdtempSync(join(tmpdir(), 'lp-wallet-bulk-'));
    const w = (args: string[]) => new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const env = { PATH: process.env.PATH ?? '', HOME: home, LP_WALLET_DIR: join(home, 'w'), LP_PASSPHRASE: 'learner pass', LP_NOW: NOW.toISOString() };
      execFile(process.execPath, [LP, 'wallet', ...args], { cwd: home, env }, (err, stdout, stderr) => resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr }));
    });
    expect((await w(['init'])).code).toBe(0);

    const deps: IssuerDeps = {
      store: issuer.store, signer: issuer.signer, clock: () => T0, random: (n) => crypto.getRandomValues(new Uint8Array(n)),
      baseUrl: issuer.url, documentLoader: await issuerDocumentLoader(issuer.store),
    };
    const csv = [
      'candidate_number,name,name_latin,date_of_birth,achievement_code,result',
      'B-1,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-MATH,452',
      'B-1,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-ARAB,A',
      'B-2,عمر حداد,Omar Haddad,2011-01-02,BECE-MATH,300',
      'B-2,عمر حداد,Omar Haddad,2011-01-02,BECE-ARAB,C',
    ].join('\n') + '\n';
    const catalogue = (await issuer.store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
    const rows = checkRowsAgainstCatalogue(readResultsCsv(new TextEncoder().encode(csv), { now: T0 }).rows, catalogue, { achievement: 'achievement_code', result: 'result' }).rows;
    expect(rows).toHaveLength(4);
    const report = await issueBulk(deps, { session: '2026-11', rows, runId: 'bulk-e2e' });
    expect(report).toMatchObject({ issued: 4, failed: 0 });
    const out = join(home, 'out');
    const summary = await writeBulkOutput(deps, { outDir: out, session: '2026-11', rows, actor: 'bulk:test' });
    expect(summary).toMatchObject({ learners: 2, certificates: 2, issues: [], warnings: [] });
    expect(readdirSync(join(out, 'certificates')).sort()).toEqual(['B-1.offer.png', 'B-1.offer.txt', 'B-1.pdf', 'B-2.offer.png', 'B-2.offer.txt', 'B-2.pdf']);

    const codeOf = (file: string) => /[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/.exec(pdfText(new Uint8Array(readFileSync(join(out, 'certificates', file)))))?.[0];
    const code = codeOf('B-1.pdf');
    expect(code).toBeDefined();
    expect(codeOf('B-2.pdf')).not.toBe(code);
    const learner1 = await Promise.all(['BECE-MATH', 'BECE-ARAB'].map(async (achievementCode) => (await issuer.store.getCredentialByBulkKey({ candidateNumber: 'B-1', achievementCode, session: '2026-11' }))!.id));

    // Trust taken after the run, so the fragment carries the status lists these credentials use.
    const anchor = await party(2);
    const fragment = zTrustFragment.parse(await fetch(`${issuer.url}/trust/fragment`).then((r) => r.json()));
    const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: T0.toISOString(), expires: new Date(T0.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
    writeFileSync(join(home, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
    expect((await w(['trust', 'bundle.json', '--anchor', anchor.did])).code).toBe(0);

    const url = `${issuer.url}/pickup/${code}`;
    const first = await w(['receive', url]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const id of learner1) expect(lines.some((l) => l.startsWith(`imported: ${id} `) && l.endsWith('— VALID'))).toBe(true);
    expect(lines[2]).toBe('received 2 credentials: 2 VALID');
    const list = JSON.parse((await w(['list', '--json'])).stdout) as { id: string; forms: string[] }[];
    expect(list.map((c) => c.id).sort()).toEqual([...learner1].sort());
    for (const c of list) expect(c.forms).toEqual(['record', 'seal']);
    for (const id of learner1) {
      const shown = JSON.parse((await w(['show', id, '--json'])).stdout) as { id: string };
      expect(shown).toEqual(JSON.parse((await issuer.store.getCredential(id))!.record));
    }

    const again = await w(['receive', url]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('PICKUP_USED');
    expect(((JSON.parse((await w(['list', '--json'])).stdout)) as unknown[]).length).toBe(2);
  }, 600_000);
});
