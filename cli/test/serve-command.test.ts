// `lp serve` as a child process: a taken port is reported and nothing is prepared or rewritten;
// --host / LP_HOST choose who can reach the pages; --tls-cert/--tls-key serve HTTPS.
import { afterAll, describe, expect, test } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const LP = fileURLToPath(new URL('../bin/lp.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(children.map((c) => (c.exitCode !== null ? undefined : new Promise((r) => { c.once('exit', r); c.kill('SIGTERM'); }))));
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function freshDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-serve-'));
  dirs.push(d);
  return d;
}

/** Starts `lp serve`; resolves when it listens (with its port) or when it exits (with its status). */
function serve(args: string[], env: Record<string, string> = {}) {
  const cwd = freshDir();
  const child = spawn(process.execPath, [LP, 'serve', ...args], {
    cwd, env: { PATH: process.env.PATH ?? '', HOME: cwd, LP_DATA_DIR: path.join(cwd, 'data'), ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (b: Buffer) => { stderr += b; });
  const started = new Promise<{ port?: number; code?: number; stdout: string; stderr: string }>((resolve) => {
    child.stdout!.on('data', (b: Buffer) => {
      stdout += b;
      // The hints follow the "listening" line in the same write burst; wait for the line after it.
      const m = /listening on https?:\/\/localhost:(\d+).*\n.+\n/.exec(stdout);
      if (m) resolve({ port: Number(m[1]), stdout, stderr });
    });
    child.once('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
  return { cwd, child, started };
}

function get(url: string, opts: https.RequestOptions = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = (url.startsWith('https:') ? https : http).get(url, opts, (res) => {
      let body = '';
      res.on('data', (b) => { body += b; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
  });
}

const lanAddress = Object.values(os.networkInterfaces()).flat().find((a) => a && !a.internal && a.family === 'IPv4')?.address;

describe('lp serve', () => {
  test('a taken port: exit 2 PORT_IN_USE naming the port, no "listening" line, nothing prepared in the data directory', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { cwd, started } = serve(['--port', String(port)]); // DEMO on: a first start would seed it
      const r = await started;
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('PORT_IN_USE');
      expect(r.stderr).toContain(`port ${port} is already in use`);
      expect(r.stdout).not.toContain('listening');
      expect(fs.readdirSync(cwd)).toEqual([]);
    } finally {
      blocker.close();
    }
  });

  test('default: bound to 127.0.0.1 only, and says how to open it to phones', async () => {
    const { child, started } = serve(['--port', '0'], { LP_DEMO: '0' });
    const r = await started;
    expect(r.port).toBeGreaterThan(0);
    expect(r.stdout).toContain('(bound to 127.0.0.1)');
    expect(r.stdout).toContain('--host 0.0.0.0');
    expect((await get(`http://127.0.0.1:${r.port}/health`)).status).toBe(200);
    if (lanAddress) await expect(get(`http://${lanAddress}:${r.port}/health`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    child.kill('SIGTERM');
  });

  test('LP_HOST=0.0.0.0 (or --host): reachable on the machine\'s network address, which it prints', async () => {
    const { child, started } = serve(['--port', '0'], { LP_DEMO: '0', LP_HOST: '0.0.0.0' });
    const r = await started;
    expect(r.stdout).toContain('(bound to 0.0.0.0)');
    expect((await get(`http://127.0.0.1:${r.port}/health`)).status).toBe(200);
    if (lanAddress) {
      expect(r.stdout).toContain(`On the network: http://${lanAddress}:${r.port}/verify`);
      expect((await get(`http://${lanAddress}:${r.port}/health`)).status).toBe(200);
    }
    expect(r.stdout).toContain('https://');
    child.kill('SIGTERM');
  });

  test('--tls-cert/--tls-key: HTTPS with that certificate; plain HTTP on the port gets no answer', async () => {
    const { child, started } = serve(['--port', '0', '--tls-cert', path.join(FIXTURES, 'tls-test-cert.pem'), '--tls-key', path.join(FIXTURES, 'tls-test-key.pem')], { LP_DEMO: '0' });
    const r = await started;
    expect(r.stdout).toMatch(/listening on https:\/\/localhost:\d+/);
    const ca = fs.readFileSync(path.join(FIXTURES, 'tls-test-cert.pem'));
    const res = await get(`https://localhost:${r.port}/health`, { ca });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ status: expect.any(String) });
    await expect(get(`https://localhost:${r.port}/health`)).rejects.toMatchObject({ code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    const plain = await get(`http://127.0.0.1:${r.port}/health`).then((x) => x.status, (e: NodeJS.ErrnoException) => e.code);
    expect(plain).not.toBe(200);
    child.kill('SIGTERM');
  });

  test.each([
    [['--tls-cert', path.join(FIXTURES, 'tls-test-cert.pem')], 'USAGE', 'give both --tls-cert and --tls-key'],
    [['--tls-cert', 'missing.pem', '--tls-key', 'missing-key.pem'], 'TLS_FILE', 'cannot read the TLS certificate missing.pem'],
    [['--tls-cert', path.join(FIXTURES, 'tls-test-cert.pem'), '--tls-key', path.join(FIXTURES, 'tls-test-cert.pem')], 'TLS_INVALID', 'cannot be used'],
    [['--host', '203.0.113.7'], 'HOST_UNAVAILABLE', 'no such address'],
    [['--port', 'eighty'], 'USAGE', 'bad port'],
  ])('%j: exit 2 %s and nothing written', async (args, code, text) => {
    const { cwd, started } = serve(['--port', '0', ...args]);
    const r = await started;
    expect(r.code).toBe(2);
    if (code !== 'USAGE') expect(r.stderr).toContain(`${code}:`);
    expect(r.stderr).toContain(text);
    expect(fs.readdirSync(cwd)).toEqual([]);
  });
});
