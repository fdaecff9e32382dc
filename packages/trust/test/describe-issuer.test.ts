import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publicKeyToJwk, type Ed25519KeyPair } from '@lp/crypto';
import { buildTrustBundle, describeIssuer, findKey, resolveDidDocument, TrustError, verifyTrustBundle } from '../src/index.ts';
import { keys, multibaseOf, NOW } from './fixtures.ts';

// Issuers that do not run this project: any URI as id, keys named by verification-method id.
const HTTPS = 'https://example.com/issuers/876543';
const rsaJwk = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits }).publicKey.export({ format: 'jwk' }) as Record<string, unknown>;
const ecJwk = (curve: string) => generateKeyPairSync('ec', { namedCurve: curve }).publicKey.export({ format: 'jwk' }) as Record<string, unknown>;

let k1: Ed25519KeyPair;
let k2: Ed25519KeyPair;
beforeAll(async () => {
  [k1, k2] = (await keys(2)) as [Ed25519KeyPair, Ed25519KeyPair];
});

describe('describeIssuer', () => {
  test('an https issuer with a multibase key, a bare did:key method, an RSA and a P-256 JWK', () => {
    const mb = multibaseOf(k1);
    const f = describeIssuer({
      id: HTTPS,
      keys: [
        { id: `${HTTPS}#${mb}`, publicKey: mb },
        { id: `did:key:${multibaseOf(k2)}`, publicKey: publicKeyToJwk(k2.publicKey) as unknown as Record<string, unknown> },
        { id: `${HTTPS}#rsa`, publicKey: rsaJwk(2048) },
        { id: `${HTTPS}#p256`, publicKey: ecJwk('P-256') },
      ],
      names: { en: 'Example University' },
      kind: 'university',
      accreditation: { by: 'Regional Anchor', reference: 'RA-1' },
      now: NOW,
    });
    expect(f).toMatchObject({ id: HTTPS, kind: 'university', catalogue: { achievements: [] }, statusLists: [] });
    expect(f.country).toBeUndefined();
    expect(f.keys.map((k) => [k.id, k.validFrom])).toEqual([
      [`${HTTPS}#${mb}`, '1970-01-01T00:00:00.000Z'],
      [`did:key:${multibaseOf(k2)}`, '1970-01-01T00:00:00.000Z'],
      [`${HTTPS}#rsa`, '1970-01-01T00:00:00.000Z'],
      [`${HTTPS}#p256`, '1970-01-01T00:00:00.000Z'],
    ]);
    expect(f.keys[1]!.publicKeyMultibase).toBe(multibaseOf(k2));
    expect(f.keys[2]!.publicKeyJwk).toMatchObject({ kty: 'RSA' });

    const bundle = buildTrustBundle({ fragments: [f], sequence: 1, issuedAt: NOW, expires: '2027-01-01T00:00:00Z', anchorDid: `did:key:${mb}` });
    expect(findKey(bundle, `did:key:${multibaseOf(k2)}`)?.issuer.id).toBe(HTTPS);
    expect(findKey(bundle, { issuer: HTTPS, kid: '#rsa' })?.key.publicKeyJwk).toMatchObject({ kty: 'RSA' });
    // The bundle serves the key and its controller offline, for the JSON-LD proof purpose check.
    expect(resolveDidDocument(bundle, `${HTTPS}#${mb}`)).toMatchObject({ type: 'Multikey', controller: HTTPS, publicKeyMultibase: mb });
    expect(resolveDidDocument(bundle, HTTPS)).toMatchObject({ id: HTTPS, assertionMethod: [`${HTTPS}#${mb}`, `did:key:${multibaseOf(k2)}`] });
  });

  test.each([
    ['an RSA key of 1024 bits', () => ({ id: `${HTTPS}#rsa`, publicKey: rsaJwk(1024) }), 'TRUST_KEY_TOO_SHORT'],
    ['a P-384 key', () => ({ id: `${HTTPS}#p384`, publicKey: ecJwk('P-384') }), 'TRUST_KEY_UNSUPPORTED'],
    ['a private JWK', () => ({ id: `${HTTPS}#x`, publicKey: { ...publicKeyToJwk(new Uint8Array(32).fill(7)), d: 'AAAA' } }), 'TRUST_KEY_UNSUPPORTED'],
    ['a multibase that is not Ed25519', () => ({ id: `${HTTPS}#x`, publicKey: 'zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76' }), 'TRUST_KEY_UNSUPPORTED'],
    ['a relative method id', () => ({ id: 'key-1', publicKey: multibaseOf(k1) }), 'TRUST_FRAGMENT_MALFORMED'],
    ['a did:key method with another key', () => ({ id: `did:key:${multibaseOf(k2)}`, publicKey: multibaseOf(k1) }), 'TRUST_FRAGMENT_MALFORMED'],
  ])('%s → %s', (_label, key, code) => {
    const attempt = () => describeIssuer({ id: HTTPS, keys: [key()], names: { en: 'X' }, now: NOW });
    expect(attempt).toThrow(TrustError);
    expect(attempt).toThrow(expect.objectContaining({ code }));
  });

  test.each([
    ['a relative issuer id', { id: 'issuers/1' }, '$.id'],
    ['an issuer id with a fragment', { id: `${HTTPS}#me` }, '$.id'],
    ['a did:web issuer with a key outside it', { id: 'did:web:uni.example' }, '$.keys[0].id'],
    ['a country that is not ISO 3166', { country: 'Jordan' }, '$.country'],
    ['an unknown kind', { kind: 'castle' }, '$.kind'],
  ])('%s → TRUST_FRAGMENT_MALFORMED at %s', (_label, change, path) => {
    const input = { id: HTTPS, keys: [{ id: `${HTTPS}#k`, publicKey: multibaseOf(k1) }], names: { en: 'X' }, now: NOW, ...change };
    expect(() => describeIssuer(input as Parameters<typeof describeIssuer>[0])).toThrow(expect.objectContaining({ code: 'TRUST_FRAGMENT_MALFORMED', path }));
  });
});

const LP = fileURLToPath(new URL('../../../cli/bin/lp.js', import.meta.url));
function lp(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LP, ...args], { cwd, env: { PATH: process.env.PATH ?? '', LP_PASSPHRASE: 'correct horse' } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('lp trust describe-issuer (real CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'lp-describe-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('describe an https issuer (multibase + JWK file) → build → show', async () => {
    writeFileSync(join(dir, 'rsa.jwk.json'), JSON.stringify(rsaJwk(2048)));
    const mb = multibaseOf(k1);
    const d = await lp(['trust', 'describe-issuer', '--id', HTTPS, '--key', `${HTTPS}#${mb}=${mb}`, '--key', `${HTTPS}#rsa=rsa.jwk.json`,
      '--name', 'Example University', '--name-lang', 'fr=Université exemple', '--country', 'us', '--kind', 'university', '--out', 'uni.json'], dir);
    expect(d.stderr).toBe('');
    expect(d.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'uni.json'), 'utf8'))).toMatchObject({ id: HTTPS, country: 'US', names: { en: 'Example University', fr: 'Université exemple' } });

    const init = await lp(['trust', 'init-anchor', '--out', 'anchor.json'], dir);
    const anchorDid = init.stdout.trim().split('\n').at(-1)!;
    const build = await lp(['trust', 'build', '--anchor', 'anchor.json', '--add', 'uni.json', '--sequence', '1', '--expires', '2027-01-01', '--issued-at', '2026-05-31', '--out', 'bundle.json'], dir);
    expect(build.stderr).toBe('');
    const v = await verifyTrustBundle(readFileSync(join(dir, 'bundle.json'), 'utf8'), { anchors: [anchorDid], now: NOW });
    expect(v.ok && v.bundle.issuers[0]!.keys.map((k) => k.id)).toEqual([`${HTTPS}#${mb}`, `${HTTPS}#rsa`]);
    const show = await lp(['trust', 'show', 'bundle.json', '--now', '2026-06-01'], dir);
    expect(show.stdout).toContain('Example University (US, university)');
  });

  test('refusals: a 1024-bit RSA key, a missing key, a key that is neither multibase nor a file', async () => {
    writeFileSync(join(dir, 'short.jwk.json'), JSON.stringify(rsaJwk(1024)));
    const short = await lp(['trust', 'describe-issuer', '--id', HTTPS, '--key', `${HTTPS}#rsa=short.jwk.json`, '--name', 'X', '--out', 'x.json'], dir);
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('TRUST_KEY_TOO_SHORT');
    const none = await lp(['trust', 'describe-issuer', '--id', HTTPS, '--name', 'X', '--out', 'x.json'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--key');
    const junk = await lp(['trust', 'describe-issuer', '--id', HTTPS, '--key', `${HTTPS}#k=nothing-here`, '--name', 'X', '--out', 'x.json'], dir);
    expect(junk.code).toBe(2);
    expect(() => readFileSync(join(dir, 'x.json'))).toThrow();
  });
});
