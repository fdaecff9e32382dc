// The `lp` bundle (cli/scripts/build-cli.mjs, built by `npm ci`'s prepare step) against the
// TypeScript it is built from: the same commands give the same output and exit code, the server
// it starts serves the pages and decodes photos in its worker threads (files found next to the
// sources: page code, the worker entry, zxing's .wasm), and cli/bin/lp.js picks the bundle only
// while every file it was built from is unchanged.
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodePng, renderQrImage } from '@lp/qr/node';
import { grade9 } from '../../verifier/test/helpers.ts';
// @ts-expect-error plain JavaScript without declarations (it runs before TypeScript can)
import { buildCli } from '../scripts/build-cli.mjs';
// @ts-expect-error plain JavaScript without declarations (it runs before TypeScript can)
import { pickCliEntry } from '../bin/pick-cli-entry.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const LP = path.join(ROOT, 'cli/bin/lp.js');
// Inside the repository (test/out is ignored by git), where node finds node_modules from the bundle.
const OUT = path.join(ROOT, 'cli/test/out', `bundle-${process.pid}`);
const RUN_BUNDLE = 'const { main } = await import(process.argv[1]); process.exitCode = await main(process.argv.slice(2));';
const PASS = 'correct horse battery staple';
const pick = pickCliEntry as (root: URL, dist: URL, env?: Record<string, string>) => 'bundle' | 'source';

let dir: string;
let built: { outputs: number; inputs: number };

type Run = { code: number; stdout: string; stderr: string };
function run(file: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [file, ...args].filter((a) => a !== ''), { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, LP_DATA_DIR: path.join(dir, 'data'), ...env }, maxBuffer: 8 << 20 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}
const bundle = (args: string[], env: Record<string, string> = {}) => run('--input-type=module', ['-e', RUN_BUNDLE, pathToFileURL(path.join(OUT, 'main.js')).href, ...args], env);
const source = (args: string[], env: Record<string, string> = {}) => run(LP, args, { LP_CLI: 'source', ...env });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-bundle-'));
  built = await (buildCli as (outDir: string) => Promise<{ outputs: number; inputs: number }>)(OUT);
  const unsigned = grade9();
  delete (unsigned.issuer as Record<string, unknown>).id;
  delete unsigned.id;
  fs.writeFileSync(path.join(dir, 'unsigned.json'), JSON.stringify(unsigned));
  // A photo of a QR code that holds no seal: read (zxing's .wasm), then refused as a seal (SEAL_BASE45).
  fs.writeFileSync(path.join(dir, 'not-a-seal.png'), encodePng(renderQrImage('LP1:THIS-IS-NOT-A-SEAL', { scale: 4 })));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(OUT, { recursive: true, force: true });
});

describe('the lp bundle', () => {
  test('is built from our sources only: npm packages stay in node_modules', () => {
    expect(built.outputs).toBeGreaterThan(1);
    const text = fs.readdirSync(OUT).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(OUT, f), 'utf8')).join('\n');
    expect(text).toMatch(/from "express"/);
    expect(text).not.toMatch(/function jsonld|Copyright.*Digital Bazaar/);
    // Files next to the sources are found from where the sources are, not from the bundle.
    expect(text).toContain('new URL("../../../../verifier/src/http/image-pool.ts", import.meta.url)');
  });

  test('the same commands give the same output and exit code as the sources', async () => {
    const keys = await bundle(['keys', 'new', '--out', 'key.json'], { LP_PASSPHRASE: PASS });
    expect(keys.code).toBe(0);
    const signed = await bundle(['sign', 'unsigned.json', '--key', 'key.json', '--out', 'signed.json'], { LP_PASSPHRASE: PASS });
    expect(signed.code).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(dir, 'signed.json'), 'utf8')) as { credentialSubject: { result: { value?: string }[] } };
    record.credentialSubject.result[0]!.value = '552';
    fs.writeFileSync(path.join(dir, 'tampered.json'), JSON.stringify(record));
    const now = ['--now', '2026-12-01T00:00:00Z'];
    const cases: [string[], number][] = [
      [['--version'], 0],
      [['verify', '--help'], 0],
      [['verify'], 2],
      [['keys', 'show', 'key.json'], 0],
      [['verify', 'signed.json', '--checks', 'signature,validity,profile', ...now], 0],
      [['verify', 'signed.json', '--json', ...now], 3],
      [['verify', 'tampered.json', '--checks', 'signature,validity,profile', ...now], 1],
      [['verify', 'not-a-seal.png', '--json', ...now], 1],
    ];
    for (const [args, code] of cases) {
      const [b, s] = [await bundle(args, { LP_PASSPHRASE: PASS }), await source(args, { LP_PASSPHRASE: PASS })];
      expect([args, b]).toEqual([args, s]);
      expect([args, b.code]).toEqual([args, code]);
    }
  });

  test('lp serve from the bundle builds the pages and decodes a photo in a worker thread', async () => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', RUN_BUNDLE, pathToFileURL(path.join(OUT, 'main.js')).href, 'serve', '--port', '0'], {
      cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, LP_DATA_DIR: path.join(dir, 'serve-data'), LP_DEMO: '0' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { out += b.toString(); });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', () => { const m = /listening on (http:\/\/localhost:\d+)/.exec(out); if (m) resolve(m[1]!); });
        child.once('exit', (c) => reject(new Error(`server exited ${c}:\n${out}`)));
      });
      const html = await fetch(`${url}/verify`);
      expect(html.status).toBe(200);
      const js = await fetch(`${url}/verify/app.js`);
      const code = await js.text();
      expect([js.status, code.length > 10_000]).toEqual([200, true]);
      // The page code is split: the chunks its entry imports are served beside it.
      const chunk = /["']\.\/(chunks\/[\w-]+\.js)["']/.exec(code)?.[1];
      const chunkRes = await fetch(`${url}/verify/${chunk}`);
      expect([chunkRes.status, (await chunkRes.arrayBuffer()).byteLength > 0]).toEqual([200, true]);
      const photo = await fetch(`${url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: fs.readFileSync(path.join(dir, 'not-a-seal.png')) });
      const result = (await photo.json()) as { verdict: string; checks: { id: string; code: string }[] };
      // Not NO_QR_FOUND: the worker read the QR code and the seal text in it was refused.
      expect([photo.status, result.verdict, result.checks.find((c) => c.id === 'decode')?.code]).toEqual([422, 'INVALID', 'SEAL_BASE45']);
    } finally {
      await new Promise<void>((resolve) => { if (child.exitCode !== null) resolve(); else { child.once('exit', () => resolve()); child.kill('SIGTERM'); } });
    }
  });
});

describe('pickCliEntry', () => {
  let root: string;
  const write = (rel: string, text: string) => { fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true }); fs.writeFileSync(path.join(root, rel), text); };
  const manifestOf = (files: string[]) => Object.fromEntries(files.map((f) => { const st = fs.statSync(path.join(root, f)); return [f, [st.size, st.mtimeMs]]; }));
  const choose = (env: Record<string, string> = {}) => pick(pathToFileURL(`${root}/`), pathToFileURL(`${root}/dist/`), env);

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-pick-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('the bundle while every recorded file is unchanged, the sources once one changes', () => {
    write('src/a.ts', 'export const a = 1;');
    write('src/b.ts', 'export const b = 2;');
    expect(choose()).toBe('source'); // nothing built yet
    write('dist/main.js', 'export {}');
    write('dist/manifest.json', JSON.stringify({ files: manifestOf(['src/a.ts', 'src/b.ts']) }));
    expect(choose()).toBe('bundle');
    expect(choose({ LP_CLI: 'source' })).toBe('source');
    // Same size, later mtime: an edit that kept the length.
    const later = new Date(fs.statSync(path.join(root, 'src/b.ts')).mtimeMs + 5000);
    fs.utimesSync(path.join(root, 'src/b.ts'), later, later);
    expect(choose()).toBe('source');
    expect(choose({ LP_CLI: 'bundle' })).toBe('bundle');
    write('dist/manifest.json', JSON.stringify({ files: manifestOf(['src/a.ts', 'src/b.ts']) }));
    expect(choose()).toBe('bundle');
    write('src/a.ts', 'export const a = 10;'); // a different size
    expect(choose()).toBe('source');
    write('dist/manifest.json', JSON.stringify({ files: manifestOf(['src/a.ts', 'src/b.ts']) }));
    fs.rmSync(path.join(root, 'src/b.ts'));
    expect(choose()).toBe('source');
  });

  test.each([
    ['no main.js', () => { fs.rmSync(path.join(root, 'dist/main.js')); }],
    ['a manifest that is not JSON', () => { fs.writeFileSync(path.join(root, 'dist/manifest.json'), '{'); }],
    ['a manifest without files', () => { fs.writeFileSync(path.join(root, 'dist/manifest.json'), '{"files":{}}'); }],
    ['a manifest entry of the wrong shape', () => { fs.writeFileSync(path.join(root, 'dist/manifest.json'), '{"files":{"src/a.ts":7}}'); }],
  ])('%s: the sources', (_label, spoil) => {
    write('src/a.ts', 'export const a = 1;');
    write('dist/main.js', 'export {}');
    write('dist/manifest.json', JSON.stringify({ files: manifestOf(['src/a.ts']) }));
    expect(choose()).toBe('bundle');
    spoil();
    expect(choose()).toBe('source');
  });
});
