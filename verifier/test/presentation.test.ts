import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Server } from 'node:http';
import express from 'express';
import { signPresentationDi } from '@lp/formats';
import { createChallengeStore, createPresentationRouter } from '../src/index.ts';
import { documentLoader, issue, makeWorld, NOW, party, type Party, type World } from '../../packages/verify/test/lib/make-world.ts';

const DOMAIN = 'verifier.school.example';

let world: World;
let holder: Party;
let bound: Record<string, unknown>; // a credential whose subject is the holder
let clock = NOW;
let base: string;
let server: Server;

beforeAll(async () => {
  world = await makeWorld();
  holder = await party(42);
  bound = (await issue(world.issuer, { mutate: (c) => { c.credentialSubject.id = holder.did; } })).di;
  const app = express();
  app.use(createPresentationRouter({
    context: () => ({ bundle: world.bundle }),
    now: () => clock,
    domain: DOMAIN,
    challenges: createChallengeStore({ now: () => clock, ttlSeconds: 300, cap: 100 }),
    documentLoader,
  }));
  server = await new Promise<Server>((r) => { const s = app.listen(0, '127.0.0.1', () => r(s)); });
  const a = server.address();
  base = `http://127.0.0.1:${typeof a === 'object' && a ? a.port : 0}`;
});

afterAll(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

async function challenge(): Promise<string> {
  const res = await fetch(`${base}/presentations/challenges`, { method: 'POST' });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { challenge: string; expires: string };
  expect(Date.parse(body.expires) - clock.getTime()).toBe(300_000);
  return body.challenge;
}

async function present(who: Party, creds: unknown[], c: string, domain = DOMAIN): Promise<Record<string, unknown>> {
  return signPresentationDi(
    { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], holder: who.did, verifiableCredential: creds },
    { keyPair: who.keyPair, verificationMethod: who.vm, documentLoader, challenge: c, domain, created: NOW },
  );
}

async function verify(vp: unknown, options: Record<string, unknown>): Promise<{ status: number; body: { verified: boolean; verdict: string; checks: { code: string }[]; credentials: { verdict: string }[] } }> {
  const res = await fetch(`${base}/presentations/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ verifiablePresentation: vp, options }) });
  return { status: res.status, body: (await res.json()) as never };
}

const codes = (b: { checks: { code: string }[] }) => b.checks.map((c) => c.code);

/** The same presentation, signed again as it now is (e.g. without `holder`). */
async function resign(vp: Record<string, unknown>, c: string, who: Party = holder, domain = DOMAIN): Promise<Record<string, unknown>> {
  const { proof: _old, ...unsigned } = vp;
  return signPresentationDi(unsigned, { keyPair: who.keyPair, verificationMethod: who.vm, documentLoader, challenge: c, domain, created: NOW });
}

describe('POST /presentations/verify with the caller\'s own challenge and domain (VC-API)', () => {
  test('honoured as given: 200, the proof checked against them; holder binding off unless asked', async () => {
    const c = 'vc-api-caller-nonce-1';
    // The holder is not the subject of `bound`: fine without holder binding.
    const stranger = await party(44);
    const vp = await present(stranger, [bound], c, 'rp.example');
    const r = await verify(vp, { challenge: c, domain: 'rp.example' });
    expect(r.status).toBe(200);
    expect(codes(r.body)).toEqual(['PRESENTATION_SIGNATURE_VALID']);
    const bindingAsked = await verify(vp, { challenge: c, domain: 'rp.example', requireHolderBinding: true });
    expect(bindingAsked.status).toBe(422);
    expect(codes(bindingAsked.body)).toContain('PRESENTATION_HOLDER_NOT_SUBJECT');
    // The proof must match what the caller says.
    expect(codes((await verify(vp, { challenge: 'another-nonce', domain: 'rp.example' })).body)).toContain('PRESENTATION_CHALLENGE_MISMATCH');
    expect(codes((await verify(vp, { challenge: c, domain: 'other.example' })).body)).toContain('PRESENTATION_DOMAIN_MISMATCH');
  });

  test('holder is optional: a presentation without one verifies (200) when binding is not asked', async () => {
    const c = 'vc-api-caller-nonce-2';
    const vp = await present(holder, [bound], c);
    delete vp.holder;
    const r = await verify(await resign(vp, c), { challenge: c, domain: DOMAIN });
    expect(r.status).toBe(200);
    expect(r.body.credentials.map((x) => x.verdict)).toEqual(['VALID']);
  });

  test('a presentation without credentials proves the holder\'s key (200) for a caller without holder binding; with binding it is refused', async () => {
    const c = 'vc-api-caller-nonce-3';
    const vp = await present(holder, [], c);
    const r = await verify(vp, { challenge: c, domain: DOMAIN });
    expect(r.status).toBe(200);
    expect(r.body.credentials).toEqual([]);
    const c2 = 'vc-api-caller-nonce-4';
    const bound2 = await verify(await present(holder, [], c2), { challenge: c2, domain: DOMAIN, requireHolderBinding: true });
    expect(bound2.status).toBe(422);
    expect(codes(bound2.body)).toContain('PRESENTATION_NO_CREDENTIALS');
  });

  test('options.checks narrows the question asked of each credential, as at /credentials/verify; the holder\'s proof always counts', async () => {
    // Signed by an issuer this verifier's bundle does not list: issuer_trust fails (ISSUER_NOT_TRUSTED).
    const foreign = (await issue(await party(46), { status: [], mutate: (c) => { c.credentialSubject.id = holder.did; } })).di;
    const c = 'vc-api-caller-nonce-5';
    const vp = await present(holder, [foreign], c);
    const plain = await verify(vp, { challenge: c, domain: DOMAIN });
    expect([plain.status, plain.body.verdict, plain.body.credentials.map((x) => x.verdict)]).toEqual([422, 'INVALID', ['INVALID']]);
    const narrow = await verify(vp, { challenge: c, domain: DOMAIN, checks: ['proof'] });
    expect([narrow.status, narrow.body.verdict, narrow.body.credentials.map((x) => x.verdict)]).toEqual([200, 'VALID', ['VALID']]);
    // Narrowing never hides a failure: a tampered credential, or a presentation proof for another challenge.
    const tampered = await present(holder, [{ ...foreign, name: 'changed' }], c);
    expect((await verify(tampered, { challenge: c, domain: DOMAIN, checks: ['proof'] })).body.credentials.map((x) => x.verdict)).toEqual(['INVALID']);
    const other = await verify(vp, { challenge: 'another-nonce', domain: DOMAIN, checks: ['proof'] });
    expect([other.status, codes(other.body)]).toEqual([422, ['PRESENTATION_CHALLENGE_MISMATCH']]);
    for (const checks of [['teleport'], [], 'proof']) {
      const bad = await verify(vp, { challenge: c, domain: DOMAIN, checks });
      expect([bad.status, (bad.body as unknown as { code: string }).code]).toEqual([400, 'BODY_INVALID']);
    }
  });

  test('our own challenges keep holder binding on by default and stay single-use', async () => {
    const c = await challenge();
    expect(c.startsWith('lpc_')).toBe(true);
    const vp = await present(await party(45), [bound], c);
    const r = await verify(vp, { challenge: c, domain: DOMAIN });
    expect(codes(r.body)).toContain('PRESENTATION_HOLDER_NOT_SUBJECT');
    expect(codes((await verify(vp, { challenge: c, domain: DOMAIN, requireHolderBinding: false })).body)).toContain('PRESENTATION_CHALLENGE_USED');
  });
});

describe('POST /presentations/verify', () => {
  test('a fresh presentation verifies once (200); the replay is rejected (422 PRESENTATION_CHALLENGE_USED)', async () => {
    const c = await challenge();
    const vp = await present(holder, [bound], c);
    const first = await verify(vp, { challenge: c, domain: DOMAIN });
    expect(first.status).toBe(200);
    expect(first.body.verdict).toBe('VALID');
    expect(codes(first.body)).toEqual(['PRESENTATION_SIGNATURE_VALID', 'PRESENTATION_HOLDER_BOUND']);
    expect(first.body.credentials.map((r) => r.verdict)).toEqual(['VALID']);
    const replay = await verify(vp, { challenge: c, domain: DOMAIN });
    expect(replay.status).toBe(422);
    expect(codes(replay.body)).toEqual(['PRESENTATION_CHALLENGE_USED']);
  });

  test.each([
    ['a wrong domain in the options', 'PRESENTATION_DOMAIN_MISMATCH', async (c: string) => ({ vp: await present(holder, [bound], c), options: { challenge: c, domain: 'evil.example' } })],
    ['a proof made for another domain', 'PRESENTATION_DOMAIN_MISMATCH', async (c: string) => ({ vp: await present(holder, [bound], c, 'evil.example'), options: { challenge: c } })],
    ['no challenge at all', 'PRESENTATION_CHALLENGE_MISSING', async (c: string) => {
      const vp = await present(holder, [bound], c);
      delete (vp.proof as Record<string, unknown>).challenge;
      return { vp, options: { domain: DOMAIN } };
    }],
    ['a challenge of ours this verifier never issued (or forgot)', 'PRESENTATION_CHALLENGE_UNKNOWN', async () => ({ vp: await present(holder, [bound], 'lpc_made-up'), options: { challenge: 'lpc_made-up', domain: DOMAIN } })],
    ['a foreign challenge found only in the proof', 'PRESENTATION_CHALLENGE_UNKNOWN', async () => ({ vp: await present(holder, [bound], 'made-up'), options: { domain: DOMAIN } })],
    ['no holder, with our challenge (holder binding on)', 'PRESENTATION_HOLDER_MISSING', async (c: string) => {
      const vp = await present(holder, [bound], c);
      delete vp.holder;
      return { vp: await resign(vp, c), options: { challenge: c, domain: DOMAIN } };
    }],
    ['a proof for another challenge than the options say', 'PRESENTATION_CHALLENGE_MISMATCH', async (c: string) => ({ vp: await present(holder, [bound], 'other'), options: { challenge: c, domain: DOMAIN } })],
    ['a holder who is not the subject', 'PRESENTATION_HOLDER_NOT_SUBJECT', async (c: string) => ({ vp: await present(await party(43), [bound], c), options: { challenge: c, domain: DOMAIN } })],
    ['a changed holder (signature no longer covers it)', 'PRESENTATION_SIGNATURE_INVALID', async (c: string) => {
      const vp = await present(holder, [bound], c);
      vp.holder = (await party(43)).did;
      return { vp, options: { challenge: c, domain: DOMAIN } };
    }],
    ['an unsigned presentation', 'PRESENTATION_SIGNATURE_INVALID', async (c: string) => {
      const vp = await present(holder, [bound], c);
      delete vp.proof;
      return { vp, options: { challenge: c, domain: DOMAIN } };
    }],
  ] as const)('%s → 422 %s', async (_title, code, make) => {
    const c = await challenge();
    const { vp, options } = await make(c);
    const r = await verify(vp, options);
    expect(r.status).toBe(422);
    expect(r.body.verdict).toBe('INVALID');
    expect(codes(r.body)).toContain(code);
  });

  test('an expired challenge is rejected (clock injected: 5 minutes and 1 second later)', async () => {
    const c = await challenge();
    const vp = await present(holder, [bound], c);
    clock = new Date(NOW.getTime() + 301_000);
    try {
      const r = await verify(vp, { challenge: c, domain: DOMAIN });
      expect(r.status).toBe(422);
      expect(codes(r.body)).toEqual(['PRESENTATION_CHALLENGE_EXPIRED']);
    } finally {
      clock = NOW;
    }
  });

  test('a tampered credential inside a well-signed presentation is INVALID by the pipeline', async () => {
    const c = await challenge();
    const bad = structuredClone(bound) as Record<string, any>;
    bad.credentialSubject.result[0].value = '600';
    const r = await verify(await present(holder, [bad], c), { challenge: c, domain: DOMAIN });
    expect(r.status).toBe(422);
    expect(codes(r.body)).toContain('PRESENTATION_SIGNATURE_VALID');
    expect(r.body.credentials[0]!.verdict).toBe('INVALID');
  });

  test('bad bodies: 415 not JSON, 400 no presentation', async () => {
    const a = await fetch(`${base}/presentations/verify`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' });
    expect(a.status).toBe(415);
    const b = await fetch(`${base}/presentations/verify`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"options":{}}' });
    expect(b.status).toBe(400);
  });
});

describe('challenge store', () => {
  test('single use, expiry and the cap (oldest dropped)', () => {
    let t = NOW;
    const store = createChallengeStore({ now: () => t, cap: 2, random: (() => { let i = 0; return (n: number) => new Uint8Array(n).fill(++i); })() });
    const a = store.issue().challenge;
    const b = store.issue().challenge;
    const c = store.issue().challenge;
    expect(store.size).toBe(2);
    expect(store.consume(a)).toBe('unknown');
    expect(store.consume(b)).toBe('ok');
    expect(store.consume(b)).toBe('used');
    t = new Date(NOW.getTime() + 300_000);
    expect(store.consume(c)).toBe('expired');
  });
});
