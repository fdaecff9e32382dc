// Shared by the seal tests and bench/seal.bench.ts: the Grade 9 fixtures, a 9-subject transcript
// built on the fixture pattern, a fixed test key, and a crafter for hostile COSE structures.
import { readFileSync } from 'node:fs';
import { encode } from 'cborg';
import { zlibSync } from 'fflate';
import { keyPairFromSeed, sign } from '@lp/crypto';
import { encodeBase45 } from '../src/seal/base45.ts';
import type { CatalogueEntryLike } from '../src/seal/create-seal-claims.ts';

const FIXTURES = new URL('../../../test/fixtures/', import.meta.url);
type Json = Record<string, any>;

export function loadFixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as Json;
}

export const ISSUER = 'did:web:exams.moe.example';
export const KID = '#key-2024-1';
export const KEY_ID = `${ISSUER}${KID}`;

/** A fixed Ed25519 key (seed 32 × 0x07): test only. */
export async function testKey() {
  const kp = await keyPairFromSeed(new Uint8Array(32).fill(7));
  return { ...kp, signer: (b: Uint8Array) => sign(kp.secretKey, b) };
}

export function grade9(): Json {
  return loadFixture('example-achievement-credential-grade9-math.json');
}

export const GRADE9_CATALOGUE: CatalogueEntryLike[] = [
  { code: 'BECE-MATH', id: 'https://exams.moe.example/achievements/bece/2024/mathematics' },
];

const SUBJECTS: [code: string, slug: string, ar: string, en: string, fr: string, score: string][] = [
  ['MATH', 'mathematics', 'الرياضيات', 'Mathematics', 'Mathématiques', '452'],
  ['ARAB', 'arabic', 'اللغة العربية', 'Arabic Language', 'Langue arabe', '511'],
  ['ENGL', 'english', 'اللغة الإنجليزية', 'English Language', 'Langue anglaise', '389'],
  ['SCIE', 'science', 'العلوم العامة', 'General Science', 'Sciences générales', '420'],
  ['SOCI', 'social-studies', 'الدراسات الاجتماعية', 'Social Studies', 'Études sociales', '476'],
  ['ISLM', 'islamic-education', 'التربية الإسلامية', 'Islamic Education', 'Éducation islamique', '533'],
  ['FREN', 'french', 'اللغة الفرنسية', 'French Language', 'Langue française', '301'],
  ['ICT', 'ict', 'تكنولوجيا المعلومات', 'Information Technology', "Technologies de l'information", '458'],
  ['ARTS', 'arts', 'التربية الفنية', 'Art Education', 'Éducation artistique', '497'],
];

/** The CLR fixture with its embedded credentials replaced by 9 subjects on the fixture pattern
 * (`rounds` > 1 repeats them as resits in later sessions: an oversize transcript). */
export function transcript9(rounds = 1): Json {
  const clr = loadFixture('example-clr-credential-grade9-transcript.json');
  const template = clr.credentialSubject.verifiableCredential[0] as Json;
  const all = Array.from({ length: rounds }, (_, r) => SUBJECTS.map((s) => [r, ...s] as const)).flat();
  clr.credentialSubject.verifiableCredential = all.map(([round, code, slug, ar, en, fr, score], i) => {
    const vc = structuredClone(template);
    vc.id = `urn:uuid:6f1d2a44-9b1e-4c3a-8f51-2a7d9e0c1b${String(i + 1).padStart(2, '0')}`;
    const a = vc.credentialSubject.achievement;
    a.id = `https://exams.moe.example/achievements/bece/${2024 + round}/${slug}`;
    a.humanCode = `BECE-${code}`;
    a.name = `امتحان شهادة التعليم الأساسي – ${ar}`;
    a.displayName = [
      { '@value': a.name, '@language': 'ar' },
      { '@value': `Basic Education Certificate Examination – ${en}`, '@language': 'en' },
      { '@value': `Examen du certificat d'enseignement de base – ${fr}`, '@language': 'fr' },
    ];
    vc.credentialSubject.result = [
      { type: ['Result'], resultDescription: `${a.id}/results/score`, value: score },
      { type: ['Result'], resultDescription: `${a.id}/results/status`, status: 'Completed' },
    ];
    return vc;
  });
  return clr;
}

export const TRANSCRIPT_CATALOGUE: CatalogueEntryLike[] = [
  { code: 'BECE', id: 'https://exams.moe.example/achievements/bece/2024' },
  ...SUBJECTS.map(([code, slug]) => ({ code: `BECE-${code}`, id: `https://exams.moe.example/achievements/bece/2024/${slug}` })),
];

/** `LP1:` + base45(zlib(bytes)): a seal around any bytes, for hostile inputs. */
export function wrapSeal(cose: Uint8Array): string {
  return `LP1:${encodeBase45(zlibSync(cose, { level: 9 }))}`;
}

/** A COSE_Sign1 from parts, each replaceable: the shape decodeSeal must refuse piece by piece. */
export function craftCose(parts: {
  protectedHeader?: Map<number, unknown> | Uint8Array;
  unprotected?: unknown;
  payload?: Uint8Array;
  claims?: Map<number, unknown>;
  signature?: Uint8Array;
  tagged?: boolean;
  elements?: unknown[];
}): Uint8Array {
  const ph = parts.protectedHeader ?? new Map<number, unknown>([[1, -8], [4, new TextEncoder().encode(KID)]]);
  const protectedBytes = ph instanceof Uint8Array ? ph : encode(ph);
  const payload = parts.payload ?? encode(parts.claims ?? new Map());
  const body = encode(parts.elements ?? [protectedBytes, parts.unprotected ?? new Map(), payload, parts.signature ?? new Uint8Array(64)]);
  if (parts.tagged === false) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = 0xd2;
  out.set(body, 1);
  return out;
}
