// The issuer's public URL belongs to the issuer: set at `lp issuer init --public-url`, stored, and
// the same in the server, `lp issuer export-trust`, revocation and bulk runs, whatever PORT each
// process has. A process whose LP_PUBLIC_URL disagrees is refused and changes nothing.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { zTrustFragment } from '@lp/trust';
import { startServer } from '../../cli/src/server.ts';
import {
  addAchievements, exportTrustFragment, initIssuer, issueCredential, issuerDocumentLoader, openIssuerStore, parseCatalogueFile, resolvePublicUrl, unlockSigningKey,
} from '../src/index.ts';
import { FIXTURES, ISSUE_FROM_CATALOGUE, T0, TEST_SCRYPT, dbFingerprint, lp, post, tempDir } from './issuer-helpers.ts';

const PASS = 'correct horse battery';
const ANCHOR_PASS = 'anchor passphrase';

describe('lp issuer init --public-url: one URL in every process (CLI child processes and lp serve)', () => {
  const tmp = tempDir('lp-public-url-');
  const dataDir = path.join(tmp.dir, 'data');
  // A PORT that is not the server's: before, export-trust signed lists under http://localhost:PORT.
  const env = { LP_DATA_DIR: 'data', LP_PASSPHRASE: PASS, PORT: '9999' };
  const run = (args: string[], extra: Record<string, string> = {}) => lp(['issuer', ...args], { cwd: tmp.dir, env: { ...env, ...extra } });
  const fingerprint = () => {
    const db = new Database(path.join(dataDir, 'issuer.sqlite'), { readonly: true });
    try {
      return dbFingerprint(db);
    } finally {
      db.close();
    }
  };
  let apiKey = '';
  let credential: any;

  beforeAll(async () => {
    const init = await run(['init', '--name', 'Exams Board', '--country', 'JO', '--public-url', 'https://Exams.example/']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('public URL https://exams.example');
    expect((await run(['achievement', 'add', path.join(FIXTURES, 'catalogue.json')])).code).toBe(0);
    apiKey = (await run(['api-key', 'create'])).stdout.trim().split('\n').at(-1)!;
  });
  afterAll(() => tmp.cleanup());

  it('show prints the stored URL; the server (port 0, no LP_PUBLIC_URL) issues and serves lists under it', async () => {
    expect(JSON.parse((await run(['show', '--json'])).stdout).publicUrl).toBe('https://exams.example');
    const server = await startServer({ port: 0, env: { LP_DATA_DIR: dataDir, LP_PASSPHRASE: PASS }, cwd: tmp.dir, log: () => {} });
    try {
      const res = await post({ url: server.url, apiKey }, '/credentials/issue', ISSUE_FROM_CATALOGUE);
      expect(res.status).toBe(201);
      credential = (await res.json() as any).verifiableCredential;
      for (const s of credential.credentialStatus) expect(s.statusListCredential).toMatch(/^https:\/\/exams\.example\/status\/[a-z]+-\d+$/);
      const listId = credential.credentialStatus[0].statusListCredential.split('/').at(-1);
      const list = await fetch(`${server.url}/status/${listId}`).then((r) => r.json()) as any;
      expect(list.id).toBe(`https://exams.example/status/${listId}`);
    } finally {
      await server.stop();
    }
    fs.writeFileSync(path.join(tmp.dir, 'credential.json'), JSON.stringify(credential));
  });

  it('export-trust without LP_PUBLIC_URL (another PORT) publishes the same lists, and a bundle from it verifies the status (no STATUS_LIST_MISMATCH)', async () => {
    const exported = await run(['export-trust', '--out', 'fragment.json']);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    const fragment = zTrustFragment.parse(JSON.parse(fs.readFileSync(path.join(tmp.dir, 'fragment.json'), 'utf8')));
    expect(fragment.statusLists.length).toBeGreaterThanOrEqual(2);
    for (const l of fragment.statusLists) {
      expect(l.url).toMatch(/^https:\/\/exams\.example\/status\//);
      expect(l.credential.id).toBe(l.url);
    }
    const anchor = await lp(['trust', 'init-anchor', '--out', 'anchor-key.json'], { cwd: tmp.dir, env: { LP_PASSPHRASE: ANCHOR_PASS } });
    const anchorDid = anchor.stdout.trim().split('\n').at(-1)!;
    const built = await lp(['trust', 'build', '--anchor', 'anchor-key.json', '--add', 'fragment.json', '--sequence', '1', '--expires', '2099-01-01', '--out', 'bundle.json'],
      { cwd: tmp.dir, env: { LP_PASSPHRASE: ANCHOR_PASS } });
    expect(built.code).toBe(0);
    const verified = await lp(['verify', 'credential.json', '--trust', 'bundle.json', '--anchor', anchorDid, '--json'], { cwd: tmp.dir, env: { LP_DATA_DIR: 'school' } });
    const result = JSON.parse(verified.stdout) as { verdict: string; checks: { id: string; status: string; code: string }[] };
    expect(result.checks.find((c) => c.id === 'status')).toMatchObject({ status: 'pass' });
    expect(result.verdict).toBe('VALID');
  });

  it('an LP_PUBLIC_URL that disagrees is refused (PUBLIC_URL_MISMATCH) by export-trust, revoke, bulk and lp serve; nothing stored changes', async () => {
    const before = fingerprint();
    const other = { LP_PUBLIC_URL: 'https://other.example' };
    for (const args of [['export-trust', '--out', 'other.json'], ['revoke', credential.id, '--reason', 'test'], ['bulk', path.join(FIXTURES, 'nope.csv'), '--session', 'S']]) {
      if (args[0] === 'bulk') {
        fs.writeFileSync(path.join(tmp.dir, 'results.csv'), 'candidate_number,name,name_latin,date_of_birth,achievement_code,result\nC-1,Omar,Omar,2010-03-04,BECE-MATH,452\n');
        args[1] = 'results.csv';
      }
      const r = await run(args, other);
      expect({ args: args[0], code: r.code }).toEqual({ args: args[0], code: 2 });
      expect(r.stderr).toContain('PUBLIC_URL_MISMATCH');
      expect(r.stderr).toContain('https://exams.example');
    }
    expect(fs.existsSync(path.join(tmp.dir, 'other.json'))).toBe(false);
    await expect(startServer({ port: 0, env: { LP_DATA_DIR: dataDir, LP_PASSPHRASE: PASS, ...other }, cwd: tmp.dir, log: () => {} }))
      .rejects.toMatchObject({ code: 'PUBLIC_URL_MISMATCH' });
    const serve = await lp(['serve', '--port', '0'], { cwd: tmp.dir, env: { ...env, ...other, LP_DEMO: '0' } });
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('PUBLIC_URL_MISMATCH');
    expect(fingerprint()).toBe(before);
    // The same URL written differently (trailing slash, upper-case host) agrees.
    expect((await run(['export-trust', '--out', 'same.json'], { LP_PUBLIC_URL: 'https://EXAMS.example/' })).code).toBe(0);
  });

  it('set-public-url re-signs the lists under the new URL and says which credentials still name the old one', async () => {
    const changed = await run(['set-public-url', 'https://new.example']);
    expect(changed.code).toBe(0);
    expect(changed.stdout).toContain('https://exams.example → https://new.example');
    expect(changed.stdout).toMatch(/re-signed 2 status list\(s\)/);
    expect(changed.stdout).toMatch(/1 credential\(s\) already issued still name https:\/\/exams\.example/);
    expect((await run(['export-trust', '--out', 'new.json'])).code).toBe(0);
    const fragment = zTrustFragment.parse(JSON.parse(fs.readFileSync(path.join(tmp.dir, 'new.json'), 'utf8')));
    for (const l of fragment.statusLists) expect(l.credential.id).toBe(l.url);
    expect(fragment.statusLists.every((l) => l.url.startsWith('https://new.example/status/'))).toBe(true);
    const again = await run(['set-public-url', 'https://new.example/', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ changed: false, statusListsResigned: 0 });
  });

  it('a URL that is not absolute http(s) is refused at init and set-public-url (PUBLIC_URL_INVALID)', async () => {
    for (const bad of ['exams.example', 'ftp://exams.example', 'https://exams.example/?x=1']) {
      const r = await run(['set-public-url', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('PUBLIC_URL_INVALID');
    }
    const fresh = tempDir('lp-public-url-bad-');
    try {
      const r = await lp(['issuer', 'init', '--name', 'X', '--country', 'JO', '--public-url', 'not a url'], { cwd: fresh.dir, env: { LP_DATA_DIR: 'd', LP_PASSPHRASE: PASS } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('PUBLIC_URL_INVALID');
    } finally {
      fresh.cleanup();
    }
  });
});

describe('an issuer made before the public URL was stored adopts one, once', () => {
  it('from the credentials it issued (then LP_PUBLIC_URL must agree), audited', async () => {
    const tmp = tempDir('lp-public-url-legacy-');
    const store = await openIssuerStore(tmp.dir, { create: true });
    try {
      await initIssuer(store, { names: { en: 'Legacy Board' }, country: 'JO', passphrase: 'pw', now: T0, actor: 'cli', keyFile: { scrypt: TEST_SCRYPT } });
      await addAchievements(store, parseCatalogueFile(fs.readFileSync(path.join(FIXTURES, 'catalogue.json'), 'utf8'), 'json'), { now: T0, actor: 'cli' });
      const signer = await unlockSigningKey(store, 'pw', { minN: TEST_SCRYPT.N });
      const documentLoader = await issuerDocumentLoader(store);
      await issueCredential(
        { store, signer, clock: () => T0, random: (n) => crypto.getRandomValues(new Uint8Array(n)), baseUrl: 'https://legacy.example', documentLoader },
        { ...ISSUE_FROM_CATALOGUE.options, result: { value: '452' }, actor: 'cli' },
      );
      // What the old export-trust did without LP_PUBLIC_URL: lists signed under http://localhost:8080.
      const wrong = await exportTrustFragment({ store, signer, clock: () => T0, baseUrl: 'http://localhost:8080', documentLoader });
      expect(wrong.statusLists[0]!.credential.id).toMatch(/^http:\/\/localhost:8080\//);
      expect((await store.getProfile())!.publicUrl).toBeUndefined();
      const before = dbFingerprint(store.db);
      await expect(resolvePublicUrl(store, { envUrl: 'https://other.example', fallback: 'http://localhost:8080', now: T0, actor: 'serve' }))
        .rejects.toMatchObject({ code: 'PUBLIC_URL_MISMATCH' });
      expect(dbFingerprint(store.db)).toBe(before);
      expect(await resolvePublicUrl(store, { fallback: 'http://localhost:8080', now: T0, actor: 'serve' })).toBe('https://legacy.example');
      expect((await store.getProfile())!.publicUrl).toBe('https://legacy.example');
      const audit = await store.listAudit({ limit: 100 });
      expect(audit.filter((e) => e.action === 'issuer.public-url')).toEqual([expect.objectContaining({ actor: 'serve', details: { publicUrl: 'https://legacy.example', adoptedFrom: 'status-lists' } })]);
      // Asked again (another process): the stored URL, no second adoption.
      expect(await resolvePublicUrl(store, { envUrl: 'https://legacy.example/', fallback: 'http://localhost:1', now: T0, actor: 'cli' })).toBe('https://legacy.example');
      expect((await store.listAudit({ limit: 100 })).filter((e) => e.action === 'issuer.public-url')).toHaveLength(1);
      // The copies signed under the wrong URL are stale: the next export signs them under the issuer's.
      const fixed = await exportTrustFragment({ store, signer, clock: () => T0, baseUrl: 'https://legacy.example', documentLoader });
      for (const l of fixed.statusLists) expect(l.credential.id).toBe(l.url);
      expect(fixed.statusLists.every((l) => l.url.startsWith('https://legacy.example/status/'))).toBe(true);
    } finally {
      await store.close();
      tmp.cleanup();
    }
  });
});
