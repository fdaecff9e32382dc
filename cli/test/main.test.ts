// `lp` itself, in-process: --version, and help texts that point only at documents that exist.
import { describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '@lp/cli-kit';
import { main } from '../src/main.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function lp(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (b) => { out += b; });
  stderr.on('data', (b) => { err += b; });
  const io: CliIo = { stdout, stderr, stdin: new PassThrough(), env: {}, cwd: ROOT };
  const code = await main(argv, io);
  return { code, stdout: out, stderr: err };
}

describe('lp', () => {
  test('--version, -V and version print the package version and exit 0', async () => {
    const pkg = JSON.parse(fs.readFileSync(`${ROOT}package.json`, 'utf8')) as { version: string };
    for (const flag of ['--version', '-V', 'version']) {
      const r = await lp([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`lp ${pkg.version} (Learning Passport, Node ${process.version})\n`);
    }
    expect((await lp(['--help'])).stdout).toContain('lp --version');
  });

  test('every group\'s --help names only documents and README sections that exist', async () => {
    const readme = fs.readFileSync(`${ROOT}README.md`, 'utf8');
    const headings = readme.split('\n').filter((l) => l.startsWith('#')).map((l) => l.replace(/^#+\s*/, '').replace(/`/g, ''));
    for (const group of ['trust', 'keys', 'sign', 'serve', 'verify', 'issuer', 'wallet']) {
      const r = await lp([group, '--help']);
      const text = r.stdout + r.stderr;
      for (const [, file] of text.matchAll(/\b([A-Z][A-Za-z-]*\.md)\b/g)) expect([group, fs.existsSync(`${ROOT}${file}`)]).toEqual([group, true]);
      for (const [, section] of text.matchAll(/README(?:\.md)?,? "([^"]+)"/g)) expect([group, headings.some((h) => h.includes(section!))]).toEqual([group, true]);
    }
    expect((await lp(['trust', '--help'])).stdout).not.toContain('DESIGN.md');
  });
});
