// Past results through the real `lp` commands, each in its own process: an examination body made
// today issues a results file whose awarded_date column says 2012, 2019 and today (and one row
// without a date); a school verifies each seal and record with `lp verify` (VALID, showing the
// award date), a learner imports them with `lp wallet import` (VALID), and each certificate prints
// the award date of its result. A file with bad award dates is refused with each row's code.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { pdfText } from '../issuer/test/certificate-helpers.ts';
import { FIXTURES, lp, tempDir } from '../issuer/test/issuer-helpers.ts';

const PASS = 'exam office passphrase';
const ANCHOR_PASS = 'regional anchor passphrase';
// These commands run on the real clock (the CLI takes no injected one): "today" is the UTC date now.
const TODAY = new Date().toISOString().slice(0, 10);
const HEADER = 'candidate_number,name,name_latin,date_of_birth,achievement_code,result,awarded_date';
const ROWS: [string, string | undefined][] = [['C-2012', '2012-06-30'], ['C-2019', '2019-06-30'], ['C-TODAY', TODAY], ['C-NONE', undefined]];

describe('award dates end to end through the CLI', () => {
  const tmp = tempDir('lp-award-cli-');
  const issuerEnv = { LP_DATA_DIR: 'issuer-data', LP_PASSPHRASE: PASS };
  const issuer = (args: string[]) => lp(['issuer', ...args], { cwd: tmp.dir, env: issuerEnv });
  const wallet = (args: string[]) => lp(['wallet', ...args], { cwd: tmp.dir, env: { LP_WALLET_DIR: 'wallet-data', LP_PASSPHRASE: 'learner passphrase' } });
  let anchorDid = '';
  const verify = (file: string, json = true) =>
    lp(['verify', file, '--trust', 'bundle.json', '--anchor', anchorDid, ...(json ? ['--json'] : [])], { cwd: tmp.dir, env: { LP_DATA_DIR: 'school-data' } });

  beforeAll(async () => {
    expect((await issuer(['init', '--name', 'National Examinations Board', '--name-ar', 'مجلس الامتحانات الوطني', '--country', 'JO'])).code).toBe(0);
    expect((await issuer(['achievement', 'add', path.join(FIXTURES, 'catalogue.json')])).code).toBe(0);
    const csv = [
      HEADER,
      ...ROWS.map(([c, d], i) => `${c},ليلى ${i},Layla ${String.fromCharCode(65 + i)},2000-03-04,BECE-MATH,${400 + i},${d ?? ''}`),
      // A second result of the first learner, awarded in another year: its transcript holds both dates.
      'C-2012,ليلى 0,Layla A,2000-03-04,BECE-ARAB,A,2019-06-30',
    ].join('\n') + '\n';
    fs.writeFileSync(path.join(tmp.dir, 'results.csv'), csv);
    const bulk = await issuer(['bulk', 'results.csv', '--session', '2026-06', '--out', 'out', '--transcripts']);
    expect(bulk.stderr).toBe('');
    expect(bulk.code).toBe(0);
    const anchor = await lp(['trust', 'init-anchor', '--out', 'anchor-key.json'], { cwd: tmp.dir, env: { LP_PASSPHRASE: ANCHOR_PASS } });
    anchorDid = anchor.stdout.trim().split('\n').at(-1)!;
    expect((await issuer(['export-trust', '--out', 'fragment.json'])).code).toBe(0);
    const built = await lp(['trust', 'build', '--anchor', 'anchor-key.json', '--add', 'fragment.json', '--sequence', '1', '--expires', '2099-01-01', '--out', 'bundle.json'], { cwd: tmp.dir, env: { LP_PASSPHRASE: ANCHOR_PASS } });
    expect(built.code).toBe(0);
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it('lp verify: every seal and record VALID (exit 0) with its own award date; the key was made today', async () => {
    const fragment = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'fragment.json'), 'utf8')) as { keys: { validFrom: string }[] };
    expect(fragment.keys[0]!.validFrom.slice(0, 10)).toBe(TODAY);
    for (const [candidate, date] of ROWS) {
      const record = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'out', 'records', `${candidate}_BECE-MATH.json`), 'utf8')) as { awardedDate: string; proof: { created: string } };
      expect(record.awardedDate.slice(0, 10)).toBe(date ?? record.proof.created.slice(0, 10));
      for (const file of [path.join('out', 'seals', `${candidate}_BECE-MATH.png`), path.join('out', 'records', `${candidate}_BECE-MATH.json`)]) {
        const r = await verify(file);
        const body = JSON.parse(r.stdout) as { verdict: string; achievements: { awardedAt?: string }[]; checks: { status: string }[] };
        expect([file, r.code, body.verdict, body.checks.filter((c) => c.status !== 'pass')]).toEqual([file, 0, 'VALID', []]);
        expect([file, body.achievements[0]?.awardedAt?.slice(0, 10)]).toEqual([file, date ?? record.proof.created.slice(0, 10)]);
      }
    }
    const human = await verify(path.join('out', 'seals', 'C-2012_BECE-MATH.png'), false);
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('awarded:   2012-06-30');
    expect(human.stdout).toMatch(new RegExp(`signed: +${TODAY}T`));
    expect(human.stdout).toContain('verdict: VALID');
  });

  it('the transcript (CLR) of a learner with results from 2012 and 2019 verifies VALID, record and seal, with both award dates', async () => {
    for (const file of [path.join('out', 'transcripts', 'C-2012.json'), path.join('out', 'transcripts', 'C-2012-seal.png')]) {
      const r = await verify(file);
      const body = JSON.parse(r.stdout) as { verdict: string; achievements: { code?: string; awardedAt?: string }[] };
      expect([file, r.code, body.verdict]).toEqual([file, 0, 'VALID']);
      const dates = Object.fromEntries(body.achievements.filter((a) => a.code).map((a) => [a.code, a.awardedAt?.slice(0, 10)]));
      expect([file, dates['BECE-MATH'], dates['BECE-ARAB']]).toEqual([file, '2012-06-30', '2019-06-30']);
    }
  });

  it('each certificate prints its results\' award dates', () => {
    expect(pdfText(fs.readFileSync(path.join(tmp.dir, 'out', 'certificates', 'C-2012.pdf')))).toContain('Awarded: 2019-06-30');
    for (const [candidate, date] of ROWS.filter(([, d]) => d !== undefined)) {
      const text = pdfText(fs.readFileSync(path.join(tmp.dir, 'out', 'certificates', `${candidate}.pdf`)));
      expect([candidate, text.includes(`Awarded: ${date}`)]).toEqual([candidate, true]);
    }
  });

  it('lp wallet import: the 2012 record and seal are VALID and show the award date', async () => {
    expect((await wallet(['init'])).code).toBe(0);
    expect((await wallet(['trust', 'bundle.json', '--anchor', anchorDid])).code).toBe(0);
    const record = await wallet(['import', path.join('out', 'records', 'C-2012_BECE-MATH.json'), '--json']);
    expect(record.stderr).toBe('');
    const imported = JSON.parse(record.stdout) as { id: string; verdict: string };
    expect([record.code, imported.verdict]).toEqual([0, 'VALID']);
    const seal = await wallet(['import', path.join('out', 'seals', 'C-2012_BECE-MATH.png'), '--json']);
    expect([seal.code, (JSON.parse(seal.stdout) as { verdict: string }).verdict]).toEqual([0, 'VALID']);
    const shown = await wallet(['show', imported.id]);
    expect(shown.stdout).toContain('awarded   2012-06-30');
    expect(shown.stdout).toMatch(/now\s+VALID/);
  });

  it('a results file with bad award dates is refused, each row with its code, and nothing is issued', async () => {
    const bad = [HEADER,
      'D-1,Omar,Omar,2000-01-01,BECE-MATH,300,30/06/2019',
      'D-2,Omar B,Omar B,2000-01-01,BECE-MATH,300,1949-12-31',
      'D-3,Omar C,Omar C,2000-01-01,BECE-MATH,300,2099-01-01',
      'D-4,Omar D,Omar D,2000-01-01,BECE-MATH,300,2019-06-30',
    ].join('\n') + '\n';
    fs.writeFileSync(path.join(tmp.dir, 'bad.csv'), bad);
    const stored = () => {
      const db = new Database(path.join(tmp.dir, 'issuer-data', 'issuer.sqlite'), { readonly: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM credentials').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    const before = stored();
    const r = await issuer(['bulk', 'bad.csv', '--session', '2026-07', '--out', 'out-bad', '--report', 'bad-report.csv']);
    expect(r.code).toBe(2);
    const report = fs.readFileSync(path.join(tmp.dir, 'bad-report.csv'), 'utf8');
    expect(report).toMatch(/^2,awarded_date,CELL_INVALID,/m);
    expect(report).toMatch(/^3,awarded_date,CELL_INVALID,/m);
    expect(report).toMatch(/^4,awarded_date,DATE_IN_FUTURE,/m);
    expect(report).not.toMatch(/^5,/m);
    expect(stored()).toBe(before);
  });
});
