// POST /recognition/summary on a real HTTP server (port 0): records and seals signed in-process,
// a trust bundle signed by an anchor, the clock set. A revoked record is shown, never counted.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Server } from 'node:http';
import express, { type Router } from 'express';
import { createRecognitionHttp, createRecognitionRouter } from '../src/index.ts';
import { issue, makeWorld, NOW, REVOKED_INDEX, type Issued, type World } from '../../packages/verify/test/lib/make-world.ts';

let world: World;
let revoked: Issued;

async function serve(router: Router): Promise<{ base: string; close: () => Promise<void> }> {
  const app = express();
  app.use(router);
  const server: Server = await new Promise((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  const a = server.address();
  return { base: `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const post = (base: string, body: unknown, type = 'application/json') =>
  fetch(`${base}/recognition/summary`, { method: 'POST', headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) });

beforeAll(async () => {
  world = await makeWorld();
  revoked = await issue(world.issuer, { status: [{ purpose: 'revocation', index: REVOKED_INDEX }] });
});

describe('POST /recognition/summary', () => {
  let srv: Awaited<ReturnType<typeof serve>>;
  beforeAll(async () => { srv = await serve(createRecognitionRouter({ context: () => ({ bundle: world.bundle }), now: () => NOW })); });
  afterAll(() => srv.close());

  it('a Jordanian Grade 10 record (full record and seal) and a revoked copy → summary and an advisory Grade 11', async () => {
    const res = await post(srv.base, { credentials: [world.good.di, world.good.seal, revoked.di], host: 'JO', birthDate: '2009-03-14' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { records: { verdict: string; form: string }[]; summary: any; suggestion: any };
    expect(body.records.map((r) => [r.form, r.verdict])).toEqual([['di', 'VALID'], ['seal', 'VALID'], ['di', 'INVALID']]);
    expect(body.summary.items.map((i: any) => [i.verdict, i.evidence, i.country.iso2, i.isced.levelCode, i.isced.field, i.result.share, i.counted, i.notCounted ?? null])).toEqual([
      ['VALID', 'national-examination-body', 'JO', '244', '0541', 0.75, true, null],
      ['VALID', 'national-examination-body', 'JO', '244', '0541', 0.75, true, null],
      ['INVALID', 'national-examination-body', 'JO', '244', '0541', 0.75, false, 'EVIDENCE_NOT_VALID'],
    ]);
    expect(body.summary.highestCompleted).toMatchObject({ grade: 10, level: 2, levelCompleted: true });
    expect(body.suggestion).toMatchObject({ advisory: true, decidedBy: 'school', placement: { kind: 'grade', grade: 11, iscedLevel: 3 } });
    expect(body.suggestion.sentence).toBe('completed Grade 10 in Jordan (ISCED 2, 4 years of lower secondary) in July 2024; 6 months out of school; 1 record shown but not counted (verdict not VALID or result not passed); age 15 → Grade 11 in Jordan, with catch-up support');
  });

  it('records naming two learners → the summary carries LEARNERS_DIFFER with each learner and their items', async () => {
    const other = await issue(world.issuer, { learnerName: 'Omar Saleh' });
    const res = await post(srv.base, { credentials: [world.good.di, other.di] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: { warnings: { code: string; differ: string[]; learners: { name: string; items: number[] }[] }[] } };
    expect(body.summary.warnings).toEqual([{ code: 'LEARNERS_DIFFER', differ: ['name'], learners: [{ name: 'ليلى أحمد / Layla Ahmad', items: [0] }, { name: 'Omar Saleh', items: [1] }] }]);
    const same = (await (await post(srv.base, { credentials: [world.good.di, world.good.seal] })).json()) as { summary: { warnings: unknown[] } };
    expect(same.summary.warnings).toEqual([]);
  });

  it('a presentation and self-declared items; without host no suggestion', async () => {
    const res = await post(srv.base, { verifiablePresentation: { type: ['VerifiablePresentation'], verifiableCredential: [world.good.jwt] }, selfDeclared: [{ country: 'SY', grade: 8, date: '2022-06' }] });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { records: { form: string; verdict: string }[]; summary: any; suggestion?: unknown };
    expect(body.records).toMatchObject([{ form: 'jwt', verdict: 'VALID' }]);
    expect(body.summary.items.map((i: any) => i.evidence)).toEqual(['self-declared', 'national-examination-body']);
    expect(body.suggestion).toBeUndefined();
  });

  it.each([
    ['an unknown host', 422, 'COUNTRY_UNKNOWN', { credentials: [], selfDeclared: [], host: 'XX', birthDate: '2009-03-14' }],
    ['a birth date in the future', 422, 'BIRTH_DATE_IN_FUTURE', { credentials: [], host: 'JO', birthDate: '2026-01-01' }],
    ['a policy that does not parse', 422, 'POLICY_INVALID', { credentials: [], host: 'JO', birthDate: '2009-03-14', policy: { maxYearsBelowAgeGrade: 'two' } }],
    ['a self-declared item in an unknown country', 422, 'COUNTRY_UNKNOWN', { selfDeclared: [{ country: 'QQ', grade: 3 }] }],
    ['host without birth date', 400, 'BODY_INVALID', { credentials: [], host: 'JO' }],
    ['no evidence at all', 400, 'BODY_INVALID', { host: 'JO', birthDate: '2009-03-14' }],
    ['an unknown key', 400, 'BODY_INVALID', { credentials: [], verified: true }],
    ['a body with broken JSON', 400, 'BODY_NOT_JSON', '{"credentials": ['],
  ])('%s → %i %s', async (_label, status, code, body) => {
    const res = await post(srv.base, body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe(code);
  });

  it('a body that is not JSON → 415', async () => {
    const res = await post(srv.base, 'credentials', 'text/plain');
    expect(res.status).toBe(415);
  });
});

describe('createRecognitionHttp (what npm start mounts)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-recognition-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the bundle and a ministry policy; a policy file that does not parse answers 503 with its code', async () => {
    fs.writeFileSync(path.join(dir, 'bundle.json'), JSON.stringify(world.jws));
    fs.writeFileSync(path.join(dir, 'policy.json'), JSON.stringify({ name: 'Ministry of Education, Jordan (test)', countries: { JO: { schoolYearStartMonth: 8 } } }));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"name": ');
    const env = { LP_TRUST_BUNDLE: 'bundle.json', LP_TRUST_ANCHORS: world.anchor.did };
    const logs: string[] = [];
    const good = await serve(await createRecognitionHttp({ env: { ...env, LP_RECOGNITION_POLICY: 'policy.json' }, cwd: dir, log: (l) => logs.push(l), now: () => NOW }));
    const res = await post(good.base, { credentials: [world.good.seal], host: 'JO', birthDate: '2009-03-14' });
    await good.close();
    expect(res.status).toBe(200);
    const body = (await res.json()) as { summary: { items: { counted: boolean }[] }; suggestion: { schoolYearStart: string } };
    expect(body.summary.items[0]!.counted).toBe(true);
    expect(body.suggestion.schoolYearStart).toBe('2024-08-01');
    expect(logs).toContain('recognition: placement policy "Ministry of Education, Jordan (test)" from policy.json');

    const bad = await serve(await createRecognitionHttp({ env: { ...env, LP_RECOGNITION_POLICY: 'broken.json' }, cwd: dir, log: (l) => logs.push(l), now: () => NOW }));
    const refused = await post(bad.base, { credentials: [world.good.seal], host: 'JO', birthDate: '2009-03-14' });
    await bad.close();
    expect(refused.status).toBe(503);
    expect(((await refused.json()) as { code: string }).code).toBe('POLICY_NOT_JSON');
  });

  it('uses a trust source shared with the other verifier routes, asked on each request', async () => {
    let current: typeof world.bundle | undefined;
    const shared = await serve(await createRecognitionHttp({ env: {}, cwd: dir, log: () => {}, now: () => NOW, trust: { current: async () => ({ bundle: current }) } }));
    const before = await post(shared.base, { credentials: [world.good.seal] });
    current = world.bundle;
    const after = await post(shared.base, { credentials: [world.good.seal] });
    await shared.close();
    expect(((await before.json()) as { records: { verdict: string }[] }).records[0]!.verdict).toBe('UNKNOWN');
    expect(((await after.json()) as { records: { verdict: string }[] }).records[0]!.verdict).toBe('VALID');
  });
});
