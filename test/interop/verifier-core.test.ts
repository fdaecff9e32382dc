// What we issue, checked by the Digital Credentials Consortium's verifier
// (@digitalcredentials/verifier-core, an independent implementation: its own jsonld, vc,
// eddsa-rdfc-2022 cryptosuite, did:key driver, Bitstring Status List checker and bundled contexts).
// Every kind we issue: a catalogue AchievementCredential from the API, bulk records and CLR
// transcripts, a credential signed by `lp sign`, the status-list credentials themselves (fetched
// by verifier-core's status check from the real issuer server on port 0) and a presentation from
// the wallet. Offline: see lib/offline-fetch.ts.
//
// verifier-core reads the machine's clock (it has no clock option); every date here lies before
// the day the test runs, so its expiry and validity checks see the same thing on any later day.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyCredential, verifyPresentation } from '@digitalcredentials/verifier-core';
import { LP_EXTENSION_CONTEXT_PATH } from '../../issuer/src/index.ts';
import { givenCredential, post, startTestIssuer, tempDir } from '../../issuer/test/issuer-helpers.ts';
import type { TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import {
  CLR_201, issueBulkWithTranscript, issueFromApi, LP_V1, OB_303, presentFromWallet, readOldRecord, signWithLpSign, VC_V2,
} from './lib/issue-every-kind.ts';
import type { Json } from './lib/issue-every-kind.ts';
import { installOfflineFetch } from './lib/offline-fetch.ts';
import type { OfflineFetch } from './lib/offline-fetch.ts';

interface LogEntry { id: string; valid?: boolean; error?: { name: string; message: string } }
interface CoreResult { log?: LogEntry[]; errors?: { name: string; message: string }[] }

let t: TestIssuer;
let net: OfflineFetch;
let out: ReturnType<typeof tempDir>;

beforeAll(async () => {
  t = await startTestIssuer();
  out = tempDir('lp-interop-out-');
  net = installOfflineFetch();
}, 300_000);

afterAll(async () => {
  net.restore();
  await t.stop();
  out.cleanup();
});

async function core(credential: Json): Promise<CoreResult> {
  return (await verifyCredential({ credential, knownDIDRegistries: [] } as never)) as CoreResult;
}

/** The steps verifier-core ran and their outcome, e.g. `{valid_signature: true, revocation_status: true}`. */
function steps(r: CoreResult): Record<string, boolean | string> {
  expect(r.errors).toBeUndefined();
  return Object.fromEntries((r.log ?? []).map((e) => [e.id, e.valid ?? e.error?.name ?? 'missing']));
}

/** Signature and both status entries (revocation, suspension) checked against the live lists, all passing. */
const PASSING = { valid_signature: true, revocation_status: true, suspension_status: true, expiration: true };

function contextsOf(c: Json): string[] {
  return c['@context'] as string[];
}

describe('DCC verifier-core verifies what we issue', () => {
  let fromApi: Json;

  it('a catalogue AchievementCredential from POST /credentials/issue: signature and status pass, fetched from the issuer', async () => {
    fromApi = await issueFromApi(t);
    expect(contextsOf(fromApi)).toEqual([VC_V2, OB_303]);
    const before = net.requested.length;
    expect(steps(await core(fromApi))).toMatchObject(PASSING);
    // The status check really read both lists from the issuer server.
    const lists = (fromApi.credentialStatus as Json[]).map((s) => s.statusListCredential as string);
    expect(net.requested.slice(before)).toEqual(expect.arrayContaining(lists));
    expect(lists.every((u) => u.startsWith(`${t.url}/status/`))).toBe(true);
    expect(net.refused).toEqual([]);
  });

  it('a recognition statement from POST /recognition/statements (evidence, validUntil): signature, status and expiry pass', async () => {
    const res = await post(t, '/recognition/statements', {
      learner: { name: 'Sami Nasser' }, placement: { country: 'JO', grade: 7 }, support: { subjects: ['Mathematics'] },
      evidence: { documents: [{ name: 'School report, Grade 6' }], interview: {}, placementTests: [{ subject: 'Mathematics', result: '14/20' }] },
      assessors: [{ name: 'Rana Khalil', role: 'Head of admissions' }],
    });
    expect(res.status).toBe(201);
    const statement = ((await res.json()) as { verifiableCredential: Json }).verifiableCredential;
    expect(contextsOf(statement)).toEqual([VC_V2, OB_303]);
    expect(steps(await core(statement))).toMatchObject(PASSING);
  });

  it('a changed result breaks the signature, and a revocation shows in its status check', async () => {
    const tampered = structuredClone(fromApi);
    tampered.credentialSubject.result[0].value = '600';
    const bad = await core(tampered);
    expect(bad.errors?.map((e) => e.name)).toEqual(['invalid_signature']);

    const revoke = await post(t, '/credentials/status', { credentialId: fromApi.id, action: 'revoke', reason: 'marks entered wrongly' });
    expect(revoke.status).toBe(200);
    expect(steps(await core(fromApi))).toMatchObject({ valid_signature: true, revocation_status: false, suspension_status: true });
  });

  it('the status-list credentials themselves (BitstringStatusListCredential) verify on their own', async () => {
    for (const s of fromApi.credentialStatus as Json[]) {
      const list = (await (await fetch(s.statusListCredential as string)).json()) as Json;
      expect(list.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
      expect(steps(await core(list))).toMatchObject({ valid_signature: true, expiration: true });
    }
    expect(net.refused).toEqual([]);
  });

  let records: Json[] = [];
  let transcript: Json;

  it('bulk records and a CLR 2.0 transcript (bulk --transcripts): signature and status pass', async () => {
    ({ records, transcript } = await issueBulkWithTranscript(t, out.dir));
    for (const r of records) {
      expect(contextsOf(r)).not.toContain(LP_V1);
      expect(steps(await core(r))).toMatchObject(PASSING);
    }
    expect(contextsOf(transcript)).toEqual([VC_V2, CLR_201, OB_303]);
    expect(steps(await core(transcript))).toMatchObject(PASSING);
    // verifier-core ships no CLR context: its loader asked for the published one.
    expect(net.requested).toContain(CLR_201);
    expect(net.refused).toEqual([]);
  });

  it('a credential signed by `lp sign` (no status entry: signature and expiry only)', async () => {
    const signed = await signWithLpSign();
    expect(contextsOf(signed)).toEqual([VC_V2, OB_303]);
    expect(steps(await core(signed))).toMatchObject({ valid_signature: true, expiration: true });
  });

  it('a presentation from the wallet: each embedded credential passes; the holder proof is refused only for its purpose', async () => {
    const challenge = 'c0ffee-interop';
    const received = await presentFromWallet(records, t.signer.issuerId, challenge, 'verify.school.example');
    const r = (await verifyPresentation({ presentation: received, challenge, knownDIDRegistries: [] } as never)) as {
      presentationResult?: { signature: string; errors?: unknown[] }; credentialResults?: CoreResult[]; errors?: unknown[];
    };
    expect(r.errors).toBeUndefined();
    expect(r.credentialResults).toHaveLength(2);
    for (const c of r.credentialResults!) expect(steps(c)).toMatchObject({ valid_signature: true, expiration: true });
    // verifier-core checks a presentation's proof with a fixed AssertionProofPurpose, while a
    // holder proves control with proofPurpose "authentication" (VC Data Model 2.0 §4.13 with a
    // challenge and domain, as VC-API verifiers ask). It reports exactly that mismatch; the same
    // proof verifies with @digitalbazaar/vc's AuthenticationProofPurpose in digitalbazaar-vc.test.ts.
    expect((received.proof as Json).proofPurpose).toBe('authentication');
    expect(r.presentationResult?.signature).toBe('invalid');
    expect(JSON.stringify(r.presentationResult?.errors)).toContain('insufficient proofs matched the acceptable suite(s) and required purpose(s)');
    expect(net.refused).toEqual([]);
  });

  it('a record issued with the old Learning Passport context fails there offline, as reported (its context resolves nowhere)', async () => {
    const old = readOldRecord();
    expect(contextsOf(old)).toContain(LP_V1);
    const r = await core(old);
    expect(r.log?.find((e) => e.id === 'valid_signature')?.valid).not.toBe(true);
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(net.refused).toContain(LP_V1);
  });

  it('once the permanent URL of the extension context leads to an issuer\'s copy, the old record and opt-in credentials verify there too', async () => {
    net.redirect(LP_V1, `${t.url}${LP_EXTENSION_CONTEXT_PATH}`);
    expect(steps(await core(readOldRecord()))).toMatchObject({ valid_signature: true });
    const cred = givenCredential(t.signer.issuerId);
    cred['@context'] = [...(cred['@context'] as string[]), LP_V1];
    (cred.credentialSubject as Json).achievement.notionalLearningHours = 40;
    const res = await post(t, '/credentials/issue', { credential: cred });
    expect(res.status).toBe(201);
    const optedIn = ((await res.json()) as { verifiableCredential: Json }).verifiableCredential;
    expect(steps(await core(optedIn))).toMatchObject(PASSING);
  });
});

// verifier-core's `registered_issuer` step looks the issuer up in the registries its caller names
// through its public option `knownDIDRegistries` (issuer-registry-client: a `dcc-legacy` entry is
// a JSON list fetched from its URL). Here that URL is answered on this machine with a registry in
// the DCC's published shape listing our issuer, so the step runs for real, offline.
describe('DCC verifier-core registry step (knownDIDRegistries), offline', () => {
  const REGISTRY_URL = 'https://registry.example/lp-test-registry.json';
  const UNREACHABLE_URL = 'https://registry.example/unreachable.json';
  const legacy = (name: string, url: string) => ({ type: 'dcc-legacy', name, url });

  it('our issuer listed in a registry: registered_issuer passes and names the registry and the organisation', async () => {
    net.serveJson(REGISTRY_URL, {
      meta: { created: '2026-01-01T00:00:00Z' },
      registry: { [t.signer.issuerId]: { name: 'Learning Passport test examination board', url: 'https://exams.example', location: 'Amman, Jordan' } },
    });
    const credential = await issueFromApi(t);
    const r = (await verifyCredential({ credential, knownDIDRegistries: [legacy('LP test registry', REGISTRY_URL)] } as never)) as CoreResult;
    expect(steps(r)).toMatchObject({ ...PASSING, registered_issuer: true });
    const step = r.log!.find((e) => e.id === 'registered_issuer') as unknown as { matchingIssuers: { issuer: Json; registry: Json }[]; uncheckedRegistries: unknown[] };
    expect(step.matchingIssuers).toHaveLength(1);
    expect(step.matchingIssuers[0]!.issuer.federation_entity).toEqual({ organization_name: 'Learning Passport test examination board', homepage_uri: 'https://exams.example', location: 'Amman, Jordan' });
    expect(step.matchingIssuers[0]!.registry.federation_entity).toEqual({ organization_name: 'LP test registry' });
    expect(step.uncheckedRegistries).toEqual([]);
  });

  it('an issuer the registry does not list fails the step; a registry that cannot be reached is reported unchecked', async () => {
    net.serveJson(REGISTRY_URL, { registry: { 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK': { name: 'Someone else' } } });
    const credential = await issueFromApi(t);
    const r = (await verifyCredential({ credential, knownDIDRegistries: [legacy('LP test registry', REGISTRY_URL), legacy('Offline registry', UNREACHABLE_URL)] } as never)) as CoreResult;
    expect(steps(r)).toMatchObject({ valid_signature: true, registered_issuer: false });
    const step = r.log!.find((e) => e.id === 'registered_issuer') as unknown as { matchingIssuers: unknown[]; uncheckedRegistries: { url: string }[] };
    expect(step.matchingIssuers).toEqual([]);
    expect(step.uncheckedRegistries.map((u) => u.url)).toEqual([UNREACHABLE_URL]);
    expect(net.refused).toContain(UNREACHABLE_URL);
  });
});
