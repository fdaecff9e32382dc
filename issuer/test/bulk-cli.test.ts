import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { createDocumentLoader } from '@lp/contexts';
import { publicKeyFromDidKey, verify } from '@lp/crypto';
import { decodeSeal, verifyCredentialDi, verifySealSignature } from '@lp/formats';
import { decodeQrFromFile } from '@lp/qr/node';
import { openIssuerStore, redeemPickupCode } from '../src/index.ts';
import { offerSecretHash } from '../src/oid4vci/create-credential-offer.ts';
import { decodeAllQr, pdfText } from './certificate-helpers.ts';
import { rasterisePdf } from '../../test/lib/read-pdf.ts';
import { FIXTURES, lp, tempDir } from './issuer-helpers.ts';

const HEADER = 'candidate_number,name,name_latin,date_of_birth,achievement_code,result';
/** 6 rows, 3 learners: Arabic names, a name that starts with "=" (stays text), both scales. */
const GOOD = [
  HEADER,
  'C-1,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-MATH,452',
  'C-1,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-ARAB,A',
  'C-2,=عمر حداد,Omar Haddad,2011-01-02,BECE-MATH,300',
  'C-2,=عمر حداد,Omar Haddad,2011-01-02,BECE-ARAB,C',
  '2026/77,Мирослава Коваль,Myroslava Koval,2010-12-31,BECE-MATH,600',
  '2026/77,Мирослава Коваль,Myroslava Koval,2010-12-31,BECE-ARAB,B',
].join('\n') + '\n';

const documentLoader = createDocumentLoader();
let dir: string;
let cleanup: () => void;
let env: Record<string, string>;
let issuerDid: string;

const run = (args: string[]) => lp(['issuer', ...args], { cwd: dir, env });

/** Everything stored, as one digest: bad input must leave it exactly as it was. */
function storeDigest(): string {
  const db = new Database(path.join(dir, 'data', 'issuer.sqlite'), { readonly: true });
  try {
    const h = createHash('sha256');
    for (const t of ['credentials', 'status_allocations', 'pickup_codes', 'pickup_code_items', 'status_lists']) {
      h.update(JSON.stringify(db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
    }
    return h.digest('hex');
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('lp-bulk-'));
  env = { LP_DATA_DIR: path.join(dir, 'data'), LP_PASSPHRASE: 'correct horse', LP_PUBLIC_URL: 'https://exams.example' };
  const init = await run(['init', '--name', 'Demo Examinations Board', '--name-ar', 'مجلس الامتحانات التجريبي', '--country', 'JO', '--json']);
  expect(init.code).toBe(0);
  issuerDid = (JSON.parse(init.stdout) as { id: string }).id;
  expect((await run(['achievement', 'add', path.join(FIXTURES, 'catalogue.json')])).code).toBe(0);
  fs.writeFileSync(path.join(dir, 'results.csv'), GOOD);
}, 300_000);

afterAll(() => cleanup());

describe('lp issuer bulk: 6 rows, 3 learners, full output folder', () => {
  it('--dry-run reports what it would issue and issues nothing', async () => {
    const r = await run(['bulk', 'results.csv', '--session', '2026-06', '--dry-run', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, dryRun: true, rows: 6, learners: 3, toIssue: 6, alreadyIssued: 0 });
    const db = new Database(path.join(dir, 'data', 'issuer.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM credentials').get()).toEqual({ n: 0 });
    db.close();
  }, 300_000);

  it('writes records, seals, certificates and transcripts that all verify', async () => {
    const r = await run(['bulk', 'results.csv', '--session', '2026-06', '--out', 'out', '--transcripts', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout) as { issued: number; output: { records: number; seals: number; certificates: number; transcripts: number } };
    expect(summary).toMatchObject({ issued: 6, alreadyIssued: 0, failed: 0, output: { records: 6, seals: 6, certificates: 3, transcripts: 3 } });
    const out = path.join(dir, 'out');
    const publicKey = publicKeyFromDidKey(issuerDid);

    // Full records: Data Integrity verifies; each seal PNG decodes to the stored seal of that record.
    const store = await openIssuerStore(path.join(dir, 'data'));
    try {
      const records = fs.readdirSync(path.join(out, 'records')).sort();
      expect(records.filter((f) => f.startsWith('C-'))).toEqual(['C-1_BECE-ARAB.json', 'C-1_BECE-MATH.json', 'C-2_BECE-ARAB.json', 'C-2_BECE-MATH.json']);
      // "2026/77" is not a safe file name: slugged, with a hash that keeps it apart from "2026_77".
      expect(records.filter((f) => /^2026_77~[0-9a-f]{8}_BECE-(ARAB|MATH)\.json$/.test(f))).toHaveLength(2);
      for (const f of records) {
        const text = fs.readFileSync(path.join(out, 'records', f), 'utf8');
        const cred = JSON.parse(text) as { id: string };
        const stored = await store.getCredential(cred.id);
        expect(stored?.record).toBe(text);
        const v = await verifyCredentialDi(cred, { documentLoader, now: new Date() });
        expect(v.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
        const png = fs.readFileSync(path.join(out, 'seals', f.replace(/\.json$/, '.png')));
        const decoded = await decodeQrFromFile(new Uint8Array(png));
        expect(decoded.text).toBe(stored!.seal);
        const seal = decodeSeal(decoded.text);
        expect(seal.claims.credentialId).toBe(cred.id);
        expect(await verifySealSignature(seal, publicKey, verify)).toBe(true);
      }

      // Certificates: A4 PDFs whose printed seals decode (150 dpi) to the learner's stored seals.
      // Beside each certificate, its credential offer for any OpenID4VCI wallet: link and QR.
      const files = fs.readdirSync(path.join(out, 'certificates')).sort();
      const pdfs = files.filter((f) => f.endsWith('.pdf'));
      expect(pdfs).toHaveLength(3);
      expect(files).toEqual(pdfs.flatMap((f) => [f.replace(/\.pdf$/, '.offer.png'), f.replace(/\.pdf$/, '.offer.txt'), f]).sort());
      // First line the standard offer (any wallet), second the same offer opening our wallet page.
      const [offerUri, offerWalletLink, ...rest] = fs.readFileSync(path.join(out, 'certificates', 'C-1.offer.txt'), 'utf8').split('\n');
      expect(rest).toEqual(['']);
      expect(offerUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer=/);
      expect(offerWalletLink).toBe(`https://exams.example/wallet#offer=${encodeURIComponent(offerUri!)}`);
      expect(decodeURIComponent(new URL(offerWalletLink!).hash.slice('#offer='.length))).toBe(offerUri);
      expect((await decodeQrFromFile(new Uint8Array(fs.readFileSync(path.join(out, 'certificates', 'C-1.offer.png'))))).text).toBe(offerUri);
      const offer = JSON.parse(new URL(offerUri!).searchParams.get('credential_offer')!) as { credential_issuer: string; credential_configuration_ids: string[]; grants: Record<string, { 'pre-authorized_code': string }> };
      expect(offer.credential_issuer).toBe('https://exams.example');
      expect(offer.credential_configuration_ids).toEqual(['AchievementCredential_ldp_vc', 'AchievementCredential_jwt_vc_json', 'ClrCredential_ldp_vc', 'ClrCredential_jwt_vc_json']);
      const preAuthorizedCode = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code'];
      const layla = fs.readFileSync(path.join(out, 'certificates', 'C-1.pdf'));
      expect(new TextDecoder('latin1').decode(layla)).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
      const laylaSeals = [(await store.getCredentialByBulkKey({ candidateNumber: 'C-1', achievementCode: 'BECE-MATH', session: '2026-06' }))!.seal, (await store.getCredentialByBulkKey({ candidateNumber: 'C-1', achievementCode: 'BECE-ARAB', session: '2026-06' }))!.seal];
      // At 150 dpi a 36 mm seal has ~3 px per module; anything missed there is read at 300 dpi.
      // Every printed seal, and the pick-up QR, must be read.
      const found = new Set<string>();
      for (const dpi of [150, 300]) {
        const raster = path.join(dir, `raster-${dpi}`);
        fs.mkdirSync(raster);
        rasterisePdf(new Uint8Array(layla), dpi).forEach((png, i) => fs.writeFileSync(path.join(raster, `c1-${i + 1}.png`), png));
        for (const p of fs.readdirSync(raster).sort()) for (const t of await decodeAllQr(path.join(raster, p))) found.add(t);
        if (laylaSeals.every((s) => found.has(s!)) && [...found].some((t) => !t.startsWith('LP1:'))) break;
      }
      const texts = [...found].filter((t) => t.startsWith('LP1:'));
      expect(texts.sort()).toEqual(laylaSeals.sort());
      for (const t of texts) expect(await verifySealSignature(decodeSeal(t), publicKey, verify)).toBe(true);

      // The name in both scripts, and a pick-up code that delivers, once, every record of the
      // learner's session and then the transcript.
      const text = pdfText(new Uint8Array(layla));
      expect(text).toContain('Layla Ahmad');
      const code = /[0-9A-Z]{4}(?:-[0-9A-Z]{4}){4}/.exec(text)?.[0];
      expect(code).toBeDefined();
      // The pick-up QR is the wallet's link with the same code.
      expect([...found].filter((t) => !t.startsWith('LP1:'))).toEqual([`https://exams.example/wallet#pickup=${code}`]);
      const picked = await redeemPickupCode(store, code!, new Date());
      const laylaIds = [(await store.getCredentialByBulkKey({ candidateNumber: 'C-1', achievementCode: 'BECE-MATH', session: '2026-06' }))!.id, (await store.getCredentialByBulkKey({ candidateNumber: 'C-1', achievementCode: 'BECE-ARAB', session: '2026-06' }))!.id];
      expect(picked.credentials).toHaveLength(3);
      expect(picked.credentials.slice(0, 2).map((c) => c.id).sort()).toEqual([...laylaIds].sort());
      const clr = picked.credentials[2]!.credential as { type: string[]; credentialSubject: { verifiableCredential: { id: string }[] } };
      expect(clr.type).toContain('ClrCredential');
      expect(clr.credentialSubject.verifiableCredential.map((c) => c.id).sort()).toEqual([...laylaIds].sort());
      await expect(redeemPickupCode(store, code!, new Date())).rejects.toMatchObject({ code: 'PICKUP_GONE' });
      // The certificate's offer was the other door to the same copy: collected, it is spent.
      expect(await store.redeemCredentialOffer(offerSecretHash(preAuthorizedCode), null, new Date().toISOString(), 3)).toEqual({ ok: false, reason: 'used' });

      // Transcripts: CLR 2.0, signed, with their own transcript seal.
      const t = JSON.parse(fs.readFileSync(path.join(out, 'transcripts', 'C-1.json'), 'utf8')) as object;
      const tv = await verifyCredentialDi(t, { documentLoader, now: new Date() });
      expect(tv.checks.find((c) => c.id === 'signature')?.code).toBe('SIGNATURE_VALID');
      expect(tv.checks.find((c) => c.id === 'profile')?.status).toBe('pass');
      const tseal = decodeSeal((await decodeQrFromFile(new Uint8Array(fs.readFileSync(path.join(out, 'transcripts', 'C-1-seal.png'))))).text);
      expect(tseal.claims.kind).toBe('ClrCredential');
      expect(tseal.claims.achievements).toHaveLength(2);
      expect(await verifySealSignature(tseal, publicKey, verify)).toBe(true);
    } finally {
      await store.close();
    }

    // The manifest is a CSV this tool writes: the "=" name is neutralised there, kept as text in the record.
    const manifest = parse(fs.readFileSync(path.join(out, 'manifest.csv')), { bom: true }) as string[][];
    expect(manifest).toHaveLength(7);
    expect(manifest.find((row) => row[0] === 'C-2')?.[1]).toBe("'=عمر حداد");
    const omar = JSON.parse(fs.readFileSync(path.join(out, 'records', 'C-2_BECE-MATH.json'), 'utf8')) as { credentialSubject: { identifier: { identityHash: string }[] } };
    expect(omar.credentialSubject.identifier[0]!.identityHash).toBe('=عمر حداد');
  }, 240_000);

  it('runs again as a no-op: nothing issued twice, certificates (and their pick-up codes) kept', async () => {
    const before = storeDigest();
    const r = await run(['bulk', 'results.csv', '--session', '2026-06', '--out', 'out', '--transcripts', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ issued: 0, alreadyIssued: 6, output: { certificates: 0, certificatesKept: 3, transcripts: 3 } });
    expect(storeDigest()).toBe(before);
  }, 300_000);
});

describe('lp issuer bulk: bad input changes nothing stored', () => {
  const cases: [string, string, string | Uint8Array][] = [
    ['Windows-1256 bytes', 'CSV_ENCODING', new Uint8Array([...new TextEncoder().encode(HEADER + '\nC-9,'), 0xe1, 0xed, 0xe1, 0xec, ...new TextEncoder().encode(',Layla,2010-03-04,BECE-MATH,452\n')])],
    ['a missing column', 'CSV_MISSING_COLUMN', 'candidate_number,name,name_latin,date_of_birth,achievement_code\nC-9,L,L,2010-03-04,BECE-MATH\n'],
    ['a duplicate key', 'CSV_DUPLICATE_KEY', `${HEADER}\nC-9,L,L,2010-03-04,BECE-MATH,1\nC-9,L,L,2010-03-04,BECE-MATH,2\n`],
    ['a result off the scale', 'RESULT_OUT_OF_SCALE', `${HEADER}\nC-9,L,L,2010-03-04,BECE-MATH,601\n`],
    ['a date of birth in the future', 'DATE_OF_BIRTH_IN_FUTURE', `${HEADER}\nC-9,L,L,2999-01-01,BECE-MATH,1\n`],
    ['a malformed date of birth', 'DATE_OF_BIRTH_INVALID', `${HEADER}\nC-9,L,L,04/03/2010,BECE-MATH,1\n`],
    ['an unknown achievement', 'ACHIEVEMENT_UNKNOWN', `${HEADER}\nC-9,L,L,2010-03-04,BECE-PHYS,1\n`],
    ['one bad row among good ones', 'RESULT_OUT_OF_SCALE', `${HEADER}\nC-8,L,L,2010-03-04,BECE-MATH,1\nC-9,L,L,2010-03-04,BECE-MATH,-1\n`],
  ];

  it.each(cases)('%s → exit 2, %s, nothing issued (also with --dry-run for a bad row among good ones)', async (label, code, content) => {
    const before = storeDigest();
    fs.writeFileSync(path.join(dir, 'bad.csv'), content);
    for (const extra of label.startsWith('one bad row') ? [[], ['--dry-run']] : [[]]) {
      const r = await run(['bulk', 'bad.csv', '--session', '2026-06', ...extra]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(code);
      expect(r.stderr).toContain('nothing issued');
    }
    expect(storeDigest()).toBe(before);
  }, 300_000);

  it('--report writes the problems as CSV with formula-like cells neutralised', async () => {
    fs.writeFileSync(path.join(dir, 'bad.csv'), `${HEADER}\nC-9,L,L,2010-03-04,=cmd|calc,1\n`);
    const r = await run(['bulk', 'bad.csv', '--session', '2026-06', '--report', 'errors.csv']);
    expect(r.code).toBe(2);
    const rows = parse(fs.readFileSync(path.join(dir, 'errors.csv')), { bom: true }) as string[][];
    expect(rows[0]).toEqual(['row', 'column', 'code', 'message']);
    expect(rows[1]!.slice(0, 3)).toEqual(['2', 'achievement_code', 'ACHIEVEMENT_UNKNOWN']);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@]/);
  }, 300_000);

  it('a name with a right-to-left override or a zero-width space is refused (NAME_INVISIBLE_CHARACTERS, exit 2), nothing issued', async () => {
    const before = storeDigest();
    fs.writeFileSync(path.join(dir, 'hidden.csv'), `${HEADER}\nC-20,Layla \u202EdamhA,Layla Ahmad,2010-03-04,BECE-MATH,452\nC-21,Omar,Om\u200Bar,2010-03-04,BECE-MATH,400\n`);
    const r = await run(['bulk', 'hidden.csv', '--session', '2026-06', '--json']);
    expect(r.code).toBe(2);
    const issues = (JSON.parse(r.stdout) as { issues: { row: number; column: string; code: string }[] }).issues;
    expect(issues.map((i) => [i.row, i.column, i.code])).toEqual([[2, 'name', 'NAME_INVISIBLE_CHARACTERS'], [3, 'name_latin', 'NAME_INVISIBLE_CHARACTERS']]);
    expect(storeDigest()).toBe(before);
  }, 300_000);

  it('usage errors exit 2: no --session, no file, a flag that needs --out', async () => {
    expect((await run(['bulk', 'results.csv'])).code).toBe(2);
    expect((await run(['bulk', 'missing.csv', '--session', 'x'])).stderr).toContain('INPUT_INVALID');
    expect((await run(['bulk', 'results.csv', '--session', 'x', '--transcripts'])).code).toBe(2);
  }, 300_000);
});
