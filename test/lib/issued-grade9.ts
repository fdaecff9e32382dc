// The Grade 9 record as our issuer builds it (buildAchievementCredential with the catalogue entry
// and did:key issuer of packages/verify/test/lib/make-world.ts), signed with that world's issuer
// key at a fixed time, status entries in that world's lists: a record the world's trust bundle
// vouches for.
import { didKeyFromPublicKey, keyPairFromSeed } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { signCredentialDi } from '@lp/formats';
import { CatalogueAchievementSchema } from '@lp/model';
import { statusEntry } from '@lp/status';
import { buildAchievementCredential } from '../../issuer/src/index.ts';
import { CATALOGUE_ENTRY, GOOD_INDEX, REVOCATION_LIST, SUSPENSION_LIST } from '../../packages/verify/test/lib/make-world.ts';

export const ISSUER_SEED_BYTE = 2;
export const SIGNED_AT = new Date('2024-07-20T00:00:00Z');

/** The unsigned record; `mutate` changes it before signing. */
export async function buildGrade9(mutate?: (c: Record<string, any>) => void): Promise<Record<string, any>> {
  const { publicKey } = await keyPairFromSeed(new Uint8Array(32).fill(ISSUER_SEED_BYTE));
  const did = didKeyFromPublicKey(publicKey);
  const credential = buildAchievementCredential({
    id: 'urn:uuid:0b6f3d52-8a41-4c7e-9d2f-5e1a7c3b9f10',
    profile: { id: did, names: { en: 'Ministry of Education – National Examinations Directorate', ar: 'وزارة التربية – مديرية الامتحانات الوطنية' }, country: 'JO', didMethod: 'key', createdAt: '2024-01-01T00:00:00Z' },
    entry: CatalogueAchievementSchema.parse(CATALOGUE_ENTRY),
    subject: { name: 'ليلى أحمد', nameLatin: 'Layla Ahmad', dateOfBirth: '2010-03-04', candidateNumber: 'C-17' },
    result: { value: '452', status: 'Completed' },
    session: '2024-06',
    validFrom: SIGNED_AT.toISOString().replace('.000Z', 'Z'),
    baseUrl: 'https://exams.moe.example',
  }) as Record<string, any>;
  credential.credentialStatus = [
    statusEntry({ listUrl: REVOCATION_LIST, index: GOOD_INDEX, purpose: 'revocation' }),
    statusEntry({ listUrl: SUSPENSION_LIST, index: GOOD_INDEX, purpose: 'suspension' }),
  ];
  mutate?.(credential);
  return credential;
}

/** Signs a record (Data Integrity eddsa-rdfc-2022) with the world's issuer key at SIGNED_AT. */
export async function signGrade9(credential: Record<string, unknown>): Promise<Record<string, any>> {
  const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(ISSUER_SEED_BYTE));
  const did = didKeyFromPublicKey(keyPair.publicKey);
  return signCredentialDi(credential, {
    keyPair, verificationMethod: `${did}#${did.slice('did:key:'.length)}`, documentLoader: createDocumentLoader(), created: SIGNED_AT,
  }) as Promise<Record<string, any>>;
}
