// The foreign issuers of test/vectors (1EdTech's validator examples and the DCC's credentials) as
// an anchor describes them: describeIssuer, the operation behind `lp trust describe-issuer`, one
// fragment per issuer with its keys by verification-method id; and a bundle signed over them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { contextDigests } from '@lp/contexts';
import { didKeyFromPublicKey, keyPairFromSeed } from '@lp/crypto';
import { buildTrustBundle, describeIssuer, signTrustBundle, verifyTrustBundle, type FlattenedJws, type TrustFragment, type VerifiedTrustBundle } from '@lp/trust';

export const VECTORS = fileURLToPath(new URL('../vectors/', import.meta.url));
export const NOW = new Date('2026-06-01T00:00:00Z');
export const read = (file: string) => fs.readFileSync(path.join(VECTORS, file), 'utf8');
const jwkOfHeader = (file: string) => JSON.parse(Buffer.from(read(file).trim().split('.')[0]!, 'base64url').toString()).jwk as Record<string, unknown>;

// 1EdTech's test keys (the multibase value is the fragment of their verification method ids).
export const K1 = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';
const K_RVF = 'z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x';
const K_V1 = 'z6MknNHHrBzPytzu6CUBP9Lg7fg4KSBjzimc2Frh693YbMiv';
const K_COMPLETE = 'z6Mknyb2Gb4NxzW3xSr9ChTtdQZ1zs77piQ3r9SaJ9vMzmrs';
const K_COMPLEX = 'z6Mks4vZNz8Jwyb85odUeZrissHSY7JeJcXkNTDCcXLhYAZ4';
const K_STATE_1 = 'z6MkoMGF38Ck9xkdqrbZt4h9eHb1qc3GhAAkoSWa4Vy3SHRN';
const K_STATE_2 = 'z6MkmQ49FhpMN7V11B7Qzc6WC6Q3ymVW4xmHUsHBR2MWMMo1';
export const DCC = 'did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q';
export const EXAMPLE_COM = 'https://example.com/issuers/876543';
export const EXAMPLE_EDU = 'https://example.edu/issuers/565049';
export const EDTECH = 'https://1edtech.edu/issuers/565049';
const BSL_URL = 'https://raw.githubusercontent.com/1EdTech/digital-credentials-public-validator/refs/heads/main/inspector-vc/src/test/resources/ob30/bit-string-list/testlist';

/** What an anchor states about each foreign issuer: id, keys by verification-method id, names. */
export function foreignFragments(): TrustFragment[] {
  const d = (id: string, name: string, keys: [string, string | Record<string, unknown>][], kind: 'school' | 'university' | 'recognition-body' = 'university') =>
    describeIssuer({ id, keys: keys.map(([vm, publicKey]) => ({ id: vm, publicKey })), names: { en: name }, kind, now: NOW });
  const edtech = d(EDTECH, '1EdTech test issuer', [[`${EDTECH}#${K1}`, K1], [`${EDTECH}#${K_COMPLETE}`, K_COMPLETE], [`${EDTECH}#rsa-1`, jwkOfHeader('1edtech/ob30/simple-jwt.png-itxt.jwt')]]);
  // The anchor attaches the status list snapshot it fetched (VC Bitstring Status List §3.2).
  edtech.statusLists = [{ url: BSL_URL, purpose: 'revocation', fetchedAt: '2026-05-30T00:00:00Z', credential: JSON.parse(read('1edtech/ob30/bit-string-list/testlist')) }];
  return [
    d(EXAMPLE_COM, 'Example issuer (1EdTech examples)', [[`${EXAMPLE_COM}#${K1}`, K1], [`${EXAMPLE_COM}#${K_RVF}`, K_RVF], [`${EXAMPLE_COM}#${K_V1}`, K_V1]]),
    d(EXAMPLE_EDU, 'Example University (1EdTech examples)', [[`${EXAMPLE_EDU}#${K1}`, K1], [`${EXAMPLE_EDU}#rsa-1`, jwkOfHeader('1edtech/clr20/simple.jwt')], [`${EXAMPLE_EDU}#rsa-2`, jwkOfHeader('1edtech/ob30/simple-jwt_v1.png-itxt.jwt')]]),
    edtech,
    d('urn:uuid:6f2e33e5-7a29-4155-840a-59483ba10164', 'Issuer named by a UUID, bare did:key method', [[`did:key:${K1}`, K1]]),
    d('urn:uuid:4ca4a241-fc3b-4d92-978e-f56fa96ae795', 'CLR issuer named by a UUID', [[`urn:uuid:4ca4a241-fc3b-4d92-978e-f56fa96ae795#${K1}`, K1], [`did:key:${K_COMPLEX}`, K_COMPLEX]]),
    d('https://state.gov/issuers/565049', 'Endorsing state body (1EdTech examples)', [[`https://state.gov/issuers/565049#${K_STATE_1}`, K_STATE_1], [`https://state.gov/issuers/565049#${K_STATE_2}`, K_STATE_2]], 'recognition-body'),
    d('did:web:dc.1edtech.org:wellspring2022:wellspring-portal:org:da1e96e9-afcc-4eed-b9a2-2ddf7353214c', 'Wellspring test portal', [[`did:web:dc.1edtech.org:wellspring2022:wellspring-portal:org:da1e96e9-afcc-4eed-b9a2-2ddf7353214c#${K1}`, K1]], 'school'),
    d(DCC, 'DCC test issuer (Mock university)', [[`${DCC}#${DCC.slice(8)}`, DCC.slice(8)]]),
  ];
}

/** A bundle over the fragments, signed by a fixed anchor and accepted as a verifier accepts it. */
export async function makeBundle(fragments: TrustFragment[]): Promise<VerifiedTrustBundle> {
  const { jws, anchorDid } = await signedBundle(fragments);
  const v = await verifyTrustBundle(JSON.stringify(jws), { anchors: [anchorDid], now: NOW });
  if (!v.ok) throw new Error(`bundle refused: ${v.code}`);
  return v;
}

/** The signed bundle (flattened JWS) and its anchor DID, e.g. for LP_TRUST_BUNDLE. */
export async function signedBundle(fragments: TrustFragment[], expires = '2027-01-01T00:00:00Z'): Promise<{ jws: FlattenedJws; anchorDid: string }> {
  const anchor = await keyPairFromSeed(new Uint8Array(32).fill(42));
  const anchorDid = didKeyFromPublicKey(anchor.publicKey);
  const payload = buildTrustBundle({ fragments, sequence: 1, issuedAt: NOW, expires, anchorDid, contexts: contextDigests() });
  return { jws: await signTrustBundle(payload, anchor), anchorDid };
}

