// Certificates written by bulk output: drawn in threads or in the calling thread, the files are the
// same; each PDF embeds subsets of its fonts, not the font files; the seals printed on the page
// decode to the stored seals; and a certificate drawn after others is byte for byte the one drawn
// first (fonts and shaped text are shared between documents, nothing else is).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CatalogueAchievementSchema } from '@lp/model';
import { decodeQrFromFile } from '@lp/qr/node';
import {
  addAchievements, checkRowsAgainstCatalogue, initIssuer, issueBulk, issuerDocumentLoader, openIssuerStore, parseCatalogueFile,
  readResultsCsv, unlockSigningKey, writeBulkOutput,
} from '../src/index.ts';
import type { CheckedRow, IssuerDeps } from '../src/index.ts';
import { renderCertificatePdf } from '../src/certificate/index.ts';
import type { CertificateInput } from '../src/certificate/index.ts';
import type { SqliteIssuerStore } from '../src/store/index.ts';
import { decodeAllQr, fakeSealText, pdfPageCount, pdfText, qrPng, rasterise } from './certificate-helpers.ts';
import { FIXTURES, T0, TEST_SCRYPT, tempDir } from './issuer-helpers.ts';

const SESSION = '2026-06';
const LEARNERS: [string, string, string][] = [
  ['C-1', 'ليلى أحمد', 'Layla Ahmad'],
  ['C-2', 'عمر حداد', 'Omar Haddad'],
  ['C-3', 'Мирослава Коваль', 'Myroslava Koval'],
  ['C-4', 'زهرا رحیمی', 'Zahra Rahimi'],
];

let dir: string;
let cleanup: () => void;
let store: SqliteIssuerStore;
let deps: IssuerDeps;
let rows: CheckedRow[];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lp-bulk-cert-'));
  store = await openIssuerStore(path.join(dir, 'data'), { create: true });
  await initIssuer(store, { names: { ar: 'مجلس الامتحانات', en: 'Examinations Board' }, country: 'JO', passphrase: 'pw', now: T0, actor: 'test', keyFile: { scrypt: TEST_SCRYPT } });
  await addAchievements(store, parseCatalogueFile(fs.readFileSync(path.join(FIXTURES, 'catalogue.json'), 'utf8'), 'json'), { now: T0, actor: 'test' });
  const signer = await unlockSigningKey(store, 'pw', { minN: TEST_SCRYPT.N });
  deps = {
    store, signer, clock: () => T0, random: (n) => crypto.getRandomValues(new Uint8Array(n)), baseUrl: 'https://exams.example',
    documentLoader: await issuerDocumentLoader(store),
  };
  const csv = ['candidate_number,name,name_latin,date_of_birth,achievement_code,result',
    ...LEARNERS.flatMap(([c, name, latin], i) => [`${c},${name},${latin},2010-03-04,BECE-MATH,${300 + i}`, `${c},${name},${latin},2010-03-04,BECE-ARAB,${'ABCD'[i]}`])].join('\n') + '\n';
  const catalogue = (await store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
  rows = checkRowsAgainstCatalogue(readResultsCsv(new TextEncoder().encode(csv), { now: T0 }).rows, catalogue, { achievement: 'achievement_code', result: 'result' }).rows;
  expect(await issueBulk(deps, { session: SESSION, rows, runId: 'cert-test', threads: 0 })).toMatchObject({ issued: 8, failed: 0 });
}, 120_000);

afterAll(async () => {
  await store.close();
  cleanup();
});

const read = (out: string, f: string) => new Uint8Array(fs.readFileSync(path.join(out, f)));
/** What a certificate says, its one-time pick-up code (random on every run) masked. */
const certificateText = (pdf: Uint8Array) => pdfText(pdf).replace(/[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/g, 'CODE');

describe('certificates drawn one after another in one process', () => {
  const input = async (lang: string, issuer: string, learner: [string, string], subject: string, seed: number): Promise<CertificateInput> => ({
    issuer: { names: { [lang]: issuer, en: 'Ministry of Education' }, country: 'AF' },
    languages: [lang, 'en'],
    learner: { nameAsWritten: learner[0], nameLatin: learner[1] },
    session: 'June 2026',
    achievements: [{ code: 'SUBJ', names: { [lang]: subject, en: 'Subject' }, result: '90/100', sealPng: await qrPng(fakeSealText(seed)) }],
    pickupCode: 'K7QX-9M2P-4HTW',
    issuedAt: '2026-07-01T09:00:00Z',
  });

  it('extract as their own text, and are byte for byte what the same input gives when drawn first', async () => {
    const pashto = await input('ps', 'د پوهنې وزارت', ['مېوند ځدراڼ', 'Maiwand Zadran'], 'پښتو ژبه', 1);
    const urdu = await input('ur', 'وفاقی تعلیمی بورڈ', ['عائشہ بی بی', 'Ayesha Bibi'], 'پڑھنے کی مہارت', 2);
    const dari = await input('prs', 'وزارت معارف', ['زهرا رحیمی', 'Zahra Rahimi'], 'علوم اجتماعی', 3);
    // The first certificate this file draws (jest gives each file its own modules): `first` is cold.
    const first = await renderCertificatePdf(pashto);
    expect(pdfText(await renderCertificatePdf(urdu))).toContain('عائشہ بی بی');
    // Letters an earlier PDF's font subset touched (as parts of composite glyphs) still extract.
    const text = pdfText(await renderCertificatePdf(dari));
    for (const s of ['زهرا رحیمی', 'وزارت معارف', 'علوم اجتماعی']) expect(text).toContain(s);
    const again = await renderCertificatePdf(pashto);
    expect(Buffer.compare(again, first)).toBe(0);
  });
});

describe('bulk certificates drawn in threads', () => {
  let inThread: string;
  let threaded: string;
  beforeAll(async () => {
    inThread = path.join(dir, 'out-0');
    threaded = path.join(dir, 'out-2');
    const one = await writeBulkOutput(deps, { outDir: inThread, session: SESSION, rows, actor: 'test', threads: 0 });
    const two = await writeBulkOutput(deps, { outDir: threaded, session: SESSION, rows, actor: 'test', threads: 2 });
    for (const s of [one, two]) expect(s).toMatchObject({ learners: 4, records: 8, seals: 8, certificates: 4, issues: [], warnings: [] });
  }, 120_000);

  it('writes the same files as the calling thread: records, seal PNGs and manifest byte for byte, certificates with the same text', () => {
    const list = (out: string) => fs.readdirSync(out, { recursive: true, encoding: 'utf8' }).sort();
    expect(list(threaded)).toEqual(list(inThread));
    for (const f of list(inThread).filter((f) => /^(records|seals)\/|manifest\.csv$/.test(f))) expect({ f, same: Buffer.compare(read(threaded, f), read(inThread, f)) === 0 }).toEqual({ f, same: true });
    for (const [c] of LEARNERS) {
      const [a, b] = [read(inThread, `certificates/${c}.pdf`), read(threaded, `certificates/${c}.pdf`)];
      expect(certificateText(b)).toBe(certificateText(a));
      expect(pdfPageCount(b)).toBe(pdfPageCount(a));
    }
  });

  it('keeps the certificates already written and makes the missing one, with its own new pick-up code and offer', async () => {
    const offerBefore = fs.readFileSync(path.join(threaded, 'certificates/C-3.offer.txt'), 'utf8');
    fs.rmSync(path.join(threaded, 'certificates/C-3.pdf'));
    const again = await writeBulkOutput(deps, { outDir: threaded, session: SESSION, rows, actor: 'test', threads: 2 });
    expect(again).toMatchObject({ learners: 4, certificates: 1, certificatesKept: 3, issues: [] });
    expect(fs.readFileSync(path.join(threaded, 'certificates/C-3.offer.txt'), 'utf8')).not.toBe(offerBefore);
    const text = pdfText(read(threaded, 'certificates/C-3.pdf'));
    expect(text).toContain('Myroslava Koval');
    expect(text).toContain('Мирослава Коваль');
  }, 120_000);

  it('seal PNGs are 1-bit greyscale and decode to the stored seals', async () => {
    for (const row of rows) {
      const rec = (await store.getCredentialByBulkKey({ candidateNumber: row.data.candidateNumber, achievementCode: row.data.achievementCode, session: SESSION }))!;
      const png = read(threaded, `seals/${row.data.candidateNumber}_${row.data.achievementCode}.png`);
      expect(Array.from(png.subarray(24, 26))).toEqual([1, 0]);
      expect((await decodeQrFromFile(png)).text).toBe(rec.seal);
    }
  });

  it('each certificate embeds subsets of its fonts (a few KB each, not the 130–630 KB files) and stays small', () => {
    for (const [c] of LEARNERS) {
      const pdf = read(threaded, `certificates/${c}.pdf`);
      const text = new TextDecoder('latin1').decode(pdf);
      // PDF 32000-1 §9.6.4: a subset font's name starts with six uppercase letters and '+'.
      const names = [...new Set([...text.matchAll(/\/BaseFont \/([^\s/]+)/g)].map((m) => m[1]!))];
      expect(names.length).toBeGreaterThanOrEqual(2);
      for (const n of names) expect(n).toMatch(/^[A-Z]{6}\+Noto/);
      const programs = [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => Number(new RegExp(`\\n${m[1]} 0 obj\\n<<[^>]*?/Length (\\d+)`).exec(text)?.[1]));
      expect(programs.length).toBe(names.length);
      for (const bytes of programs) expect(bytes).toBeLessThan(20_000);
      expect(pdf.length).toBeLessThan(60_000);
    }
  });

  it('prints seals that decode, from the rendered page, to the learner\'s stored seals, with the names right to left', async () => {
    for (const [c, name, latin] of [LEARNERS[0]!, LEARNERS[3]!]) {
      const pdf = read(threaded, `certificates/${c}.pdf`);
      const decoded = (await Promise.all(rasterise(pdf, `bulk-${c}`).map((p) => decodeAllQr(p)))).flat();
      const stored = await Promise.all(['BECE-MATH', 'BECE-ARAB'].map(async (a) => (await store.getCredentialByBulkKey({ candidateNumber: c, achievementCode: a, session: SESSION }))!.seal));
      expect(decoded.filter((t) => t.startsWith('LP1:')).sort()).toEqual(stored.sort());
      expect(decoded.filter((t) => !t.startsWith('LP1:'))).toEqual([expect.stringMatching(/^https:\/\/exams\.example\/wallet#pickup=/)]);
      const text = pdfText(pdf);
      expect(text).toContain(name);
      expect(text).toContain(latin);
    }
  }, 60_000);
});
