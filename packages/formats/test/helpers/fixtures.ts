import { readFileSync } from 'node:fs';
import { didKeyFromPublicKey, keyPairFromSeed, type Ed25519KeyPair } from '@lp/crypto';

const root = new URL('../../../../', import.meta.url);

export const NOW = new Date('2025-01-15T12:00:00Z');
export const LP_CONTEXT = 'https://w3id.org/learning-passport/v1';
const PLACEHOLDER_CONTEXT = 'https://learning-passport.example/contexts/lp-v1.jsonld';

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(new URL(path, root), 'utf8')) as T;
}

export interface Vector {
  keyPair: { publicKeyMultibase: string; privateKeyMultibase: string; verificationMethod: string };
  unsignedCredential: Record<string, unknown>;
  proofOptions: { created: string; verificationMethod: string };
  proofValue: string;
  signedCredential: Record<string, unknown> & { proof: Record<string, unknown> };
}

export const vector = (name: string): Vector => readJson<Vector>(`test/vectors/w3c-vc-di-eddsa/${name}.json`);

export async function issuerKey(seedByte = 7): Promise<{ keyPair: Ed25519KeyPair; did: string; vm: string }> {
  const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(seedByte));
  const did = didKeyFromPublicKey(keyPair.publicKey);
  return { keyPair, did, vm: `${did}#${did.slice('did:key:'.length)}` };
}

/**
 * The Grade 9 example with the issuer id replaced by a did:key and the placeholder context URL by
 * the permanent one (test/fixtures/SOURCE.md).
 */
export function grade9(issuerDid: string): Record<string, unknown> {
  const cred = readJson('test/fixtures/example-achievement-credential-grade9-math.json');
  cred['@context'] = (cred['@context'] as string[]).map((c) => (c === PLACEHOLDER_CONTEXT ? LP_CONTEXT : c));
  (cred.issuer as Record<string, unknown>).id = issuerDid;
  return cred;
}
