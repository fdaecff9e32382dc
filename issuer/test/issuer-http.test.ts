import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { compactVerify, importJWK } from 'jose';
import { publicKeyToJwk } from '@lp/crypto';
import { decodeSeal } from '@lp/formats';
import { decodeList, getBit } from '@lp/status';
import { zTrustFragment } from '@lp/trust';
import { createApiKey, createPickupCode, LP_EXTENSION_CONTEXT_PATH, LP_EXTENSION_CONTEXT_URL, revokeApiKey } from '../src/index.ts';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { createVerifyCryptosuite } from '@digitalbazaar/eddsa-jcs-2022-cryptosuite';
import { createDocumentLoader, loadBundledContext } from '@lp/contexts';
import { verifyFullRecord } from '@lp/formats';
import { ISSUE_FROM_CATALOGUE, givenCredential, post, startTestIssuer, verifyDi } from './issuer-helpers.ts';
import type { TestIssuer } from './issuer-helpers.ts';

let t: TestIssuer;
beforeAll(async () => {
  t = await startTestIssuer();
});
afterAll(async () => {
  await t.stop();
});

async function issue(body: unknown = ISSUE_FROM_CATALOGUE): Promise<{ id: string; verifiableCredential: any; seal: string; pickup?: { code: string } }> {
  const res = await post(t, '/credentials/issue', body);
  expect(res.status).toBe(201);
  return (await res.json()) as never;
}

async function listBit(listUrl: string, index: number): Promise<{ bit: boolean; list: any }> {
  const res = await fetch(listUrl);
  expect(res.status).toBe(200);
  const list = await res.json() as any;
  const bits = decodeList(list.credentialSubject.encodedList);
  return { bit: getBit(bits, index), list };
}

describe('issuer HTTP API: publication', () => {
  it('serves the OB 3.0 profile in OB 3.0 terms only (other languages are in the trust fragment), and secure headers', async () => {
    const res = await fetch(`${t.url}/issuer`);
    expect(res.status).toBe(200);
    const p = await res.json() as any;
    expect(p.id).toBe(t.signer.issuerId);
    expect(p.type).toEqual(['Profile']);
    expect(p.name).toBe('Demo Examinations Board');
    expect(p['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(p).not.toHaveProperty('displayName');
    expect(p.address.addressCountryCode).toBe('JO');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('serves the opt-in extension context, the pinned document, for any origin; a credential that opts in is signed and verifies', async () => {
    const res = await fetch(`${t.url}${LP_EXTENSION_CONTEXT_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/ld\+json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await res.json()).toEqual(loadBundledContext(LP_EXTENSION_CONTEXT_URL));

    const cred = givenCredential(t.signer.issuerId);
    cred['@context'] = [...(cred['@context'] as string[]), LP_EXTENSION_CONTEXT_URL];
    (cred.credentialSubject as any).achievement.notionalLearningHours = 40;
    const vc = (await issue({ credential: cred })).verifiableCredential;
    expect(vc['@context']).toContain(LP_EXTENSION_CONTEXT_URL);
    expect((await verifyDi(vc)).verified).toBe(true);
  });

  it('lists the catalogue publicly; did.json is 404 for a did:key issuer', async () => {
    const res = await fetch(`${t.url}/achievements`);
    const body = await res.json() as any;
    expect(body.achievements.map((a: { code: string }) => a.code).sort()).toEqual(['BECE-ARAB', 'BECE-MATH']);
    expect((await fetch(`${t.url}/.well-known/did.json`)).status).toBe(404);
  });
});

describe('issuer HTTP API: issuance', () => {
  it('builds from the catalogue: 201, verifies with @digitalbazaar/vc, two status entries, a seal, stored before the answer', async () => {
    const { id, verifiableCredential: vcred, seal } = await issue();
    expect(id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(vcred.issuer.id).toBe(t.signer.issuerId);
    expect(vcred.proof.verificationMethod).toBe(t.signer.kid);
    expect(vcred.credentialSubject.achievement.humanCode).toBe('BECE-MATH');
    expect(vcred.credentialSubject.result).toEqual(expect.arrayContaining([expect.objectContaining({ value: '452' })]));
    expect(vcred.credentialStatus.map((s: any) => s.statusPurpose)).toEqual(['revocation', 'suspension']);
    for (const s of vcred.credentialStatus) expect(s.statusListCredential).toMatch(new RegExp(`^${t.url}/status/(revocation|suspension)-1$`));
    expect((await verifyDi(vcred)).verified).toBe(true);

    const decoded = decodeSeal(seal);
    expect(decoded.claims).toMatchObject({ credentialId: id, issuer: t.signer.issuerId, learnerName: 'ليلى أحمد', session: '2026-06' });
    expect(decoded.claims.achievements).toEqual([expect.objectContaining({ code: 'BECE-MATH', value: '452' })]);

    const stored = await t.store.getCredential(id);
    expect(JSON.parse(stored!.record)).toEqual(vcred);
    expect(stored!.seal).toBe(seal);
    const audit = (await t.store.listAudit()).filter((e) => e.action === 'credential.issue' && e.target === id);
    expect(audit).toEqual([expect.objectContaining({ actor: 'exam-office' })]);

    const got = await fetch(`${t.url}/credentials/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(got.status).toBe(200);
    expect((await got.json() as any).verifiableCredential).toEqual(vcred);
    expect((await fetch(`${t.url}/credentials/${encodeURIComponent(id)}`)).status).toBe(401);
    const s = await fetch(`${t.url}/credentials/${id}/seal`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(await s.json()).toEqual({ seal });
    const png = await fetch(`${t.url}/credentials/${id}/seal.png`, { headers: { authorization: `Bearer ${t.apiKey}` } });
    expect(png.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(await png.arrayBuffer()).slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('signs a given credential with our issuer named (as a string or a Profile)', async () => {
    for (const issuer of [t.signer.issuerId, { id: t.signer.issuerId, type: ['Profile'], name: 'Demo' }]) {
      const { verifiableCredential: vcred } = await issue({ credential: givenCredential(issuer) });
      expect(vcred.issuer.id).toBe(t.signer.issuerId);
      expect((await verifyDi(vcred)).verified).toBe(true);
    }
  });

  it('options.format jwt answers vc+jwt (EdDSA, our kid) and stores both forms', async () => {
    const { id, verifiableCredential: jwt } = await issue({ ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, format: 'jwt' } });
    expect(typeof jwt).toBe('string');
    const key = await importJWK(publicKeyToJwk(t.signer.keyPair.publicKey) as never, 'EdDSA');
    const { payload, protectedHeader } = await compactVerify(jwt, key, { algorithms: ['EdDSA'] });
    expect(protectedHeader).toEqual({ alg: 'EdDSA', typ: 'vc+jwt', kid: t.signer.kid });
    const claims = JSON.parse(new TextDecoder().decode(payload));
    expect(claims.id).toBe(id);
    expect(claims.credentialStatus).toHaveLength(2);
    const stored = await t.store.getCredential(id);
    expect(stored!.jwt).toBe(jwt);
    expect((await verifyDi(JSON.parse(stored!.record))).verified).toBe(true);
  });
});

describe('issuer HTTP API: eddsa-jcs-2022 on request', () => {
  it('options.cryptosuite eddsa-jcs-2022 signs the record with JCS: Digital Bazaar\'s own JCS suite and our verifier accept it; one changed character fails both', async () => {
    const { verifiableCredential: cred, seal } = await issue({ ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, cryptosuite: 'eddsa-jcs-2022' } });
    expect(cred.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: t.signer.kid });
    expect(seal).toMatch(/^LP1:/);
    const peer = (c: object) => vc.verifyCredential({ credential: c, suite: new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }), documentLoader: createDocumentLoader(), checkStatus: async () => ({ verified: true }) });
    expect((await peer(cred)).verified).toBe(true);
    const ours = await verifyFullRecord(cred, { checks: ['signature', 'validity', 'profile'] });
    expect(ours.checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'pass', message: expect.stringContaining('eddsa-jcs-2022') });
    const tampered = { ...cred, name: `${cred.name}.` };
    expect((await peer(tampered)).verified).toBe(false);
    expect((await verifyFullRecord(tampered, { checks: ['signature'] })).checks.find((c) => c.id === 'signature')).toMatchObject({ status: 'fail', code: 'SIGNATURE_INVALID' });
  });

  it('another cryptosuite → 400, nothing issued', async () => {
    const before = await t.store.countCredentials();
    const res = await post(t, '/credentials/issue', { ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, cryptosuite: 'ecdsa-rdfc-2019' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'BODY_INVALID' });
    expect(await t.store.countCredentials()).toBe(before);
  });
});

describe('issuer HTTP API: status', () => {
  it('suspend → bit set in the served, verifying list; reinstate clears it; revoke is permanent (409); unknown 404', async () => {
    const { id, verifiableCredential: vcred } = await issue();
    const [rev, sus] = vcred.credentialStatus;
    const suspend = await post(t, '/credentials/status', { credentialId: id, action: 'suspend', reason: 'appeal' });
    expect(suspend.status).toBe(200);
    expect(await suspend.json()).toMatchObject({ suspended: true, revoked: false, changed: true });
    const after = await listBit(sus.statusListCredential, Number(sus.statusListIndex));
    expect(after.bit).toBe(true);
    expect(after.list.id).toBe(sus.statusListCredential);
    expect((await verifyDi(after.list)).verified).toBe(true);

    expect((await post(t, '/credentials/status', { credentialId: id, action: 'reinstate' })).status).toBe(200);
    expect((await listBit(sus.statusListCredential, Number(sus.statusListIndex))).bit).toBe(false);

    // The VC-API-ish form.
    const revoke = await post(t, '/credentials/status', { credentialId: id, credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }] });
    expect(revoke.status).toBe(200);
    const revoked = await listBit(rev.statusListCredential, Number(rev.statusListIndex));
    expect(revoked.bit).toBe(true);
    expect((await verifyDi(revoked.list)).verified).toBe(true);

    const again = await post(t, '/credentials/status', { credentialId: id, action: 'reinstate' });
    expect(again.status).toBe(409);
    expect((await again.json() as any).code).toBe('CREDENTIAL_REVOKED');
    const unknown = await post(t, '/credentials/status', { credentialId: 'urn:uuid:00000000-0000-4000-8000-000000000000', action: 'revoke' });
    expect(unknown.status).toBe(404);
    expect((await unknown.json() as any).code).toBe('NOT_FOUND');
    const actions = (await t.store.listAudit()).filter((e) => e.target === id).map((e) => e.action);
    expect(actions).toEqual(['credential.issue', 'credential.suspend', 'credential.reinstate', 'credential.revoke']);
  });

  it('status lists carry cache headers and an ETag (304 when unchanged)', async () => {
    const res = await fetch(`${t.url}/status/revocation-1`);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await fetch(`${t.url}/status/revocation-1`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${t.url}/status/revocation-99`)).status).toBe(404);
  });

  it('the trust fragment meets the packages/trust schema, with signed list snapshots', async () => {
    const res = await fetch(`${t.url}/trust/fragment`);
    expect(res.status).toBe(200);
    const fragment = zTrustFragment.parse(await res.json());
    expect(fragment.id).toBe(t.signer.issuerId);
    expect(fragment.keys).toEqual([expect.objectContaining({ id: t.signer.kid, validFrom: '2026-06-20T09:00:00Z' })]);
    expect(fragment.catalogue.achievements.map((a) => a.code).sort()).toEqual(['BECE-ARAB', 'BECE-MATH']);
    expect(fragment.statusLists.map((l) => l.purpose).sort()).toEqual(['revocation', 'suspension']);
    for (const l of fragment.statusLists) expect((await verifyDi(l.credential)).verified).toBe(true);
  });
});

describe('issuer HTTP API: pick-up', () => {
  it('a code works once, then 410; unknown 404; expired 410', async () => {
    const { id, pickup, seal } = await issue({ ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, pickup: true } });
    expect(pickup!.code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){4}[0-9A-HJKMNP-TV-Z]{4}$/);
    const first = await fetch(`${t.url}/pickup/${pickup!.code.toLowerCase()}`);
    expect(first.status).toBe(200);
    const body = await first.json() as any;
    expect(body.credentials).toEqual([{ id, credential: body.credential, seal }]);
    // A one-credential code also answers the v1 shape {credential, seal}.
    expect(body.credential.id).toBe(id);
    expect(body.seal).toBe(seal);
    const second = await fetch(`${t.url}/pickup/${pickup!.code}`);
    expect(second.status).toBe(410);
    expect((await second.json() as any).code).toBe('PICKUP_GONE');
    expect((await fetch(`${t.url}/pickup/AAAA-BBBB-CCCC-DDDD-EEEE`)).status).toBe(404);

    const old = await createPickupCode(t.store, { credentialId: id, now: new Date('2026-01-01T00:00:00Z'), random: (n) => crypto.getRandomValues(new Uint8Array(n)), ttlDays: 90 });
    expect((await fetch(`${t.url}/pickup/${old.code}`)).status).toBe(410);
  });

  it('a code for several credentials delivers them all once, in order, without the v1 fields', async () => {
    const a = await issue();
    const b = await issue({ ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, achievement: 'BECE-ARAB', result: { value: 'B' } } });
    const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));
    const code = await createPickupCode(t.store, { credentialIds: [b.id, a.id], now: new Date('2026-06-20T09:00:00Z'), random, baseUrl: t.url });
    expect(code.url).toBe(`${t.url}/pickup/${code.code}`);
    expect(code.credentialIds).toEqual([b.id, a.id]);
    const first = await fetch(code.url!);
    expect(first.status).toBe(200);
    const body = await first.json() as any;
    expect(body.credentials.map((c: any) => [c.id, c.credential.id, c.seal])).toEqual([[b.id, b.id, b.seal], [a.id, a.id, a.seal]]);
    expect(body.credential).toBeUndefined();
    expect((await fetch(code.url!)).status).toBe(410);
    // API misuse is a TypeError; an unknown credential stores no code.
    await expect(createPickupCode(t.store, { now: new Date(), random })).rejects.toThrow(TypeError);
    await expect(createPickupCode(t.store, { credentialIds: [a.id, a.id], now: new Date(), random })).rejects.toThrow(TypeError);
    await expect(createPickupCode(t.store, { credentialIds: [a.id, 'urn:uuid:none'], now: new Date(), random })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rate-limits GET /pickup per client address: 429 with Retry-After', async () => {
    const limited = await startTestIssuer({ router: { pickupRateLimit: { limit: 3, windowMs: 60_000 } } });
    try {
      for (let i = 0; i < 3; i++) expect((await fetch(`${limited.url}/pickup/AAAA-BBBB-CCCC-DDDD-EEE${i}`)).status).toBe(404);
      const over = await fetch(`${limited.url}/pickup/AAAA-BBBB-CCCC-DDDD-EEEE`);
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toBe('60');
      expect((await over.json() as any).code).toBe('RATE_LIMITED');
      // A new window (the injected clock moves) lets the address try again.
      limited.setNow(new Date('2026-06-20T09:01:00Z'));
      expect((await fetch(`${limited.url}/pickup/AAAA-BBBB-CCCC-DDDD-EEEE`)).status).toBe(404);
    } finally {
      await limited.stop();
    }
  });
});

describe('issuer HTTP API: bad input', () => {
  async function problem(res: Response, status: number, code: string): Promise<any> {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await res.text();
    expect(text).not.toMatch(/\n\s+at /); // no stack trace
    const body = JSON.parse(text);
    expect(body.code).toBe(code);
    return body;
  }

  it('credentialSubject [] or a string → 422 with a JSON path; another issuer → 422 ISSUER_MISMATCH', async () => {
    for (const credentialSubject of [[], 'Omar']) {
      const body = await problem(await post(t, '/credentials/issue', { credential: { ...givenCredential(t.signer.issuerId), credentialSubject } }), 422, 'CREDENTIAL_INVALID');
      expect(body.path).toMatch(/^\$\.credential\.credentialSubject/);
    }
    const other = await problem(await post(t, '/credentials/issue', { credential: givenCredential('did:web:other.example') }), 422, 'ISSUER_MISMATCH');
    expect(other.path).toBe('$.credential.issuer');
    await problem(await post(t, '/credentials/issue', { credential: givenCredential({ id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK' }) }), 422, 'ISSUER_MISMATCH');
  });

  it('unknown achievement, result off the scale, bad subject → 422', async () => {
    await problem(await post(t, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, achievement: 'NOPE' } }), 422, 'ACHIEVEMENT_UNKNOWN');
    const scale = await problem(await post(t, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, result: { value: '652' } } }), 422, 'RESULT_OUT_OF_SCALE');
    expect(scale.path).toBe('$.options.result.value');
    await problem(await post(t, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, achievement: 'BECE-ARAB', result: { value: 'Z' } } }), 422, 'RESULT_OUT_OF_SCALE');
    const subj = await problem(await post(t, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { name: '', dateOfBirth: 'yesterday' } } }), 422, 'CREDENTIAL_INVALID');
    expect(subj.path).toMatch(/^\$\.options\.subject\./);
  });

  it('malformed bodies → 400; not JSON → 400; wrong content type → 415; 20 MB → 413', async () => {
    await problem(await post(t, '/credentials/issue', '{"credential":'), 400, 'BODY_NOT_JSON');
    await problem(await post(t, '/credentials/issue', { credential: 'text' }), 400, 'BODY_INVALID');
    await problem(await post(t, '/credentials/issue', { credential: givenCredential(), options: { achievement: 'BECE-MATH' } }), 400, 'BODY_INVALID');
    await problem(await post(t, '/credentials/issue', {}), 400, 'BODY_INVALID');
    await problem(await post(t, '/credentials/status', { credentialId: 'x', action: 'delete' }), 400, 'BODY_INVALID');
    await problem(await post(t, '/credentials/issue', JSON.stringify(ISSUE_FROM_CATALOGUE), { 'content-type': 'text/plain' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const big = JSON.stringify({ credential: { ...givenCredential(), padding: 'x'.repeat(20 * 1024 * 1024) } });
    await problem(await post(t, '/credentials/issue', big), 413, 'BODY_TOO_LARGE');
  });

  it('missing or wrong API key → 401; a revoked key → 401', async () => {
    await problem(await fetch(`${t.url}/credentials/issue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), 401, 'UNAUTHORIZED');
    await problem(await post({ url: t.url, apiKey: 'lpk_' + 'A'.repeat(32) }, '/credentials/issue', ISSUE_FROM_CATALOGUE), 401, 'UNAUTHORIZED');
    await problem(await post({ url: t.url, apiKey: 'nonsense' }, '/achievements', []), 401, 'UNAUTHORIZED');
    const extra = await createApiKey(t.store, { label: 'temp', now: new Date(), random: (n) => crypto.getRandomValues(new Uint8Array(n)), actor: 'cli' });
    expect((await post({ url: t.url, apiKey: extra.key }, '/achievements', [])).status).toBe(422); // authenticated; empty catalogue refused
    await revokeApiKey(t.store, { id: extra.id, now: new Date(), actor: 'cli' });
    await problem(await post({ url: t.url, apiKey: extra.key }, '/achievements', []), 401, 'UNAUTHORIZED');
  });

  it('a seal past the QR budget → 422 SEAL_TOO_LARGE, nothing stored', async () => {
    const before = await t.store.countCredentials();
    const c = givenCredential(t.signer.issuerId) as any;
    // An achievement outside the catalogue travels by id and name; incompressible text past ~760 base45 characters.
    let x = 7;
    const noise = (n: number) => Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) % 2 ** 31), 'abcdefghijklmnopqrstuvwxyz0123456789'[x % 36])).join('');
    c.credentialSubject.achievement.name = noise(250);
    c.credentialSubject.achievement.id = `https://ngo.example/achievements/${noise(400)}`;
    const body = await problem(await post(t, '/credentials/issue', { credential: c }), 422, 'SEAL_TOO_LARGE');
    expect(body.detail).toMatch(/QR version/);
    expect(await t.store.countCredentials()).toBe(before);
  });

  it('catalogue changes need the key: POST /achievements adds entries (audited), bad entries 422 with a path', async () => {
    const entry = { code: 'NGO-READ', achievementType: 'Badge', names: { en: 'Reading club' }, resultDescriptions: [] };
    const res = await post(t, '/achievements', entry);
    expect(res.status).toBe(201);
    expect((await fetch(`${t.url}/achievements/NGO-READ`).then((r) => r.json()) as any).names).toEqual({ en: 'Reading club' });
    const bad = await problem(await post(t, '/achievements', [entry, { ...entry, code: 'X', iscedLevel: '999' }]), 422, 'CATALOGUE_INVALID');
    expect(bad.path).toBe('$[1].iscedLevel');
    expect((await t.store.listAudit({ limit: 1000 })).some((e) => e.action === 'achievement.add' && e.target === 'NGO-READ' && e.actor === 'exam-office')).toBe(true);
  });
});

describe('issuer HTTP API: store failures leave nothing half-written', () => {
  async function snapshot() {
    return { count: await t.store.countCredentials(), audit: (await t.store.listAudit({ limit: 1000 })).length, lists: (await t.store.listStatusLists()).map((l) => l.usedCount) };
  }

  it('database locked by another connection → 503 STORE_BUSY, nothing stored', async () => {
    const before = await snapshot();
    const other = new Database(t.store.db.name);
    other.exec('BEGIN IMMEDIATE');
    try {
      const res = await post(t, '/credentials/issue', ISSUE_FROM_CATALOGUE);
      expect(res.status).toBe(503);
      expect((await res.json() as any).code).toBe('STORE_BUSY');
      expect(res.headers.get('retry-after')).toBeTruthy();
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(await snapshot()).toEqual(before);
    await issue(); // recovers
  });

  it('disk full (max_page_count) → 503 STORE_FULL, nothing stored', async () => {
    const before = await snapshot();
    const pages = t.store.db.pragma('page_count', { simple: true }) as number;
    t.store.db.pragma(`max_page_count = ${pages}`);
    try {
      const res = await post(t, '/credentials/issue', { credential: { ...givenCredential(t.signer.issuerId), description: 'x'.repeat(200_000) } });
      expect(res.status).toBe(503);
      expect((await res.json() as any).code).toBe('STORE_FULL');
    } finally {
      t.store.db.pragma('max_page_count = 1073741823');
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('issuer HTTP API: limits and locked key', () => {
  it('rate limit per key → 429 with Retry-After', async () => {
    const r = await startTestIssuer({ router: { rateLimit: { limit: 2, windowMs: 60_000 } } });
    try {
      expect((await fetch(`${r.url}/credentials/x`, { headers: { authorization: `Bearer ${r.apiKey}` } })).status).toBe(404);
      expect((await fetch(`${r.url}/credentials/x`, { headers: { authorization: `Bearer ${r.apiKey}` } })).status).toBe(404);
      const res = await post(r, '/credentials/issue', ISSUE_FROM_CATALOGUE);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await res.json() as any).code).toBe('RATE_LIMITED');
      r.setNow(new Date(Date.parse('2026-06-20T09:01:00Z')));
      expect((await post(r, '/credentials/issue', ISSUE_FROM_CATALOGUE)).status).toBe(201);
    } finally {
      await r.stop();
    }
  });

  it('without the passphrase signing routes answer 503 ISSUER_LOCKED, read routes work', async () => {
    const r = await startTestIssuer({ locked: true });
    try {
      const res = await post(r, '/credentials/issue', ISSUE_FROM_CATALOGUE);
      expect(res.status).toBe(503);
      expect((await res.json() as any).code).toBe('ISSUER_LOCKED');
      expect((await fetch(`${r.url}/issuer`)).status).toBe(200);
      expect((await fetch(`${r.url}/achievements`)).status).toBe(200);
    } finally {
      await r.stop();
    }
  });
});
