import { afterAll, describe, expect, test } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decryptKeyFile, publicKeyFromDidKey, publicKeyToJwk } from '@lp/crypto';

const LP = fileURLToPath(new URL('../bin/lp.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lp-keys-'));

function lp(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [LP, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', ...env } }, (err, stdout, stderr) => {
      resolve({ code: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lp keys (child process)', () => {
  test('new writes a 0600 encrypted key file, prints the DID last; show prints DID and public JWK only; no overwrite', async () => {
    const created = await lp(['keys', 'new', '--out', 'issuer.json', '--label', 'Exams 2025'], { LP_PASSPHRASE: 'pass phrase' });
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const did = created.stdout.trim().split('\n').at(-1)!;
    expect(did).toMatch(/^did:key:z6Mk/);
    const path = join(dir, 'issuer.json');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    expect(file).toMatchObject({ type: 'LearningPassportKey', did, label: 'Exams 2025', kdf: { N: 2 ** 17 } });
    const kp = await decryptKeyFile(file, 'pass phrase');
    expect(kp.publicKey).toEqual(publicKeyFromDidKey(did));

    const shown = await lp(['keys', 'show', 'issuer.json', '--json']);
    expect(shown.code).toBe(0);
    const json = JSON.parse(shown.stdout);
    expect(json).toEqual({ did, label: 'Exams 2025', publicKeyMultibase: did.slice(8), publicKeyJwk: publicKeyToJwk(kp.publicKey), checked: false });
    const text = await lp(['keys', 'show', 'issuer.json']);
    expect(text.stdout).toContain(did);
    expect(text.stdout).not.toMatch(/"d"/);

    const again = await lp(['keys', 'new', '--out', 'issuer.json'], { LP_PASSPHRASE: 'other' });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('refusing to overwrite');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(file);

    const wrong = await lp(['keys', 'show', 'issuer.json', '--check'], { LP_PASSPHRASE: 'not it' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('KEY_FILE_PASSPHRASE');
  });

  test('usage and bad files exit 2 with a message, never a stack trace', async () => {
    writeFileSync(join(dir, 'junk.json'), '{"type":"LearningPassportKey"');
    const cases: [string[], string][] = [
      [['keys', 'new'], '--out'],
      [['keys', 'new', '--out', 'x.json'], 'LP_PASSPHRASE'], // no passphrase and no terminal
      [['keys', 'show'], 'usage'],
      [['keys', 'show', 'missing.json'], 'cannot read'],
      [['keys', 'show', 'junk.json'], 'KEY_FILE_INVALID'],
      [['keys', 'frobnicate'], 'unknown command'],
    ];
    for (const [args, message] of cases) {
      const r = await lp(args);
      expect([args.join(' '), r.code]).toEqual([args.join(' '), 2]);
      expect(r.stderr).toContain(message);
      expect(r.stderr).not.toContain('    at ');
    }
    const help = await lp(['keys', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('lp keys new --out KEY.json');
  });
});
