// `lp serve` must not look healthy, nor answer 404 for a route that exists, before every router
// is mounted: until then every route answers 503 STARTING with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { FIXTURES, ISSUE_FROM_CATALOGUE, LP, lp, post, tempDir } from '../../issuer/test/issuer-helpers.ts';
import { startServer } from '../src/server.ts';
import { freePort } from '../../test/lib/listen.ts';

const PASS = 'correct horse battery';
const tmp = tempDir('lp-server-start-');
const dataDir = path.join(tmp.dir, 'data');
const env = { LP_DATA_DIR: dataDir, LP_PASSPHRASE: PASS, LP_DEMO: '0' };
let apiKey = '';

beforeAll(async () => {
  const run = (args: string[]) => lp(['issuer', ...args], { cwd: tmp.dir, env });
  expect((await run(['init', '--name', 'Exams Board', '--country', 'JO'])).code).toBe(0);
  expect((await run(['achievement', 'add', path.join(FIXTURES, 'catalogue.json')])).code).toBe(0);
  apiKey = (await run(['api-key', 'create'])).stdout.trim().split('\n').at(-1)!;
});
afterAll(() => tmp.cleanup());

describe('server start-up', () => {
  it('while the issuer is being mounted: /health and POST /credentials/issue answer 503 STARTING with Retry-After; then 200 and 201', async () => {
    const seen: { route: string; status: number; code?: string; retryAfter: string | null }[] = [];
    const server = await startServer({
      port: 0, env, cwd: tmp.dir, log: () => {},
      // The port is open and the issuer not mounted yet: look at what a load balancer would see.
      onListening: async (port) => {
        const base = `http://127.0.0.1:${port}`;
        for (const [route, res] of [
          ['/health', await fetch(`${base}/health`)],
          ['/credentials/issue', await post({ url: base, apiKey }, '/credentials/issue', ISSUE_FROM_CATALOGUE)],
          ['/issuer', await fetch(`${base}/issuer`)],
        ] as const) {
          seen.push({ route, status: res.status, code: ((await res.json()) as { code?: string }).code, retryAfter: res.headers.get('retry-after') });
        }
      },
    });
    try {
      expect(seen).toEqual(['/health', '/credentials/issue', '/issuer'].map((route) => ({ route, status: 503, code: 'STARTING', retryAfter: '1' })));
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect((await post({ url: server.url, apiKey }, '/credentials/issue', ISSUE_FROM_CATALOGUE)).status).toBe(201);
    } finally {
      await server.stop();
    }
  });

  it('lp serve polled from the moment it starts never answers 404 to POST /credentials/issue, nor 200 on /health before issuing works', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const child = spawn(process.execPath, [LP, 'serve', '--port', String(port)], { cwd: tmp.dir, env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' });
    const statuses: string[] = [];
    try {
      let issued = false;
      const deadline = Date.now() + 120_000;
      while (!issued && Date.now() < deadline) {
        let health: number;
        try {
          health = (await fetch(`${base}/health`)).status;
        } catch {
          statuses.push('refused');
          await new Promise((r) => setTimeout(r, 20));
          continue;
        }
        const res = await post({ url: base, apiKey }, '/credentials/issue', ISSUE_FROM_CATALOGUE);
        const code = res.status === 201 ? '' : ((await res.json()) as { code?: string }).code;
        statuses.push(`health ${health}, issue ${res.status}${code ? ' ' + code : ''}`);
        issued = res.status === 201;
      }
      expect(issued).toBe(true);
      const answered = statuses.filter((s) => s !== 'refused');
      // Starting (503 STARTING), ready (200 and 201), or the moment between the two requests when
      // it became ready; never a 404, never healthy while issuing is not there yet.
      for (const s of answered) expect(['health 503, issue 503 STARTING', 'health 503, issue 201', 'health 200, issue 201']).toContain(s);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
