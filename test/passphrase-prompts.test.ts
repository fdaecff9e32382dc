// Every `lp` prompt that asks for a new passphrase twice, typed in a real pseudo-terminal (not
// LP_PASSPHRASE): the second read must work after the first, the passphrase must not be echoed,
// and a mismatch must leave nothing behind.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptKeyFile } from '@lp/crypto';
import { hasScript, runLpInPty } from './lib/run-in-pty.ts';

const PASS = 'correct horse 7';
let dir: string;

beforeAll(() => {
  if (!hasScript()) throw new Error('util-linux `script` is needed for the pseudo-terminal tests (Debian: bsdutils)');
  dir = mkdtempSync(join(tmpdir(), 'lp-pty-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Answers each prompt in turn with its text, then returns the exit status and the terminal's text. */
async function answer(args: string[], env: Record<string, string>, answers: [RegExp, string][]) {
  const run = runLpInPty(args, { cwd: dir, env });
  for (const [i, [prompt, text]] of answers.entries()) {
    // The n-th time the same prompt is shown, so a second "Passphrase: " waits for its own line.
    await run.waitFor(prompt, answers.slice(0, i + 1).filter(([p]) => p.source === prompt.source).length);
    run.type(text + '\r');
  }
  return run.done;
}

describe('passphrase typed on a terminal (pseudo-terminal)', () => {
  test('lp wallet init asks twice, creates the profile, and the typed passphrase unlocks it', async () => {
    const env = { LP_WALLET_DIR: join(dir, 'w1') };
    const r = await answer(['wallet', 'init'], env, [[/New passphrase for profile default: /, PASS], [/Again: /, PASS]]);
    expect(r.output).not.toContain('ABORT_ERR');
    expect(r.output).not.toContain(PASS); // echo is off
    expect(r.output).toMatch(/profile "default" created/);
    expect(r.code).toBe(0);
    const list = await answer(['wallet', 'list'], env, [[/Passphrase for profile default: /, PASS]]);
    expect(list.output).not.toContain(PASS);
    expect(list.code).toBe(0);
    const wrong = await answer(['wallet', 'list'], env, [[/Passphrase for profile default: /, 'not it']]);
    expect(wrong.code).toBe(2);
  });

  test('two different passphrases: exit 2 "the passphrases differ" and no profile is written', async () => {
    const env = { LP_WALLET_DIR: join(dir, 'w2') };
    const r = await answer(['wallet', 'init'], env, [[/New passphrase for profile default: /, PASS], [/Again: /, PASS + 'x']]);
    expect(r.output).toContain('the passphrases differ');
    expect(r.code).toBe(2);
    expect(existsSync(join(dir, 'w2')) ? readdirSync(join(dir, 'w2'), { recursive: true }).filter((f) => String(f).endsWith('.json') || String(f).includes('default')) : []).toEqual([]);
  });

  test('both lines pasted at once: the second line answers "Again:"', async () => {
    const run = runLpInPty(['wallet', 'init'], { cwd: dir, env: { LP_WALLET_DIR: join(dir, 'w3') } });
    await run.waitFor(/New passphrase for profile default: /);
    run.type(`${PASS}\r${PASS}\r`);
    const r = await run.done;
    expect(r.output).toMatch(/profile "default" created/);
    expect(r.code).toBe(0);
  });

  test('lp wallet export: vault passphrase once, backup passphrase twice; restore asks once', async () => {
    const env = { LP_WALLET_DIR: join(dir, 'w1') };
    const r = await answer(['wallet', 'export', '--out', 'backup.lpw'], env, [
      [/Passphrase for profile default: /, PASS],
      [/Backup passphrase: /, 'backup pass 9'],
      [/Again: /, 'backup pass 9'],
    ]);
    expect(r.output).not.toContain('backup pass 9');
    expect(r.output).toMatch(/wrote backup\.lpw/);
    expect(r.code).toBe(0);
    // On a new device the typed backup passphrase opens the backup and becomes the profile's.
    const restored = await answer(['wallet', 'restore', join(dir, 'backup.lpw')], { LP_WALLET_DIR: join(dir, 'w4') }, [[/Backup passphrase: /, 'backup pass 9']]);
    expect(restored.output).toMatch(/created profile "default"/);
    expect(restored.code).toBe(0);
    const list = await answer(['wallet', 'list'], { LP_WALLET_DIR: join(dir, 'w4') }, [[/Passphrase for profile default: /, 'backup pass 9']]);
    expect(list.code).toBe(0);
  });

  test('lp keys new asks twice and the key file opens with the typed passphrase', async () => {
    const r = await answer(['keys', 'new', '--out', 'k.json'], {}, [[/New passphrase: /, PASS], [/Again: /, PASS]]);
    expect(r.output).not.toContain(PASS);
    expect(r.code).toBe(0);
    await expect(decryptKeyFile(JSON.parse(readFileSync(join(dir, 'k.json'), 'utf8')), PASS)).resolves.toBeDefined();
  });

  test('lp trust init-anchor asks twice; a mismatch writes no key file', async () => {
    const bad = await answer(['trust', 'init-anchor', '--out', 'a-bad.json'], {}, [[/anchor key: /, PASS], [/Again: /, 'other']]);
    expect(bad.code).toBe(2);
    expect(existsSync(join(dir, 'a-bad.json'))).toBe(false);
    const r = await answer(['trust', 'init-anchor', '--out', 'a.json'], {}, [[/anchor key: /, PASS], [/Again: /, PASS]]);
    expect(r.code).toBe(0);
    await expect(decryptKeyFile(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')), PASS)).resolves.toBeDefined();
  });

  test('lp issuer init asks twice; the typed passphrase then unlocks the issuer key', async () => {
    const env = { LP_DATA_DIR: join(dir, 'issuer') };
    const r = await answer(['issuer', 'init', '--name', 'Pty Board', '--country', 'JO'], env, [[/Passphrase: /, PASS], [/Again: /, PASS]]);
    expect(r.output).not.toContain('ABORT_ERR');
    expect(r.output).not.toContain(PASS);
    expect(r.code).toBe(0);
    const fragment = await answer(['issuer', 'export-trust', '--out', join(dir, 'fragment.json')], env, [[/Passphrase: /, PASS]]);
    expect(fragment.code).toBe(0);
    expect(existsSync(join(dir, 'fragment.json'))).toBe(true);
  });
});
