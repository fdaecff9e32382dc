import { describe, expect, test, beforeAll, afterAll } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { didKeyFromPublicKey, type Ed25519KeyPair } from '@lp/crypto';
import { verifyTrustBundle } from '../src/index.ts';
import { keyFragment, keys, NOW, webFragment } from './fixtures.ts';

const LP = fileURLToPath(new URL('../../../cli/bin/lp.js', import.meta.url));

function lp(args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LP, ...args], { cwd, env: { PATH: process.env.PATH ?? '', LP_PASSPHRASE: 'correct horse', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: unknown }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('lp trust (real CLI)', () => {
  let dir: string;
  let anchorDid: string;
  let k1: Ed25519KeyPair, k2: Ed25519KeyPair, school: Ed25519KeyPair;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lp-trust-'));
    [k1, k2, school] = (await keys(3)) as [Ed25519KeyPair, Ed25519KeyPair, Ed25519KeyPair];
    writeFileSync(join(dir, 'exams.json'), JSON.stringify(webFragment(k1, k2)));
    writeFileSync(join(dir, 'school.json'), JSON.stringify(keyFragment(school)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('init-anchor → build from two fragment files → show', async () => {
    const init = await lp(['trust', 'init-anchor', '--out', 'anchor.json'], dir);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    anchorDid = init.stdout.trim().split('\n').at(-1)!;
    expect(anchorDid).toMatch(/^did:key:z6Mk/);
    expect(readFileSync(join(dir, 'anchor.json'), 'utf8')).not.toContain('"d"');

    const build = await lp(
      ['trust', 'build', '--anchor', 'anchor.json', '--add', 'exams.json', '--add', 'school.json', '--sequence', '4', '--expires', '2026-12-31', '--issued-at', '2026-05-31T00:00:00Z', '--out', 'bundle.json'],
      dir,
    );
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    const text = readFileSync(join(dir, 'bundle.json'), 'utf8');
    expect(Object.keys(JSON.parse(text)).sort()).toEqual(['payload', 'protected', 'signature']);
    const v = await verifyTrustBundle(text, { anchors: [anchorDid], now: NOW });
    expect(v).toMatchObject({ ok: true, expired: false, bundle: { sequence: 4, expires: '2026-12-31T00:00:00.000Z', anchor: anchorDid } });
    if (v.ok) expect(Object.keys(v.bundle.contexts).length).toBeGreaterThan(0);

    const show = await lp(['trust', 'show', 'bundle.json', '--anchor', anchorDid, '--json', '--now', '2026-06-01T00:00:00Z'], dir);
    expect(show.code).toBe(0);
    const s = JSON.parse(show.stdout);
    expect(s).toMatchObject({ verified: true, expired: false, sequence: 4, anchor: anchorDid });
    expect(s.issuers).toHaveLength(2);
    expect(s.issuers[0]).toMatchObject({
      id: 'did:web:exams.example.org',
      catalogue: { size: 2 },
      statusLists: [{ url: 'https://exams.example.org/status/1', ageSeconds: 36 * 3600 }],
    });
    expect(s.issuers[0].keys[1]).toMatchObject({ id: 'did:web:exams.example.org#key-2', achievements: ['MATH-9'], now: 'ok' });
    expect(s.issuers[1]).toMatchObject({ id: didKeyFromPublicKey(school.publicKey), kind: 'school' });

    const human = await lp(['trust', 'show', 'bundle.json', '--now', '2027-02-01'], dir);
    expect(human.code).toBe(3);
    expect(human.stdout).toContain('NOT CHECKED');
    expect(human.stdout).toContain('EXPIRED');
    expect(human.stdout).toContain('National Examinations Board');
  });

  test('refusals: wrong anchor, same issuer twice, a sequence not above the held one, wrong passphrase', async () => {
    const other = `did:key:${webFragment(k1, k2).keys[0]!.publicKeyMultibase}`;
    const wrong = await lp(['trust', 'show', 'bundle.json', '--anchor', other], dir);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('TRUST_ANCHOR_NOT_PINNED');

    const base = ['trust', 'build', '--anchor', 'anchor.json', '--expires', '2026-12-31', '--issued-at', '2026-05-31'];
    const dup = await lp([...base, '--add', 'exams.json', '--add', 'exams.json', '--sequence', '9', '--out', 'b2.json'], dir);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('TRUST_DUPLICATE_ISSUER');

    const older = await lp([...base, '--add', 'school.json', '--sequence', '4', '--out', 'bundle.json'], dir);
    expect(older.code).toBe(2);
    expect(older.stderr).toContain('already holds sequence 4');

    const pass = await lp([...base, '--add', 'school.json', '--sequence', '5', '--out', 'b3.json'], dir, { LP_PASSPHRASE: 'wrong' });
    expect(pass.code).toBe(2);
    expect(pass.stderr).toMatch(/KEY_FILE/);
  });
});
