// Every kind of record we issue, made through the real paths (HTTP API, bulk issuance with
// transcripts, `lp sign`, the wallet), for the interop tests to hand to other verifiers.
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { expect } from '@jest/globals';
import { encryptKeyFile, keyPairFromSeed } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { CatalogueAchievementSchema } from '@lp/model';
import { checkRowsAgainstCatalogue, issueBulk, issuerDocumentLoader, readResultsCsv, writeBulkOutput } from '../../../issuer/src/index.ts';
import { run as runSign } from '../../../cli/src/sign-command.ts';
import { createHolderKey, createPresentation, memoryStorage, Vault } from '../../../wallet/src/core/index.ts';
import { givenCredential, ISSUE_FROM_CATALOGUE, post, T0, tempDir } from '../../../issuer/test/issuer-helpers.ts';
import type { TestIssuer } from '../../../issuer/test/issuer-helpers.ts';

export type Json = Record<string, any>;

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const CLR_201 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';
export const LP_V1 = 'https://w3id.org/learning-passport/v1';
/** A record signed with the old Learning Passport context (test/fixtures/SOURCE.md). */
export const OLD_RECORD = new URL('../../fixtures/issued-2026-lp-v1-context-grade9.json', import.meta.url);

export function readOldRecord(): Json {
  return JSON.parse(fs.readFileSync(OLD_RECORD, 'utf8')) as Json;
}

/** A catalogue AchievementCredential from POST /credentials/issue. */
export async function issueFromApi(t: TestIssuer): Promise<Json> {
  const res = await post(t, '/credentials/issue', ISSUE_FROM_CATALOGUE);
  expect(res.status).toBe(201);
  return ((await res.json()) as { verifiableCredential: Json }).verifiableCredential;
}

/**
 * Two results of one learner through bulk issuance with `transcripts` (as `lp issuer bulk
 * --transcripts`), status lists under the issuer server's own URL. Returns the files written.
 */
export async function issueBulkWithTranscript(t: TestIssuer, outDir: string, session = '2026-06'): Promise<{ records: Json[]; transcript: Json }> {
  const deps = {
    store: t.store, signer: t.signer, clock: () => T0, random: (k: number) => crypto.getRandomValues(new Uint8Array(k)),
    baseUrl: t.url, documentLoader: await issuerDocumentLoader(t.store),
  };
  const csv = [
    'candidate_number,name,name_latin,date_of_birth,achievement_code,result',
    'C-17,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-MATH,452',
    'C-17,ليلى أحمد,Layla Ahmad,2010-03-04,BECE-ARAB,A',
  ].join('\n');
  const read = readResultsCsv(new TextEncoder().encode(csv), { now: T0 });
  const catalogue = (await t.store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));
  const { rows } = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' });
  const report = await issueBulk(deps, { session, rows, batchSize: 10, runId: `interop-${session}` });
  expect(report).toMatchObject({ issued: 2, failed: 0 });
  const summary = await writeBulkOutput(deps, { outDir, session, rows, seals: false, certificates: false, transcripts: true, actor: 'cli' });
  expect(summary).toMatchObject({ records: 2, transcripts: 1, issues: [] });
  const file = (p: string) => JSON.parse(fs.readFileSync(path.join(outDir, p), 'utf8')) as Json;
  return { records: [file('records/C-17_BECE-MATH.json'), file('records/C-17_BECE-ARAB.json')], transcript: file('transcripts/C-17.json') };
}

/** An OB 3.0 credential as a caller writes it, signed by `lp sign` (the command, in process). */
export async function signWithLpSign(): Promise<Json> {
  const dir = tempDir('lp-interop-sign-');
  try {
    const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(42));
    fs.writeFileSync(path.join(dir.dir, 'key.json'), JSON.stringify(await encryptKeyFile(keyPair, 'sign pass')));
    fs.writeFileSync(path.join(dir.dir, 'cred.json'), JSON.stringify(givenCredential()));
    const code = await runSign(['cred.json', '--key', 'key.json', '--out', 'signed.json'], {
      stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env: { LP_PASSPHRASE: 'sign pass' }, cwd: dir.dir,
    });
    expect(code).toBe(0);
    return JSON.parse(fs.readFileSync(path.join(dir.dir, 'signed.json'), 'utf8')) as Json;
  } finally {
    dir.cleanup();
  }
}

/**
 * A presentation of `records` from a wallet profile, for `challenge` and `domain`, as the
 * verifier receives it: JSON text parsed in this realm (jest's structuredClone would give arrays
 * of another realm, which a peer's `instanceof Array` does not recognise).
 */
export async function presentFromWallet(records: Json[], issuerId: string, challenge: string, domain: string): Promise<Json> {
  const holder = await createHolderKey();
  const vault = await Vault.create(memoryStorage(), { profile: 'amal', passphrase: 'wallet pass', holder, now: T0 });
  await vault.put(records.map((r) => ({
    id: r.id as string, kind: 'AchievementCredential', fullRecord: JSON.stringify(r), receivedAt: T0.toISOString(), source: 'file' as const,
    verification: { verdict: 'VALID' as const, checks: [], verifiedAt: T0.toISOString() }, summary: { issuer: issuerId, achievements: [] },
  })));
  const vp = await createPresentation(vault, { challenge, domain, documentLoader: createDocumentLoader(), now: T0 });
  return JSON.parse(JSON.stringify(vp)) as Json;
}
