// Server liveness bench: GET /health and POST /credentials/issue latency on the real server while
// three 10 MB noise photos are verified on POST /seals/verify (decoded in the image pool's worker
// threads), against /health on the idle server in the same run. Target: /health within 300 ms.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../cli/src/server.ts';
import { addAchievements, createApiKey, initIssuer, openIssuerStore, parseCatalogueFile } from '../issuer/src/index.ts';
import { noisePng } from '../test/lib/noise-png.ts';

const FIXTURES = new URL('../issuer/test/fixtures/', import.meta.url);
const ISSUE = {
  options: {
    achievement: 'BECE-MATH',
    subject: { name: 'Layla Ahmad', dateOfBirth: '2010-03-04', candidateNumber: 'C-17' },
    result: { value: '452', status: 'Completed' },
    session: '2026-06',
  },
};

const ms = (x: number) => `${x.toFixed(0)} ms`;
const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN; };

async function timed(fn: () => Promise<Response>): Promise<{ ms: number; status: number }> {
  const t0 = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  return { ms: performance.now() - t0, status: res.status };
}

export async function benchServerLoad(): Promise<{ title: string; headers: string[]; rows: (string | number)[][] }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-load-bench-'));
  const now = new Date();
  const store = await openIssuerStore(path.join(dir, 'issuer'), { create: true });
  await initIssuer(store, { names: { en: 'Bench Examinations Board' }, country: 'JO', passphrase: 'pw', now, actor: 'cli' });
  await addAchievements(store, parseCatalogueFile(fs.readFileSync(new URL('catalogue.json', FIXTURES), 'utf8'), 'json'), { now, actor: 'cli' });
  const apiKey = (await createApiKey(store, { label: 'bench', now, random: (n) => crypto.getRandomValues(new Uint8Array(n)), actor: 'cli' })).key;
  await store.close();
  const server = await startServer({ port: 0, cwd: dir, log: () => undefined, env: { LP_DATA_DIR: path.join(dir, 'issuer'), LP_PASSPHRASE: 'pw', LP_DEMO: '0' } });
  const health = () => timed(() => fetch(`${server.url}/health`));
  const issue = () => timed(() => fetch(`${server.url}/credentials/issue`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` }, body: JSON.stringify(ISSUE) }));
  try {
    await issue(); // the first signature loads the contexts: outside the timings
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) idle.push((await health()).ms);
    const noise = noisePng(1) as Uint8Array<ArrayBuffer>;
    const t0 = performance.now();
    let photosDone = 0;
    const photos = [1, 2, 3].map(() => timed(() => fetch(`${server.url}/seals/verify`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: noise })).then((r) => { photosDone++; return r; }));
    const loaded: number[] = [];
    const issued: number[] = [];
    while (photosDone < 3) {
      loaded.push((await health()).ms);
      if (issued.length < 5 && photosDone === 0) issued.push((await issue()).ms);
    }
    const results = await Promise.all(photos);
    const wall = performance.now() - t0;
    return {
      title: 'Server liveness: three 10 MB noise PNGs on POST /seals/verify at once (image pool of worker threads)',
      headers: ['measure', 'value', 'reference / note'],
      rows: [
        ['GET /health during the load (median / p95 / max)', `${ms(quantile(loaded, 0.5))} / ${ms(quantile(loaded, 0.95))} / ${ms(Math.max(...loaded))}`, `idle: ${ms(quantile(idle, 0.5))} / ${ms(quantile(idle, 0.95))} / ${ms(Math.max(...idle))}; ${loaded.length} requests, ${loaded.filter((x) => x > 300).length} over the 300 ms target`],
        ['POST /credentials/issue during the load (median / max)', `${ms(quantile(issued, 0.5))} / ${ms(Math.max(...issued))}`, `${issued.length} issued while the photos were decoding`],
        ['three noise photos verified (wall time)', ms(wall), `answers ${results.map((r) => r.status).join(', ')} (422 NO_QR_FOUND)`],
      ],
    };
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run alone: node --import tsx bench/server-load.bench.ts
if (import.meta.url === `file://${process.argv[1]}`) {
  const { title, headers, rows } = await benchServerLoad();
  console.log(title);
  console.log(headers.join(' | '));
  for (const row of rows) console.log(row.join(' | '));
}
