import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { decodeSeal } from '@lp/formats';
import { startServer } from '../../cli/src/server.ts';
import { ISSUE_FROM_CATALOGUE, dbFingerprint, givenCredential, lp, post, startTestIssuer, tempDir, verifyDi } from './issuer-helpers.ts';
import type { TestIssuer } from './issuer-helpers.ts';

// What POST /credentials/issue refuses before anything is signed or stored, and what it issues
// with a warning. Every refusal compares the whole database before and after.

let t: TestIssuer;
let mixed: { seal: string; verifiableCredential: Record<string, unknown> };
beforeAll(async () => {
  t = await startTestIssuer();
});
afterAll(async () => {
  await t.stop();
});

async function refused(body: unknown, status: number, code: string): Promise<any> {
  const before = dbFingerprint(t.store.db);
  const res = await post(t, '/credentials/issue', body);
  const problem = await res.json() as any;
  expect({ status: res.status, code: problem.code }).toEqual({ status, code });
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(dbFingerprint(t.store.db)).toBe(before);
  return problem;
}

const withName = (name: string, extra: Record<string, unknown> = {}) => ({
  options: { ...ISSUE_FROM_CATALOGUE.options, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, name, ...extra } },
});

/** An OB 3.0 credential whose subject is only the learner's DID: ordinary Open Badges. */
const didSubjectCredential = (issuer: string) => {
  const c = givenCredential(issuer) as any;
  c.credentialSubject = { id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', type: ['AchievementSubject'], achievement: c.credentialSubject.achievement };
  return c;
};

describe('VC-API: a credential without an issuer is refused, never completed', () => {
  it('422 ISSUER_REQUIRED with the path, nothing stored', async () => {
    const p = await refused({ credential: givenCredential() }, 422, 'ISSUER_REQUIRED');
    expect(p.path).toBe('$.credential.issuer');
  });
  it('the same credential naming our issuer is signed', async () => {
    const res = await post(t, '/credentials/issue', { credential: givenCredential(t.signer.issuerId) });
    expect(res.status).toBe(201);
  });
});

describe('an OB 3.0 credential whose subject is a DID (no learner name)', () => {
  it('201 with the full record, seal null and the warning SEAL_NO_LEARNER_NAME', async () => {
    const res = await post(t, '/credentials/issue', { credential: didSubjectCredential(t.signer.issuerId) });
    expect(res.status).toBe(201);
    const body = await res.json() as any;
    expect(body.seal).toBeNull();
    expect(body.warnings).toEqual([expect.objectContaining({ code: 'SEAL_NO_LEARNER_NAME' })]);
    expect((await verifyDi(body.verifiableCredential)).verified).toBe(true);
    const stored = await t.store.getCredential(body.id);
    expect(stored?.seal).toBeNull();
    expect(JSON.parse(stored!.record)).toEqual(body.verifiableCredential);
  });
  it('options.seal: true without a name → 422 SEAL_NEEDS_LEARNER_NAME, nothing stored', async () => {
    await refused({ credential: didSubjectCredential(t.signer.issuerId), options: { seal: true } }, 422, 'SEAL_NEEDS_LEARNER_NAME');
  });
  it('options.seal: true with a name makes the seal; options.seal: false makes none, without a warning', async () => {
    const yes = await (await post(t, '/credentials/issue', { credential: givenCredential(t.signer.issuerId), options: { seal: true } })).json() as any;
    expect(yes.seal).toMatch(/^LP1:/);
    expect(yes.warnings).toBeUndefined();
    const no = await post(t, '/credentials/issue', { ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, seal: false } });
    expect(no.status).toBe(201);
    const body = await no.json() as any;
    expect(body.seal).toBeNull();
    expect(body.warnings).toBeUndefined();
  });
});

describe('input hygiene in what gets signed', () => {
  it('invalid UTF-8 in subject.name → 400 ENCODING_INVALID (never signed as U+FFFD), nothing stored', async () => {
    const text = JSON.stringify(withName('NAME'));
    const [head, tail] = text.split('NAME') as [string, string];
    const enc = new TextEncoder();
    // "Sami" followed by a lone continuation byte and a truncated two-byte sequence.
    const bytes = new Uint8Array([...enc.encode(head), 0x53, 0x61, 0x6d, 0x69, 0x80, 0xd9, ...enc.encode(tail)]);
    const p = await refused(bytes, 400, 'ENCODING_INVALID');
    expect(p.detail).toMatch(/UTF-8/);
  });

  it.each([
    ['right-to-left override', 'Sami \u202EressaN'],
    ['pop directional formatting', 'Sami Nasser\u202C'],
    ['first strong isolate', '\u2068Sami\u2069 Nasser'],
    ['zero-width space', 'Sa\u200Bmi Nasser'],
    ['zero-width joiner', 'Sami\u200D Nasser'],
    ['word joiner', 'Sami\u2060Nasser'],
    // (a leading U+FEFF is whitespace to String.prototype.trim, which the subject schema applies)
    ['byte order mark', 'Sami\uFEFF Nasser'],
  ])('a name with a %s → 422 NAME_INVISIBLE_CHARACTERS with its path, nothing stored', async (_label, name) => {
    const p = await refused(withName(name), 422, 'NAME_INVISIBLE_CHARACTERS');
    expect(p.path).toBe('$.options.subject.name');
  });

  it('the Latin name and a given credential\'s identifier are checked too', async () => {
    const p = await refused(withName('ليلى أحمد', { nameLatin: 'Layla\u200B Ahmad' }), 422, 'NAME_INVISIBLE_CHARACTERS');
    expect(p.path).toBe('$.options.subject.nameLatin');
    const c = givenCredential(t.signer.issuerId) as any;
    c.credentialSubject.identifier[0].identityHash = 'Omar \u202EdaddaH';
    const q = await refused({ credential: c }, 422, 'NAME_INVISIBLE_CHARACTERS');
    expect(q.path).toBe('$.credential.credentialSubject.identifier[0].identityHash');
  });

  it('a name mixing Latin and Cyrillic in one word ("Аmina", Cyrillic А) is issued with the warning NAME_MIXED_SCRIPTS', async () => {
    const res = await post(t, '/credentials/issue', withName('\u0410mina Haddad', { nameLatin: 'Amina Haddad' }));
    expect(res.status).toBe(201);
    const body = await res.json() as any;
    expect(body.warnings).toEqual([expect.objectContaining({ code: 'NAME_MIXED_SCRIPTS', path: '$.options.subject.name' })]);
    expect(decodeSeal(body.seal).claims.learnerName).toBe('\u0410mina Haddad');
    mixed = body;
  });

  it('verifiers show the same flag: lp verify (seal and record, text and --json) and POST /seals/verify', async () => {
    const tmp = tempDir('lp-mixed-name-');
    try {
      fs.writeFileSync(path.join(tmp.dir, 'seal.txt'), mixed.seal);
      fs.writeFileSync(path.join(tmp.dir, 'record.json'), JSON.stringify(mixed.verifiableCredential));
      // A school's bundle naming this issuer (its fragment, signed by an anchor).
      fs.writeFileSync(path.join(tmp.dir, 'fragment.json'), await fetch(`${t.url}/trust/fragment`).then((r) => r.text()));
      const anchorEnv = { LP_PASSPHRASE: 'anchor pass' };
      const anchor = (await lp(['trust', 'init-anchor', '--out', 'anchor.json'], { cwd: tmp.dir, env: anchorEnv })).stdout.trim().split('\n').at(-1)!;
      expect((await lp(['trust', 'build', '--anchor', 'anchor.json', '--add', 'fragment.json', '--sequence', '1', '--expires', '2099-01-01', '--out', 'bundle.json'], { cwd: tmp.dir, env: anchorEnv })).code).toBe(0);
      const trust = ['--trust', 'bundle.json', '--anchor', anchor];
      for (const file of ['seal.txt', 'record.json']) {
        const text = await lp(['verify', file, ...trust], { cwd: tmp.dir, env: { LP_DATA_DIR: 'v' } });
        expect(text.stdout).toMatch(/warning: {3}the name mixes Cyrillic and Latin letters in one word \(\u0410mina\).*\[NAME_MIXED_SCRIPTS\]/);
        const json = JSON.parse((await lp(['verify', file, ...trust, '--json'], { cwd: tmp.dir, env: { LP_DATA_DIR: 'v' } })).stdout);
        expect(json.learner.warnings).toEqual([{ code: 'NAME_MIXED_SCRIPTS', items: ['\u0410mina'], scripts: ['Cyrillic', 'Latin'] }]);
      }
      const server = await startServer({ port: 0, env: { LP_DATA_DIR: path.join(tmp.dir, 'none'), LP_DEMO: '0' }, cwd: tmp.dir, log: () => {} });
      try {
        const res = await fetch(`${server.url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ seal: mixed.seal }) });
        expect(((await res.json()) as any).learner.warnings).toEqual([expect.objectContaining({ code: 'NAME_MIXED_SCRIPTS', items: ['\u0410mina'] })]);
      } finally {
        await server.stop();
      }
    } finally {
      tmp.cleanup();
    }
  });

  it.each([
    ['at the top', '{"options":{"achievement":"BECE-MATH","subject":{"name":"Sami"}},"options":{"achievement":"BECE-ARAB","subject":{"name":"Sami"}}}', '$.options'],
    ['in the subject', '{"options":{"achievement":"BECE-MATH","subject":{"name":"Sami Nasser","name":"Someone Else"},"result":{"value":"452"}}}', '$.options.subject.name'],
    ['in a given credential', JSON.stringify({ credential: givenCredential('ISSUER') }).replace('"name":"Summer reading programme"', '"name":"Summer reading programme","name":"Other"'), '$.credential.name'],
  ])('duplicate JSON keys (%s) → 400 JSON_DUPLICATE_KEY with the path, nothing stored', async (_label, text, path) => {
    const p = await refused(text.replace('ISSUER', t.signer.issuerId), 400, 'JSON_DUPLICATE_KEY');
    expect(p.path).toBe(path);
  });
});
