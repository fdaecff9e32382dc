import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodePng, renderQrPng } from '@lp/qr/node';
import { startServer, type RunningServer } from '../../cli/src/server.ts';
import { forbidNetwork, issue, makeBundle, makeWorld, NOW, party, REVOKED_INDEX, type World } from '../../packages/verify/test/lib/make-world.ts';
import { lp } from './helpers.ts';

// `lp verify` with a trust bundle (the real CLI as a child process, clock set with --now) and the
// HTTP verify endpoints on the real server (port 0, clock injected).
const AT = ['--now', NOW.toISOString()];
const EVIL = '<script>alert(1)</script> \u202Edcba\u202C';
let world: World;
let dir: string;
let env: Record<string, string>;
let net: ReturnType<typeof forbidNetwork>;

/** A PNG that declares 7,072 × 7,072 (50 MP) in its header: refused before any pixel is inflated. */
function fiftyMegapixelPng(): Uint8Array {
  const small = encodePng({ data: new Uint8ClampedArray(4 * 4 * 4).fill(255), width: 4, height: 4 });
  const out = Uint8Array.from(small);
  new DataView(out.buffer).setUint32(16, 7072);
  new DataView(out.buffer).setUint32(20, 7072);
  return out;
}

beforeAll(async () => {
  net = forbidNetwork();
  world = await makeWorld();
  dir = mkdtempSync(join(tmpdir(), 'lp-verify-trust-'));
  const w = (name: string, data: string | Uint8Array) => writeFileSync(join(dir, name), data);
  w('bundle.json', JSON.stringify(world.jws));
  w('seal.txt', world.good.seal + '\n');
  w('record.json', JSON.stringify(world.good.di));
  w('record.jwt', world.good.jwt);
  w('seal.png', await renderQrPng(world.good.seal, { scale: 4 }));
  w('blank.png', encodePng({ data: new Uint8ClampedArray(64 * 64 * 4).fill(255), width: 64, height: 64 }));
  w('huge.png', fiftyMegapixelPng());
  w('random.png', new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
  const revoked = await issue(world.issuer, { status: [{ purpose: 'revocation', index: REVOKED_INDEX }] });
  w('revoked.txt', revoked.seal);
  const evil = await issue(world.issuer, { learnerName: EVIL });
  w('evil.txt', evil.seal);
  w('older.json', JSON.stringify((await makeBundle(world.anchor, world.issuer, [], { sequence: 4 })).jws));
  w('other-anchor.json', JSON.stringify((await makeBundle(await party(7), world.issuer, [], { sequence: 9 })).jws));
  w('bad-signature.json', JSON.stringify({ ...world.jws, signature: world.jws.signature.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }));
  w('expired.json', JSON.stringify((await makeBundle(world.anchor, world.issuer, [world.lists.revocation], { sequence: 6, expires: '2025-01-15T00:00:00Z' })).jws));
  env = { LP_DATA_DIR: join(dir, 'data') };
}, 300_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  net.restore();
});

const trust = ['--trust', 'bundle.json'];
const anchor = () => ['--anchor', world.anchor.did];

describe('lp verify with a trust bundle', () => {
  it('a seal in a text file → VALID, exit 0; one line per check; names from the catalogue', async () => {
    const r = await lp(['verify', 'seal.txt', ...trust, ...anchor(), ...AT], { cwd: dir, env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/issuer_trust\s+ISSUER_TRUSTED/);
    expect(r.stdout).toContain('Basic Education Certificate Examination – Mathematics');
    expect(r.stdout).toContain('verdict: VALID');
    expect(r.stdout).not.toContain('\x1b['); // not a TTY: no colour
    expect(existsSync(join(dir, 'data/verifier/bundle.json'))).toBe(true);
  });

  it('a PNG photo of the seal, --json --lang fr → the result object', async () => {
    const r = await lp(['verify', 'seal.png', ...trust, ...anchor(), ...AT, '--json', '--lang', 'fr'], { cwd: dir, env });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ verdict: 'VALID', form: 'seal', learner: { name: 'ليلى أحمد / Layla Ahmad' }, issuer: { id: world.issuer.did, country: 'JO', kind: 'national-examination-body', name: { lang: 'en' } } });
    expect(out.achievements[0]).toMatchObject({ code: 'BECE-MATH', name: { lang: 'fr' }, original: { lang: 'ar', dir: 'rtl' }, result: '452' });
    expect(out.checks.map((c: { id: string }) => c.id)).toEqual(['decode', 'parse', 'signature', 'issuer_trust', 'key_status', 'status', 'validity', 'profile']);
  });

  it('a full record (JSON, JWT from stdin) with LP_TRUST_BUNDLE and LP_TRUST_ANCHORS', async () => {
    const e = { ...env, LP_TRUST_BUNDLE: 'bundle.json', LP_TRUST_ANCHORS: `did:key:z6MkOther,${world.anchor.did}` };
    const a = await lp(['verify', 'record.json', ...AT, '--json'], { cwd: dir, env: e });
    expect(JSON.parse(a.stdout)).toMatchObject({ verdict: 'VALID', form: 'di' });
    const b = await lp(['verify', '-', ...AT, '--json'], { cwd: dir, env: e, input: world.good.jwt });
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ verdict: 'VALID', form: 'jwt' });
  });

  it('a revoked credential exits 1; an expired bundle exits 3 (TRUST_BUNDLE_EXPIRED)', async () => {
    const a = await lp(['verify', 'revoked.txt', ...trust, ...anchor(), ...AT, '--json'], { cwd: dir, env: { LP_DATA_DIR: join(dir, 'data-a') } });
    expect(a.code).toBe(1);
    expect(JSON.parse(a.stdout).checks.find((c: { id: string }) => c.id === 'status')).toMatchObject({ status: 'fail', code: 'STATUS_REVOKED' });
    const b = await lp(['verify', 'seal.txt', '--trust', 'expired.json', ...anchor(), ...AT, '--json'], { cwd: dir, env: { LP_DATA_DIR: join(dir, 'data-b') } });
    expect(b.code).toBe(3);
    expect(JSON.parse(b.stdout).checks.find((c: { id: string }) => c.id === 'issuer_trust')).toMatchObject({ status: 'unknown', code: 'TRUST_BUNDLE_EXPIRED' });
  });

  it('no seal found (an image with no QR code, a 50-megapixel image, random bytes named .png): UNKNOWN, exit 3, with the decoder code', async () => {
    const a = await lp(['verify', 'blank.png', ...trust, ...anchor(), ...AT, '--json'], { cwd: dir, env });
    expect(a.code).toBe(3);
    expect(JSON.parse(a.stdout).verdict).toBe('UNKNOWN');
    expect(JSON.parse(a.stdout).checks[0]).toMatchObject({ id: 'decode', status: 'unknown', code: 'NO_QR_FOUND' });
    const human = await lp(['verify', 'blank.png', ...trust, ...anchor(), ...AT], { cwd: dir, env });
    expect(human.code).toBe(3);
    expect(human.stdout).toContain('no seal found');
    expect(human.stdout).not.toContain('INVALID');
    const b = await lp(['verify', 'huge.png', ...trust, ...anchor(), ...AT, '--json'], { cwd: dir, env });
    expect(b.code).toBe(3);
    expect(JSON.parse(b.stdout).checks[0]).toMatchObject({ id: 'decode', status: 'unknown', code: 'IMAGE_TOO_LARGE' });
    for (const withTrust of [true, false]) {
      const c = await lp(['verify', 'random.png', ...(withTrust ? [...trust, ...anchor()] : []), ...AT, '--json'], { cwd: dir, env });
      expect(c.code).toBe(3);
      expect(JSON.parse(c.stdout).verdict).toBe('UNKNOWN');
      expect(JSON.parse(c.stdout).checks[0]).toMatchObject({ id: 'decode', status: 'unknown', code: 'UNSUPPORTED_IMAGE' });
    }
  });

  it('<script> and U+202E in a name: verbatim in JSON, escaped in the terminal', async () => {
    const j = await lp(['verify', 'evil.txt', ...trust, ...anchor(), ...AT, '--json'], { cwd: dir, env });
    expect(JSON.parse(j.stdout).learner.name).toBe(EVIL);
    const h = await lp(['verify', 'evil.txt', ...trust, ...anchor(), ...AT], { cwd: dir, env });
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('<script>alert(1)</script> \\u{202E}dcba\\u{202C}');
    expect(h.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });

  it('a lower sequence, another anchor or a bad signature is refused; the held bundle stays in use', async () => {
    const e = { LP_DATA_DIR: join(dir, 'data-c') };
    expect((await lp(['verify', 'seal.txt', ...trust, ...anchor(), ...AT], { cwd: dir, env: e })).code).toBe(0);
    for (const [file, code] of [['older.json', 'TRUST_SEQUENCE_ROLLBACK'], ['other-anchor.json', 'TRUST_ANCHOR_NOT_PINNED'], ['bad-signature.json', 'TRUST_BAD_SIGNATURE']]) {
      const r = await lp(['verify', 'seal.txt', '--trust', file!, ...anchor(), ...AT, '--json'], { cwd: dir, env: e });
      expect(r.stderr).toContain(code);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'VALID', trust: { sequence: 5, refused: { code } }, bundle: { sequence: 5 } });
    }
    expect(readFileSync(join(dir, 'data-c/verifier/bundle.json'), 'utf8')).toBe(JSON.stringify(world.jws));
  });

  it('without a bundle a seal is UNKNOWN (issuer not established); --checks signature,validity,profile checks it by its did:key; --anchor alone uses the held bundle; --trust without an anchor exits 2', async () => {
    const r = await lp(['verify', 'seal.txt', ...AT, '--json'], { cwd: dir, env });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'UNKNOWN' });
    expect(JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'issuer_trust')).toMatchObject({ status: 'unknown', code: 'TRUST_BUNDLE_MISSING' });
    const human = await lp(['verify', 'seal.txt', ...AT], { cwd: dir, env });
    expect(human.code).toBe(3);
    expect(human.stdout).toContain('the issuer is not established');
    const narrow = await lp(['verify', 'seal.txt', ...AT, '--json', '--checks', 'signature,validity,profile'], { cwd: dir, env });
    expect(narrow.code).toBe(0);
    expect(JSON.parse(narrow.stdout).checks.find((c: { id: string }) => c.id === 'issuer_trust')).toMatchObject({ status: 'skipped', code: 'TRUST_BUNDLE_MISSING' });
    // The bundle accepted by the earlier runs is held under LP_DATA_DIR: the pinned anchor alone uses it.
    const held = await lp(['verify', 'seal.txt', ...anchor(), ...AT, '--json'], { cwd: dir, env });
    expect(held.code).toBe(0);
    expect(JSON.parse(held.stdout).checks.find((c: { id: string }) => c.id === 'issuer_trust')).toMatchObject({ status: 'pass' });
    expect((await lp(['verify', 'seal.txt', ...trust, ...AT], { cwd: dir, env })).code).toBe(2);
    expect((await lp(['verify', 'seal.txt', '--trust', 'missing.json', ...anchor(), ...AT], { cwd: dir, env })).code).toBe(2);
  });
});

describe('HTTP verify endpoints with the bundle loaded at start', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      port: 0,
      env: { LP_TRUST_BUNDLE: 'bundle.json', LP_TRUST_ANCHORS: world.anchor.did, LP_DATA_DIR: join(dir, 'data-http') },
      cwd: dir,
      log: () => {},
      now: () => NOW,
    });
  }, 300_000);
  afterAll(() => server.stop());
  const post = (path: string, body: BodyInit, type = 'application/json') => globalThisFetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': type }, body });

  it('POST /seals/verify with {seal} and with a PNG → 200 and the same result object', async () => {
    const a = await post('/seals/verify?lang=fr', JSON.stringify({ seal: world.good.seal }));
    expect(a.status).toBe(200);
    const body = await a.json();
    expect(body).toMatchObject({ verified: true, verdict: 'VALID', form: 'seal', achievements: [{ code: 'BECE-MATH', name: { lang: 'fr' } }] });
    const b = await post('/seals/verify?lang=fr', readFileSync(join(dir, 'seal.png')), 'image/png');
    expect(b.status).toBe(200);
    expect(await b.json()).toEqual(body);
  });

  it('INVALID → 422; no QR → 422 UNKNOWN NO_QR_FOUND, not an image → 422 UNKNOWN UNSUPPORTED_IMAGE; over 10 MB → 413; text/plain → 415; bad body → 400', async () => {
    const a = await post('/seals/verify', JSON.stringify({ seal: readFileSync(join(dir, 'revoked.txt'), 'utf8') }));
    expect(a.status).toBe(422);
    expect((await a.json()).verdict).toBe('INVALID');
    const b = await post('/seals/verify', readFileSync(join(dir, 'blank.png')), 'image/png');
    expect(b.status).toBe(422);
    const bj = await b.json();
    expect(bj.verdict).toBe('UNKNOWN');
    expect(bj.checks[0]).toMatchObject({ status: 'unknown', code: 'NO_QR_FOUND' });
    const r = await post('/seals/verify', readFileSync(join(dir, 'random.png')), 'image/png');
    expect(r.status).toBe(422);
    const rj = await r.json();
    expect(rj.verdict).toBe('UNKNOWN');
    expect(rj.checks[0]).toMatchObject({ status: 'unknown', code: 'UNSUPPORTED_IMAGE' });
    const c = await post('/seals/verify', new Uint8Array(10 * 1024 * 1024 + 10), 'image/jpeg');
    expect(c.status).toBe(413);
    expect(await c.json()).toMatchObject({ code: 'BODY_TOO_LARGE' });
    const d = await post('/seals/verify', 'LP1:xyz', 'text/plain');
    expect(d.status).toBe(415);
    const e = await post('/seals/verify', JSON.stringify({ nope: 1 }));
    expect(e.status).toBe(400);
    expect(e.headers.get('content-type')).toContain('application/problem+json');
    expect(await e.json()).toMatchObject({ code: 'BODY_INVALID' });
  });

  it('POST /credentials/verify uses the bundle: issuer trust, key status, status, display', async () => {
    const a = await post('/credentials/verify', JSON.stringify({ verifiableCredential: world.good.di, options: { lang: 'ar' } }));
    expect(a.status).toBe(200);
    const body = await a.json();
    expect(body.checks.find((c: { id: string }) => c.id === 'issuer_trust')).toMatchObject({ status: 'pass', code: 'ISSUER_TRUSTED' });
    expect(body.issuer.name).toMatchObject({ lang: 'ar', dir: 'rtl' });
    const stranger = await issue(await party(8));
    const b = await post('/credentials/verify', JSON.stringify({ verifiableCredential: stranger.jwt }));
    expect(b.status).toBe(422);
    expect((await b.json()).checks.find((c: { id: string }) => c.id === 'issuer_trust')).toMatchObject({ code: 'ISSUER_NOT_TRUSTED' });
  });

  it('GET /trust/bundle serves the loaded JWS', async () => {
    const r = await globalThisFetch(`${server.url}/trust/bundle`);
    expect(r.status).toBe(200);
    expect(r.headers.get('x-trust-bundle-sequence')).toBe('5');
    expect(await r.json()).toEqual(world.jws);
  });
});

/** The tests forbid globalThis.fetch (nothing may reach the network); the loopback client is the original. */
const realFetch = globalThis.fetch;
function globalThisFetch(url: string, init?: RequestInit): Promise<Response> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`not loopback: ${url}`);
  return realFetch(url, init);
}
