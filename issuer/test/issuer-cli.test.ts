import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { decodeList, getBit } from '@lp/status';
import { zTrustFragment } from '@lp/trust';
import { startServer } from '../../cli/src/server.ts';
import type { RunningServer } from '../../cli/src/server.ts';
import { openIssuerStore } from '../src/index.ts';
import { FIXTURES, ISSUE_FROM_CATALOGUE, lp, post, tempDir, verifyDi } from './issuer-helpers.ts';

const PASS = 'correct horse battery';

/** Status list URLs name localhost; the test server listens on 127.0.0.1. */
const local = (url: string) => url.replace('//localhost:', '//127.0.0.1:');

async function serve(dir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer({ port: 0, env: { LP_DATA_DIR: dir, LP_PASSPHRASE: PASS, ...env }, cwd: dir, log: () => {} });
}

describe('lp issuer with a did:key issuer (child processes) and lp serve', () => {
  const tmp = tempDir('lp-issuer-cli-');
  const env = { LP_DATA_DIR: 'data', LP_PASSPHRASE: PASS };
  const run = (args: string[]) => lp(['issuer', ...args], { cwd: tmp.dir, env });
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('init creates the issuer (names in several languages), refuses a second init, did:key cannot rotate', async () => {
    const init = await run(['init', '--name', 'Demo Examinations Board', '--name-ar', 'مجلس الامتحانات', '--name-fr=Office des examens', '--country', 'jo']);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    const did = init.stdout.trim().split('\n').at(-1)!;
    expect(did).toMatch(/^did:key:z6Mk/);
    const shown = JSON.parse((await run(['show', '--json'])).stdout);
    expect(shown).toMatchObject({ id: did, country: 'JO', names: { en: 'Demo Examinations Board', ar: 'مجلس الامتحانات', fr: 'Office des examens' } });
    expect(shown.keys).toEqual([expect.objectContaining({ kid: `${did}#${did.slice(8)}`, status: 'active', validUntil: null })]);
    expect(JSON.stringify(shown)).not.toContain('ciphertext');

    const again = await run(['init', '--name', 'Other', '--country', 'FR']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('ISSUER_EXISTS');
    const rotate = await run(['rotate-key']);
    expect(rotate.code).toBe(2);
    expect(rotate.stderr).toContain('ROTATION_UNSUPPORTED');
    expect((await run(['init', '--country', 'JO'])).code).toBe(2);
  });

  it('achievement add JSON and CSV; api-key create prints the key alone on its last line; list hides hashes', async () => {
    expect((await run(['achievement', 'add', path.join(FIXTURES, 'catalogue.json')])).code).toBe(0);
    const csv = await run(['achievement', 'add', path.join(FIXTURES, 'catalogue.csv'), '--json']);
    expect(csv.code).toBe(0);
    expect(JSON.parse(csv.stdout)).toEqual({ added: ['BECE-SCI', 'BECE-ENG'] });
    const list = JSON.parse((await run(['achievement', 'list', '--json'])).stdout);
    const sci = list.find((e: { code: string }) => e.code === 'BECE-SCI');
    expect(sci).toMatchObject({
      names: { en: 'Basic Education Certificate – Science', ar: 'شهادة التعليم الأساسي – العلوم' },
      descriptions: { en: 'National Grade 9 examination in Science, written and practical.' },
      iscedLevel: '244', iscedField: '0511',
      resultDescriptions: [{ resultType: 'RawScore', valueMin: '0', valueMax: '600', requiredValue: '240' }, { resultType: 'Status' }],
    });
    expect(list.find((e: { code: string }) => e.code === 'BECE-ENG').resultDescriptions[0].allowedValues).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);

    fs.writeFileSync(path.join(tmp.dir, 'bad.csv'), 'code,achievementType,name_en,iscedLevel\nX-1,Assessment,Bad,999\n');
    const bad = await run(['achievement', 'add', 'bad.csv']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CATALOGUE_INVALID');

    const created = await run(['api-key', 'create', '--label', 'exam-office']);
    expect(created.code).toBe(0);
    expect(created.stdout.trim().split('\n').at(-1)).toMatch(/^lpk_[0-9A-Z]{32}$/);
    const keys = JSON.parse((await run(['api-key', 'list', '--json'])).stdout);
    expect(keys).toEqual([expect.objectContaining({ label: 'exam-office', revokedAt: null })]);
    expect(keys[0].hash).toBeUndefined();
  });

  it('lp serve mounts the issuer; revoke via the CLI sets the bit in the served list, which verifies; reinstate revoked and unknown ids exit 2', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    const key = (await run(['api-key', 'create', '--label', 'server-test'])).stdout.trim().split('\n').at(-1)!;
    server = await serve(dataDir);
    const achievements = await fetch(`${server.url}/achievements`).then((r) => r.json()) as { achievements: unknown[] };
    expect(achievements.achievements).toHaveLength(4);
    const res = await post({ url: server.url, apiKey: key }, '/credentials/issue', ISSUE_FROM_CATALOGUE);
    expect(res.status).toBe(201);
    const { id, verifiableCredential: vcred } = await res.json() as any;
    const rev = vcred.credentialStatus.find((s: any) => s.statusPurpose === 'revocation');
    // The public URL stored at init (no --public-url, no LP_PUBLIC_URL: http://localhost:8080), not the test server's port.
    expect(rev.statusListCredential).toBe(`http://localhost:8080/status/${rev.statusListCredential.split('/').at(-1)}`);

    const revoke = await run(['revoke', id, '--reason', 'exam malpractice']);
    expect(revoke.stderr).toBe('');
    expect(revoke.code).toBe(0);
    const list = await fetch(local(rev.statusListCredential).replace('127.0.0.1:8080', `127.0.0.1:${server.port}`)).then((r) => r.json()) as any;
    expect(getBit(decodeList(list.credentialSubject.encodedList), Number(rev.statusListIndex))).toBe(true);
    expect(list.id).toBe(rev.statusListCredential);
    expect((await verifyDi(list)).verified).toBe(true);

    const reinstate = await run(['reinstate', id]);
    expect(reinstate.code).toBe(2);
    expect(reinstate.stderr).toContain('CREDENTIAL_REVOKED');
    const unknown = await run(['revoke', 'urn:uuid:00000000-0000-4000-8000-000000000000', '--reason', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('NOT_FOUND');
    expect((await run(['revoke', id])).code).toBe(2); // --reason required

    const suspendOther = await post({ url: server.url, apiKey: key }, '/credentials/issue', ISSUE_FROM_CATALOGUE);
    const other = (await suspendOther.json() as any).id;
    expect((await run(['suspend', other])).code).toBe(0);
    expect((await run(['reinstate', other, '--json'])).stdout).toContain('"suspended":false');

    const out = path.join(tmp.dir, 'fragment.json');
    expect((await run(['export-trust', '--out', out])).code).toBe(0);
    const fragment = zTrustFragment.parse(JSON.parse(fs.readFileSync(out, 'utf8')));
    expect(fragment.catalogue.achievements).toHaveLength(4);
    expect(fragment.statusLists.find((l) => l.purpose === 'revocation')!.credential).toEqual(list);

    await server.stop();
    server = undefined;
    const store = await openIssuerStore(dataDir);
    const audit = await store.listAudit({ limit: 1000 });
    await store.close();
    expect(audit.filter((e) => e.actor === 'cli').map((e) => e.action)).toEqual(expect.arrayContaining(['issuer.init', 'key.add', 'achievement.add', 'apikey.create', 'credential.revoke', 'credential.suspend', 'credential.reinstate']));
    expect(audit.filter((e) => e.action === 'credential.issue').map((e) => e.actor)).toEqual(['server-test', 'server-test']);
  });
});

describe('lp issuer with a did:web issuer: did.json, rotate-key', () => {
  const tmp = tempDir('lp-issuer-web-');
  const env = { LP_DATA_DIR: tmp.dir, LP_PASSPHRASE: PASS };
  const run = (args: string[]) => lp(['issuer', ...args], { cwd: tmp.dir, env });
  let server: RunningServer | undefined;
  beforeAll(async () => {
    const init = await run(['init', '--name', 'Exams Office', '--country', 'UA', '--did-web', 'exams.example.org', '--kind', 'school']);
    expect(init.code).toBe(0);
    expect((await run(['achievement', 'add', path.join(FIXTURES, 'catalogue.json')])).code).toBe(0);
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('serves /.well-known/did.json; after rotate-key the old credential still verifies and new ones use the new kid', async () => {
    const key = (await run(['api-key', 'create'])).stdout.trim().split('\n').at(-1)!;
    server = await serve(tmp.dir);
    const doc1 = await fetch(`${server.url}/.well-known/did.json`).then((r) => r.json()) as any;
    expect(doc1.id).toBe('did:web:exams.example.org');
    expect(doc1.verificationMethod).toEqual([expect.objectContaining({ id: 'did:web:exams.example.org#key-1', type: 'Multikey' })]);
    const first = await (await post({ url: server.url, apiKey: key }, '/credentials/issue', ISSUE_FROM_CATALOGUE)).json() as any;
    expect(first.verifiableCredential.proof.verificationMethod).toBe('did:web:exams.example.org#key-1');
    await server.stop();
    server = undefined;

    const rotated = await run(['rotate-key', '--json']);
    expect(rotated.code).toBe(0);
    expect(JSON.parse(rotated.stdout)).toMatchObject({ oldKid: 'did:web:exams.example.org#key-1', kid: 'did:web:exams.example.org#key-2' });

    server = await serve(tmp.dir);
    const second = await (await post({ url: server.url, apiKey: key }, '/credentials/issue', ISSUE_FROM_CATALOGUE)).json() as any;
    expect(second.verifiableCredential.proof.verificationMethod).toBe('did:web:exams.example.org#key-2');
    const doc2 = await fetch(`${server.url}/.well-known/did.json`).then((r) => r.json()) as any;
    expect(doc2.verificationMethod.map((m: { id: string }) => m.id)).toEqual(['did:web:exams.example.org#key-1', 'did:web:exams.example.org#key-2']);
    // Bundle-free: the DID document alone (nothing fetched by the loader).
    expect((await verifyDi(first.verifiableCredential, { [doc2.id]: doc2 })).verified).toBe(true);
    expect((await verifyDi(second.verifiableCredential, { [doc2.id]: doc2 })).verified).toBe(true);

    const fragment = zTrustFragment.parse(await fetch(`${server.url}/trust/fragment`).then((r) => r.json()));
    expect(fragment.kind).toBe('school');
    const [k1, k2] = fragment.keys;
    expect(k1!.validUntil).toBe(k2!.validFrom);
    expect(k2!.validUntil).toBeUndefined();
  });

  it('lp serve starts without an issuer (issuer routes absent)', async () => {
    const empty = tempDir('lp-issuer-none-');
    const s = await serve(path.join(empty.dir, 'nothing-here'));
    try {
      expect((await fetch(`${s.url}/health`)).status).toBe(200);
      expect((await fetch(`${s.url}/issuer`)).status).toBe(404);
    } finally {
      await s.stop();
      empty.cleanup();
    }
  });
});
