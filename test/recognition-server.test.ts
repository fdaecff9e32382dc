// The server `npm start` runs answers POST /recognition/summary beside the verifier routes, with
// the bundle it was configured with: a record signed in-process counts, and the suggestion comes.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../cli/src/server.ts';
import { makeWorld, NOW, type World } from '../packages/verify/test/lib/make-world.ts';

let world: World;
let server: RunningServer;
const work = mkdtempSync(join(tmpdir(), 'lp-recognition-server-'));

beforeAll(async () => {
  world = await makeWorld();
  writeFileSync(join(work, 'bundle.json'), JSON.stringify(world.jws));
  server = await startServer({
    port: 0, cwd: work, log: () => {}, now: () => NOW,
    env: { LP_TRUST_BUNDLE: join(work, 'bundle.json'), LP_TRUST_ANCHORS: world.anchor.did, LP_DATA_DIR: join(work, 'data'), LP_DEMO: '0' },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

it('POST /recognition/summary → 200 with the summary and the advisory suggestion', async () => {
  const res = await fetch(`${server.url}/recognition/summary`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credentials: [world.good.seal], host: 'JO', birthDate: '2009-03-14' }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { records: { verdict: string }[]; summary: { items: { counted: boolean }[] }; suggestion: { placement: unknown; advice: { text: string } } };
  expect(body.records[0]!.verdict).toBe('VALID');
  expect(body.summary.items[0]!.counted).toBe(true);
  expect(body.suggestion.placement).toEqual({ kind: 'grade', grade: 11, iscedLevel: 3 });
  expect(body.suggestion.advice.text).toContain('the school confirms, changes or rejects');
});
