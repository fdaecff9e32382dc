// Full records: operations per second on the Grade 9 example (OB 3.0, Arabic + English), our
// Data Integrity and vc+jwt paths against @digitalbazaar/vc with its stock suite and raw
// node:crypto Ed25519. Each row runs for a fixed time budget, in the same process and run.
// Run alone: node --import tsx bench/full-record.bench.ts
import { generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as stockSuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { importJWK, jwtVerify } from 'jose';
import { didKeyFromPublicKey, keyPairFromSeed, multikeyFromPublicKey, publicKeyToJwk, secretMultikeyFromSeed } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { signCredentialDi, signCredentialJwt, verifyCredentialDi, verifyCredentialJwt } from '@lp/formats';
import { measureRate } from './lib/measure-rate.ts';

export interface Row {
  name: string;
  opsPerSec: number;
  msPerOp: number;
  note?: string;
}

export async function measure(name: string, fn: () => unknown, budgetMs = 1500, note?: string): Promise<Row> {
  return { name, ...(await measureRate(fn, { budgetMs })), ...(note ? { note } : {}) };
}

function grade9(issuerDid: string): Record<string, unknown> {
  const cred = JSON.parse(readFileSync(new URL('../test/fixtures/example-achievement-credential-grade9-math.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  cred['@context'] = (cred['@context'] as string[]).map((c) => (c.startsWith('https://learning-passport.example/') ? 'https://w3id.org/learning-passport/v1' : c));
  (cred.issuer as Record<string, unknown>).id = issuerDid;
  return cred;
}

export async function benchFullRecord(budgetMs = 1500): Promise<Row[]> {
  const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(11));
  const did = didKeyFromPublicKey(keyPair.publicKey);
  const vm = `${did}#${did.slice('did:key:'.length)}`;
  const documentLoader = createDocumentLoader();
  const now = new Date('2025-01-15T00:00:00Z');
  const credential = grade9(did);
  const checkStatus = async () => ({ verified: true });

  const signed = await signCredentialDi(credential, { keyPair, verificationMethod: vm, created: now, documentLoader });
  const jwt = await signCredentialJwt(credential, { keyPair, kid: vm, now });
  const stockKey = await Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', id: vm, controller: did,
    publicKeyMultibase: multikeyFromPublicKey(keyPair.publicKey), secretKeyMultibase: secretMultikeyFromSeed(keyPair.secretKey),
  });
  const message = new TextEncoder().encode(JSON.stringify(signed));
  const node = generateKeyPairSync('ed25519');
  const nodeSig = nodeSign(null, message, node.privateKey);

  const rows: Row[] = [];
  rows.push(await measure('our DI sign (signCredentialDi)', () => signCredentialDi(credential, { keyPair, verificationMethod: vm, created: now, documentLoader }), budgetMs));
  rows.push(await measure('our DI verify (verifyCredentialDi, all checks)', async () => {
    const r = await verifyCredentialDi(signed, { documentLoader, now });
    if (r.verdict !== 'VALID') throw new Error('bench: DI verify failed');
  }, budgetMs));
  rows.push(await measure('our JWT sign (signCredentialJwt)', () => signCredentialJwt(credential, { keyPair, kid: vm, now }), budgetMs));
  rows.push(await measure('our JWT verify (verifyCredentialJwt, all checks)', async () => {
    const r = await verifyCredentialJwt(jwt, { now });
    if (r.verdict !== 'VALID') throw new Error('bench: JWT verify failed');
  }, budgetMs));
  // The reference for our vc+jwt verify: jose alone (signature, header and time claims only), same key and token.
  const joseKey = await importJWK(publicKeyToJwk(keyPair.publicKey) as unknown as Parameters<typeof importJWK>[0], 'EdDSA');
  rows.push(await measure('jose jwtVerify alone (same key, same token)', () => jwtVerify(jwt, joseKey, { currentDate: now, algorithms: ['EdDSA'] }), budgetMs));
  rows.push(await measure('@digitalbazaar/vc issue (stock suite)', () => vc.issue({
    credential: structuredClone(credential), suite: new DataIntegrityProof({ signer: stockKey.signer(), date: now, cryptosuite: stockSuite }), documentLoader,
  }), budgetMs));
  rows.push(await measure('@digitalbazaar/vc verifyCredential (stock suite)', async () => {
    const r = await vc.verifyCredential({ credential: signed, suite: new DataIntegrityProof({ cryptosuite: stockSuite }), documentLoader, now, checkStatus });
    if (!r.verified) throw new Error('bench: vc verify failed');
  }, budgetMs));
  // Our Data Integrity rows against @digitalbazaar/vc's, same run: the rate ratio as a note.
  const rate = (name: string) => rows.find((r) => r.name === name)?.opsPerSec ?? NaN;
  const ratioNote = (ours: string, theirs: string) => `${(rate(ours) / rate(theirs)).toFixed(1)}× ${theirs.replace(' (stock suite)', '')}`;
  rows[0]!.note = ratioNote('our DI sign (signCredentialDi)', '@digitalbazaar/vc issue (stock suite)');
  rows[1]!.note = ratioNote('our DI verify (verifyCredentialDi, all checks)', '@digitalbazaar/vc verifyCredential (stock suite)');
  rows.push(await measure('node:crypto Ed25519 sign (raw, same bytes)', () => nodeSign(null, message, node.privateKey), budgetMs, `${message.length} B message`));
  rows.push(await measure('node:crypto Ed25519 verify (raw, same bytes)', () => nodeVerify(null, message, node.publicKey, nodeSig), budgetMs, `${message.length} B message`));
  return rows;
}

export function renderRows(rows: readonly Row[]): string {
  const lines = ['| operation | ops/s | ms/op | note |', '|---|---:|---:|---|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.opsPerSec.toFixed(r.opsPerSec < 100 ? 1 : 0)} | ${r.msPerOp.toFixed(3)} | ${r.note ?? ''} |`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(renderRows(await benchFullRecord()));
}
