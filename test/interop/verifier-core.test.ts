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
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { verifyCredential, verifyPresentation } from '@digitalcredentials/verifier-core';
import { encryptKeyFile, keyPairFromSeed } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { CatalogueAchievementSchema } from '@lp/model';
import {
  checkRowsAgainstCatalogue, issueBulk, issuerDocumentLoader, readResultsCsv, writeBulkOutput,
} from '../../issuer/src/index.ts';
import type { IssuerDeps } from '../../issuer/src/index.ts';
import { run as runSign } from '../../cli/src/sign-command.ts';
import { createHolderKey, createPresentation, memoryStorage, Vault } from '../../wallet/src/core/index.ts';
import { givenCredential, ISSUE_FROM_CATALOGUE, post, startTestIssuer, T0, tempDir } from '../../issuer/test/issuer-helpers.ts';
import type { TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import { installOfflineFetch } from './lib/offline-fetch.ts';
import type { OfflineFetch } from './lib/offline-fetch.ts';

type Json = Record<string, any>;
interface LogEntry { id: string; valid?: boolean; error?: { name: string; message: string } }
interface CoreResult { log?: LogEntry[]; errors?: { name: string; message: string }[] }

const OLD_RECORD = new URL('../fixtures/issued-2026-lp-v1-context-grade9.json', import.meta.url);
const LP_V1 = 'https://w3id.org/learning-passport/v1';

let t: TestIssuer;
let net: OfflineFetch;
let out: ReturnType<typeof tempDir>;
let deps: IssuerDeps;

beforeAll(async () => {
  t = await startTestIssuer();
  out = tempDir('lp-interop-out-');
  deps = {
    store: t.store, signer: t.signer, clock: () => T0, random: (k) => crypto.getRandomValues(new Uint8Array(k)),
    baseUrl: t.url, documentLoader: await issuerDocumentLoader(t.store),
  };
  net = installOfflineFetch();
}, 60_000);

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
    const res = await post(t, '/credentials/issue', ISSUE_FROM_CATALOGUE);
    expect(res.status).toBe(201);
    fromApi = ((await res.json()) as { verifiableCredential: Json }).verifiableCredential;
    expect(contextsOf(fromApi)).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    const before = net.requested.length;
    expect(steps(await core(fromApi))).toMatchObject(PASSING);
    // The status check really read both lists from the issuer server.
    const lists = (fromApi.credentialStatus as Json[]).map((s) => s.statusListCredential as string);
    expect(net.requested.slice(before)).toEqual(expect.arrayContaining(lists));
    expect(lists.every((u) => u.startsWith(`${t.url}/status/`))).toBe(true);
    expect(net.refused).toEqual([]);
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
    const csv = [
      'candidate_number,name,name_latin,date_of_birth,achievement_code,result',
      'C-17,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-MATH,452',
      'C-17,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-ARAB,A',
    ].join('\n');
    const read = readResultsCsv(new TextEncoder().encode(csv), { now: T0 });
    const catalogue = (await t.store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
    const { rows } = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' });
    const report = await issueBulk(deps, { session: '2026-06', rows, batchSize: 10, runId: 'interop' });
    expect(report).toMatchObject({ issued: 2, failed: 0 });
    const summary = await writeBulkOutput(deps, { outDir: out.dir, session: '2026-06', rows, seals: false, certificates: false, transcripts: true, actor: 'cli' });
    expect(summary).toMatchObject({ records: 2, transcripts: 1, issues: [] });
    const read1 = (p: string) => JSON.parse(fs.readFileSync(path.join(out.dir, p), 'utf8')) as Json;
    records = [read1('records/C-17_BECE-MATH.json'), read1('records/C-17_BECE-ARAB.json')];
    transcript = read1('transcripts/C-17.json');
    for (const r of records) {
      expect(contextsOf(r)).not.toContain(LP_V1);
      expect(steps(await core(r))).toMatchObject(PASSING);
    }
    expect(contextsOf(transcript)).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ]);
    expect(steps(await core(transcript))).toMatchObject(PASSING);
    // verifier-core ships no CLR context: its loader asked for the published one.
    expect(net.requested).toContain('https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json');
    expect(net.refused).toEqual([]);
  });

  it('a credential signed by `lp sign` (no status entry: signature and expiry only)', async () => {
    const dir = tempDir('lp-interop-sign-');
    try {
      const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(42));
      fs.writeFileSync(path.join(dir.dir, 'key.json'), JSON.stringify(await encryptKeyFile(keyPair, 'sign pass')));
      fs.writeFileSync(path.join(dir.dir, 'cred.json'), JSON.stringify(givenCredential()));
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const code = await runSign(['cred.json', '--key', 'key.json', '--out', 'signed.json'], {
        stdout, stderr, stdin: new PassThrough(), env: { LP_PASSPHRASE: 'sign pass' }, cwd: dir.dir,
      });
      expect(code).toBe(0);
      const signed = JSON.parse(fs.readFileSync(path.join(dir.dir, 'signed.json'), 'utf8')) as Json;
      expect(steps(await core(signed))).toMatchObject({ valid_signature: true, expiration: true });
    } finally {
      dir.cleanup();
    }
  });

  it('a presentation from the wallet: each embedded credential passes; the holder proof is refused only for its purpose', async () => {
    const holder = await createHolderKey();
    const vault = await Vault.create(memoryStorage(), { profile: 'amal', passphrase: 'wallet pass', holder, now: T0 });
    await vault.put(records.map((r) => ({
      id: r.id as string, kind: 'AchievementCredential', fullRecord: JSON.stringify(r), receivedAt: T0.toISOString(), source: 'file' as const,
      verification: { verdict: 'VALID' as const, checks: [], verifiedAt: T0.toISOString() }, summary: { issuer: t.signer.issuerId, achievements: [] },
    })));
    const challenge = 'c0ffee-interop';
    const vp = await createPresentation(vault, { challenge, domain: 'verify.school.example', documentLoader: createDocumentLoader(), now: T0 });
    // As the verifier receives it: JSON text (parsed in this realm, where verifier-core's
    // `instanceof Array` holds; jest's structuredClone would give arrays of another realm).
    const received = JSON.parse(JSON.stringify(vp)) as Json;
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
    expect((vp.proof as Json).proofPurpose).toBe('authentication');
    expect(r.presentationResult?.signature).toBe('invalid');
    expect(JSON.stringify(r.presentationResult?.errors)).toContain('insufficient proofs matched the acceptable suite(s) and required purpose(s)');
    expect(net.refused).toEqual([]);
  });

  it('a record issued with the old Learning Passport context fails there offline, as reported (its context resolves nowhere)', async () => {
    const old = JSON.parse(fs.readFileSync(OLD_RECORD, 'utf8')) as Json;
    expect(contextsOf(old)).toContain(LP_V1);
    const r = await core(old);
    expect(r.log?.find((e) => e.id === 'valid_signature')?.valid).not.toBe(true);
    expect(r.errors?.length).toBeGreaterThan(0);
    expect(net.refused).toContain(LP_V1);
  });
});
