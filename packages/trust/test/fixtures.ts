import { didKeyFromPublicKey, generateKeyPair, type Ed25519KeyPair } from '@lp/crypto';
import type { TrustFragment } from '../src/index.ts';

export const NOW = new Date('2026-06-01T00:00:00Z');

export function multibaseOf(kp: Ed25519KeyPair): string {
  return didKeyFromPublicKey(kp.publicKey).slice('did:key:'.length);
}

/** A did:web examination body with two keys: key-1 may sign everything, key-2 only MATH-9. */
export function webFragment(kp1: Ed25519KeyPair, kp2: Ed25519KeyPair, id = 'did:web:exams.example.org'): TrustFragment {
  return {
    type: 'LearningPassportTrustFragment',
    version: 1,
    exportedAt: '2026-05-01T00:00:00Z',
    id,
    names: { en: 'National Examinations Board', ar: 'مجلس الامتحانات الوطني' },
    country: 'JO',
    kind: 'national-examination-body',
    keys: [
      { id: `${id}#key-1`, publicKeyMultibase: multibaseOf(kp1), validFrom: '2025-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' },
      { id: `${id}#key-2`, publicKeyMultibase: multibaseOf(kp2), validFrom: '2026-01-01T00:00:00Z', achievements: ['MATH-9'] },
    ],
    catalogue: {
      achievements: [
        {
          code: 'MATH-9',
          achievementType: 'Certificate',
          names: { en: 'Mathematics, grade 9', ar: 'الرياضيات، الصف التاسع' },
          iscedLevel: '2',
          iscedField: '0541',
          resultDescriptions: [{ id: 'score', resultType: 'ScaledScore', names: { en: 'Score', ar: 'الدرجة' }, valueMin: '0', valueMax: '100' }],
        },
        { code: 'ENG-9', achievementType: 'Certificate', names: { en: 'English, grade 9' }, iscedLevel: '2', resultDescriptions: [] },
      ],
    },
    statusLists: [
      {
        url: 'https://exams.example.org/status/1',
        purpose: 'revocation',
        fetchedAt: '2026-05-30T12:00:00Z',
        credential: { type: ['VerifiableCredential', 'BitstringStatusListCredential'], credentialSubject: { encodedList: 'uH4sI' } },
      },
    ],
  };
}

/** A did:key school. */
export function keyFragment(kp: Ed25519KeyPair): TrustFragment {
  const did = didKeyFromPublicKey(kp.publicKey);
  return {
    type: 'LearningPassportTrustFragment',
    version: 1,
    exportedAt: '2026-05-02T00:00:00Z',
    id: did,
    names: { uk: 'Школа №5', en: 'School No. 5' },
    country: 'UA',
    kind: 'school',
    keys: [{ id: `${did}#${multibaseOf(kp)}`, publicKeyMultibase: multibaseOf(kp), validFrom: '2024-09-01T00:00:00Z' }],
    catalogue: {
      achievements: [{ code: 'CERT-BASIC', achievementType: 'Diploma', names: { uk: 'Свідоцтво', en: 'Certificate' }, resultDescriptions: [] }],
    },
    statusLists: [],
  };
}

export async function keys(n: number): Promise<Ed25519KeyPair[]> {
  return Promise.all(Array.from({ length: n }, () => generateKeyPair()));
}
