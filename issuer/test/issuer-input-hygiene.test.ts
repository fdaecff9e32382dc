import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeSeal } from '@lp/formats';
import { ISSUE_FROM_CATALOGUE, dbFingerprint, givenCredential, post, startTestIssuer, verifyDi } from './issuer-helpers.ts';
import type { TestIssuer } from './issuer-helpers.ts';

// What POST /credentials/issue refuses before anything is signed or stored, and what it issues
// with a warning. Every refusal compares the whole database before and after.

let t: TestIssuer;
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
