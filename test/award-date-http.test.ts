// Past results through the HTTP APIs: the issuer API builds records awarded in 2012, 2019 and
// today with a key made today (options.awardedDate), a trust bundle is built from the issuer's
// fragment, and the real server's POST /seals/verify and POST /credentials/verify say VALID with
// each record's own award date. A seal signed before the key existed is INVALID with the existing
// code. Bad award dates get their code and change nothing stored.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildTrustBundle, signTrustBundle, zTrustFragment } from '@lp/trust';
import { startServer, type RunningServer } from '../cli/src/server.ts';
import { givenCredential, ISSUE_FROM_CATALOGUE, T0, post, startTestIssuer, type TestIssuer } from '../issuer/test/issuer-helpers.ts';
import { party } from '../packages/verify/test/lib/make-world.ts';

// The issuer's key is made at T0 (2026-06-20T09:00Z); records are signed an hour later.
const NOW = new Date(T0.getTime() + 3600_000);
const TODAY = NOW.toISOString().slice(0, 10);
const DATES = ['2012-06-30', '2019-06-30', TODAY];

interface Issued { id: string; verifiableCredential: Record<string, unknown> | string; seal: string }
interface Verified { verdict: string; checks: { id: string; status: string; code: string; details?: Record<string, unknown> }[]; achievements: { awardedAt?: string }[]; signedAt: string | null }

let issuer: TestIssuer;
let verifier: RunningServer;
let work: string;
const issued: { date: string; format: 'di' | 'jwt'; body: Issued }[] = [];
let early: Issued;

const issue = async (options: Record<string, unknown>): Promise<Response> =>
  post(issuer, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, ...options } });
const verify = async (route: string, body: unknown): Promise<{ status: number; body: Verified }> => {
  const res = await fetch(`${verifier.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Verified };
};

beforeAll(async () => {
  issuer = await startTestIssuer();
  work = mkdtempSync(join(tmpdir(), 'lp-award-http-'));
  issuer.setNow(NOW);
  for (const date of DATES) {
    for (const format of ['di', 'jwt'] as const) {
      const res = await issue({ awardedDate: date, format, subject: { ...ISSUE_FROM_CATALOGUE.options.subject, candidateNumber: `C-${date}-${format}` } });
      expect(res.status).toBe(201);
      issued.push({ date, format, body: (await res.json()) as Issued });
    }
  }
  // A clock a day behind: the key signs before its own validFrom (T0).
  issuer.setNow(new Date(T0.getTime() - 86400_000));
  const res = await issue({ awardedDate: '2019-06-30' });
  expect(res.status).toBe(201);
  early = (await res.json()) as Issued;
  issuer.setNow(NOW);

  const anchor = await party(1);
  const fragment = zTrustFragment.parse(await fetch(`${issuer.url}/trust/fragment`).then((r) => r.json()));
  const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: NOW.toISOString(), expires: new Date(NOW.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
  writeFileSync(join(work, 'bundle.json'), JSON.stringify(await signTrustBundle(payload, anchor.keyPair)));
  verifier = await startServer({
    port: 0, cwd: work, log: () => {}, now: () => NOW,
    env: { LP_TRUST_BUNDLE: join(work, 'bundle.json'), LP_TRUST_ANCHORS: anchor.did, LP_DATA_DIR: join(work, 'verifier-data'), LP_DEMO: '0' },
  });
}, 300_000);
afterAll(async () => {
  await verifier?.stop();
  await issuer.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('POST /credentials/issue with options.awardedDate', () => {
  it('the record carries the award date as awardedDate and validFrom, the signing time as proof.created', () => {
    for (const { date, format, body } of issued.filter((i) => i.format === 'di')) {
      const vc = body.verifiableCredential as { awardedDate: string; validFrom: string; proof: { created: string } };
      expect([format, vc.awardedDate, vc.validFrom]).toEqual([format, `${date}T00:00:00Z`, `${date}T00:00:00Z`]);
      expect(vc.proof.created).toBe(NOW.toISOString().replace('.000Z', 'Z'));
    }
    for (const { body } of issued.filter((i) => i.format === 'jwt')) expect(typeof body.verifiableCredential).toBe('string');
  });

  it.each([
    ['2019/06/30', 'CREDENTIAL_INVALID'],
    ['2019-02-29', 'CREDENTIAL_INVALID'],
    ['1949-12-31', 'CREDENTIAL_INVALID'],
    [20190630, 'CREDENTIAL_INVALID'],
    ['2026-06-22', 'DATE_IN_FUTURE'],
    ['2100-01-01', 'DATE_IN_FUTURE'],
  ])('awardedDate %p → 422 %s at $.options.awardedDate, nothing stored', async (awardedDate, code) => {
    const before = [await issuer.store.countCredentials(), (await issuer.store.listAudit()).length];
    const res = await issue({ awardedDate });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ code, path: '$.options.awardedDate' });
    expect([await issuer.store.countCredentials(), (await issuer.store.listAudit()).length]).toEqual(before);
  });

  it('awardedDate with a given credential (not built from the catalogue) → 422 CREDENTIAL_INVALID, nothing stored', async () => {
    const before = await issuer.store.countCredentials();
    const res = await post(issuer, '/credentials/issue', { credential: givenCredential(issuer.signer.issuerId), options: { awardedDate: '2019-06-30' } });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'CREDENTIAL_INVALID', path: '$.options.awardedDate' });
    expect(await issuer.store.countCredentials()).toBe(before);
  });
});

describe('the verifier APIs: awarded 2012, 2019 and today with a key made today', () => {
  it('POST /seals/verify → 200 VALID, each seal with its own award date and the signing time', async () => {
    for (const { date, body } of issued) {
      const r = await verify('/seals/verify', { seal: body.seal });
      expect([date, r.status, r.body.verdict, r.body.checks.filter((c) => c.status !== 'pass')]).toEqual([date, 200, 'VALID', []]);
      expect([date, r.body.achievements[0]?.awardedAt]).toEqual([date, `${date}T00:00:00.000Z`]);
      expect(r.body.signedAt).toBe(NOW.toISOString());
    }
  });

  it('POST /credentials/verify → 200 VALID for the Data Integrity record and the vc+jwt, each with its award date', async () => {
    for (const { date, format, body } of issued) {
      const r = await verify('/credentials/verify', { verifiableCredential: body.verifiableCredential });
      expect([date, format, r.status, r.body.verdict]).toEqual([date, format, 200, 'VALID']);
      expect([date, format, r.body.achievements[0]?.awardedAt]).toEqual([date, format, `${date}T00:00:00.000Z`]);
      expect(r.body.checks.find((c) => c.id === 'issuer_trust')).toMatchObject({ code: 'ISSUER_TRUSTED' });
    }
  });

  it('signed before the key existed → 422 INVALID KEY_NOT_YET_VALID_AT_ISSUANCE, from the seal\'s signing-time claim and from proof.created', async () => {
    const seal = await verify('/seals/verify', { seal: early.seal });
    expect([seal.status, seal.body.verdict]).toEqual([422, 'INVALID']);
    expect(seal.body.checks.find((c) => c.id === 'issuer_trust')).toMatchObject({ status: 'fail', code: 'KEY_NOT_YET_VALID_AT_ISSUANCE', details: { signedAtSource: 'seal claim 13' } });
    const record = await verify('/credentials/verify', { verifiableCredential: early.verifiableCredential });
    expect([record.status, record.body.verdict]).toEqual([422, 'INVALID']);
    expect(record.body.checks.find((c) => c.id === 'issuer_trust')).toMatchObject({ status: 'fail', code: 'KEY_NOT_YET_VALID_AT_ISSUANCE', details: { signedAtSource: 'proof.created' } });
  });
});
