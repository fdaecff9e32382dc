// LP_RECOGNITION_POLICY may name a policy CSV: the server reads it and places by it; a CSV that
// does not parse makes the route answer 503 with its code rather than fall back to the defaults.
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import express, { type Router } from 'express';
import { createRecognitionHttp } from '../src/index.ts';
import { makeWorld, NOW, type World } from '../../packages/verify/test/lib/make-world.ts';

let world: World;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-policy-csv-'));

async function serve(router: Router): Promise<{ base: string; close: () => Promise<void> }> {
  const app = express();
  app.use(router);
  const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  const a = server.address();
  return { base: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

beforeAll(async () => {
  world = await makeWorld();
  fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(world.jws));
  fs.writeFileSync(path.join(dir, 'policy.csv'), 'key,value\nname,Ministry of Education (test CSV)\ncountries.JO.schoolYearStartMonth,8\n');
  fs.writeFileSync(path.join(dir, 'broken.csv'), 'key,value\nmaxYearsBelowAgeGrade,two\n');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function ask(policyFile: string, logs: string[]): Promise<Response> {
  const env = { LP_TRUST_BUNDLE: 'bundle.json', LP_TRUST_ANCHORS: world.anchor.did, LP_RECOGNITION_POLICY: policyFile };
  const srv = await serve(await createRecognitionHttp({ env, cwd: dir, log: (l) => logs.push(l), now: () => NOW }));
  try {
    return await fetch(`${srv.base}/recognition/summary`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credentials: [world.good.seal], host: 'JO', birthDate: '2009-03-14' }),
    });
  } finally {
    await srv.close();
  }
}

it('a policy CSV is read and used (its school year month)', async () => {
  const logs: string[] = [];
  const res = await ask('policy.csv', logs);
  expect(res.status).toBe(200);
  expect(((await res.json()) as { suggestion: { schoolYearStart: string } }).suggestion.schoolYearStart).toBe('2024-08-01');
  expect(logs).toContain('recognition: placement policy "Ministry of Education (test CSV)" from policy.csv');
});

it('a policy CSV that does not parse → 503 POLICY_INVALID, never the defaults', async () => {
  const logs: string[] = [];
  const res = await ask('broken.csv', logs);
  expect(res.status).toBe(503);
  expect(((await res.json()) as { code: string }).code).toBe('POLICY_INVALID');
  expect(logs.some((l) => l.startsWith('recognition: placement policy refused (POLICY_INVALID): line 2:'))).toBe(true);
});
