import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dbFingerprint, ISSUE_FROM_CATALOGUE, post, startTestIssuer } from './issuer-helpers.ts';
import type { TestIssuer } from './issuer-helpers.ts';

// One issuance with a pick-up code also answers a credential offer: two doors to one copy.
// Raw HTTP on both doors, against the real server and its SQLite store.
let t: TestIssuer;

beforeAll(async () => { t = await startTestIssuer(); });
afterAll(async () => { await t.stop(); });

interface Issued { id: string; pickup: { code: string }; credentialOffer: { uri: string } }

async function issueWithPickup(): Promise<Issued> {
  const res = await post(t, '/credentials/issue', { ...ISSUE_FROM_CATALOGUE, options: { ...ISSUE_FROM_CATALOGUE.options, pickup: true } });
  expect(res.status).toBe(201);
  return await res.json() as Issued;
}

function preAuthorizedCodeOf(uri: string): string {
  const offer = JSON.parse(new URL(uri).searchParams.get('credential_offer')!) as { grants: Record<string, { 'pre-authorized_code': string }> };
  return offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']!['pre-authorized_code'];
}

function token(uri: string): Promise<Response> {
  return fetch(`${t.url}/oid4vci/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code', 'pre-authorized_code': preAuthorizedCodeOf(uri) }),
  });
}

async function codeOf(res: Response): Promise<{ status: number; code: unknown }> {
  return { status: res.status, code: (await res.json() as { code?: unknown }).code };
}

describe('pick-up code and credential offer of one issuance', () => {
  it('a collected pick-up code spends the offer (OFFER_USED), and only that issuance\'s offer', async () => {
    const a = await issueWithPickup();
    const b = await issueWithPickup();
    const picked = await fetch(`${t.url}/pickup/${a.pickup.code}`);
    expect(picked.status).toBe(200);
    expect((await picked.json() as { credentials: { id: string }[] }).credentials.map((c) => c.id)).toEqual([a.id]);

    const before = dbFingerprint(t.store.db);
    expect(await codeOf(await token(a.credentialOffer.uri))).toEqual({ status: 400, code: 'OFFER_USED' });
    expect(dbFingerprint(t.store.db) === before).toBe(true);
    // Another learner's issuance keeps both of its doors.
    expect((await token(b.credentialOffer.uri)).status).toBe(200);
  });

  it('a redeemed offer spends the pick-up code (PICKUP_GONE, "already used"), changing nothing more', async () => {
    const a = await issueWithPickup();
    expect((await token(a.credentialOffer.uri)).status).toBe(200);
    const before = dbFingerprint(t.store.db);
    const res = await fetch(`${t.url}/pickup/${a.pickup.code}`);
    const body = await res.json() as { code?: string; detail?: string; message?: string };
    expect({ status: res.status, code: body.code }).toEqual({ status: 410, code: 'PICKUP_GONE' });
    expect(JSON.stringify(body)).toContain('already used');
    expect(dbFingerprint(t.store.db) === before).toBe(true);
    // The offer itself stays spent too.
    expect(await codeOf(await token(a.credentialOffer.uri))).toEqual({ status: 400, code: 'OFFER_USED' });
  });

  it('an offer made later with the API key for the same credential is a separate door', async () => {
    const a = await issueWithPickup();
    expect((await fetch(`${t.url}/pickup/${a.pickup.code}`)).status).toBe(200);
    const made = await post(t, '/oid4vci/offers', { credentialIds: [a.id] });
    expect(made.status).toBe(201);
    expect((await token((await made.json() as { uri: string }).uri)).status).toBe(200);
  });
});
