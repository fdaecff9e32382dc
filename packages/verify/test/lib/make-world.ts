// Test fixtures without the issuer app: an issuer key (did:key), a catalogue entry, the Grade 9
// example signed as a full record (DI and JWT) and as a seal, revocation and suspension lists
// signed as DI, and a trust bundle signed by an anchor key. Every time is fixed.
import { readFileSync } from 'node:fs';
import { didKeyFromPublicKey, keyPairFromSeed, sign, type Ed25519KeyPair } from '@lp/crypto';
import { createDocumentLoader } from '@lp/contexts';
import { createSealClaims, encodeSeal, signCredentialDi, signCredentialJwt, type SealClaims } from '@lp/formats';
import type { CatalogueAchievementInput } from '@lp/model';
import { buildStatusListCredential, createBitstring, encodeList, setBit, statusEntry } from '@lp/status';
import { buildTrustBundle, signTrustBundle, verifyTrustBundle, type FlattenedJws, type TrustFragment, type TrustKey, type VerifiedTrustBundle } from '@lp/trust';
import type { VerifyContext } from '../../src/index.ts';

export const NOW = new Date('2025-01-15T12:00:00Z');
export const LP_CONTEXT = 'https://w3id.org/learning-passport/v1';
const PLACEHOLDER_CONTEXT = 'https://learning-passport.example/contexts/lp-v1.jsonld';
const FIXTURE = new URL('../../../../test/fixtures/example-achievement-credential-grade9-math.json', import.meta.url);

export const ACHIEVEMENT_ID = 'https://exams.moe.example/achievements/bece/2024/mathematics';
export const REVOCATION_LIST = 'https://exams.moe.example/status/2024/1';
export const SUSPENSION_LIST = 'https://exams.moe.example/status/2024/s1';
/** Indexes whose bit is set in the lists. */
export const REVOKED_INDEX = 1000;
export const SUSPENDED_INDEX = 2000;
export const GOOD_INDEX = 94567;

export const CATALOGUE_ENTRY: CatalogueAchievementInput = {
  code: 'BECE-MATH',
  id: ACHIEVEMENT_ID,
  achievementType: 'Assessment',
  names: {
    ar: 'امتحان شهادة التعليم الأساسي – الرياضيات',
    en: 'Basic Education Certificate Examination – Mathematics',
    fr: "Examen du certificat d'enseignement de base – Mathématiques",
  },
  iscedLevel: '244',
  iscedField: '0541',
  languageOfAssessment: 'ar',
  resultDescriptions: [
    { id: 'score', resultType: 'RawScore', names: { en: 'Examination score (0–600)', fr: 'Note (0–600)' }, valueMin: '0', valueMax: '600', requiredValue: '240' },
    { id: 'status', resultType: 'Status', names: { en: 'Examination status' } },
  ],
};

export interface Party {
  keyPair: Ed25519KeyPair;
  did: string;
  vm: string;
}

export async function party(seedByte: number): Promise<Party> {
  const keyPair = await keyPairFromSeed(new Uint8Array(32).fill(seedByte));
  const did = didKeyFromPublicKey(keyPair.publicKey);
  return { keyPair, did, vm: `${did}#${did.slice('did:key:'.length)}` };
}

export const documentLoader = createDocumentLoader();

/** The Grade 9 example, issuer replaced by a did:key, the permanent LP context URL. */
export function grade9(issuerDid: string, mutate?: (c: Record<string, any>) => void): Record<string, any> {
  const cred = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, any>;
  cred['@context'] = (cred['@context'] as string[]).map((c) => (c === PLACEHOLDER_CONTEXT ? LP_CONTEXT : c));
  cred.issuer.id = issuerDid;
  mutate?.(cred);
  return cred;
}

export interface Issued {
  credential: Record<string, any>;
  di: Record<string, unknown>;
  jwt: string;
  seal: string;
  claims: SealClaims;
}

/** Signs one credential in the three forms, with the given status entries (default: one good revocation entry). */
export async function issue(
  issuer: Party,
  opts: { status?: { purpose: 'revocation' | 'suspension'; index: number }[]; mutate?: (c: Record<string, any>) => void; learnerName?: string; sealClaims?: (c: SealClaims) => SealClaims } = {},
): Promise<Issued> {
  const status = opts.status ?? [{ purpose: 'revocation', index: GOOD_INDEX }];
  const credential = grade9(issuer.did, (c) => {
    const entries = status.map((s) => statusEntry({ listUrl: s.purpose === 'revocation' ? REVOCATION_LIST : SUSPENSION_LIST, index: s.index, purpose: s.purpose }));
    if (entries.length === 0) delete c.credentialStatus;
    else c.credentialStatus = entries.length === 1 ? entries[0] : entries;
    if (opts.learnerName !== undefined) c.credentialSubject.identifier[1].identityHash = opts.learnerName;
    opts.mutate?.(c);
  });
  const di = await signCredentialDi(credential, { keyPair: issuer.keyPair, verificationMethod: issuer.vm, documentLoader, created: new Date('2024-07-20T00:00:00Z') });
  const jwt = await signCredentialJwt(credential, { keyPair: issuer.keyPair, kid: issuer.vm, now: new Date('2024-07-20T00:00:00Z') });
  let claims = createSealClaims(di, [{ code: 'BECE-MATH', id: ACHIEVEMENT_ID }]);
  if (opts.sealClaims) claims = opts.sealClaims(claims);
  const seal = await encodeSeal(claims, { sign: (b) => sign(issuer.keyPair.secretKey, b), kid: claims.keyId });
  return { credential, di, jwt, seal, claims };
}

/** A signed BitstringStatusListCredential with the given bits set. */
export async function statusList(issuer: Party, url: string, purpose: 'revocation' | 'suspension', set: number[]): Promise<Record<string, unknown>> {
  const bits = createBitstring();
  for (const i of set) setBit(bits, i, true);
  const unsigned = buildStatusListCredential({ id: url, issuer: issuer.did, purpose, encodedList: encodeList(bits), validFrom: '2025-01-01T00:00:00Z' });
  return signCredentialDi(unsigned, { keyPair: issuer.keyPair, verificationMethod: issuer.vm, documentLoader, created: new Date('2025-01-01T00:00:00Z') });
}

export interface BundleOptions {
  sequence?: number;
  issuedAt?: string;
  expires?: string;
  /** Changes to the issuer key's entry (revokedAt, validFrom, achievements…). */
  key?: Partial<TrustKey>;
  fetchedAt?: string;
  lists?: Record<string, unknown>[];
  /** Leave the issuer out (another issuer is listed instead). */
  omitIssuer?: boolean;
  names?: Record<string, string>;
}

export interface World {
  anchor: Party;
  issuer: Party;
  lists: { revocation: Record<string, unknown>; suspension: Record<string, unknown> };
  good: Issued;
  jws: FlattenedJws;
  bundle: VerifiedTrustBundle;
  ctx(overrides?: Partial<VerifyContext>): VerifyContext;
}

export function fragment(issuer: Party, lists: Record<string, unknown>[], opts: BundleOptions = {}): TrustFragment {
  return {
    type: 'LearningPassportTrustFragment',
    version: 1,
    exportedAt: '2025-01-01T00:00:00Z',
    id: issuer.did,
    names: opts.names ?? { en: 'Ministry of Education – National Examinations Directorate', ar: 'وزارة التربية – مديرية الامتحانات الوطنية' },
    country: 'JO',
    kind: 'national-examination-body',
    keys: [{ id: issuer.vm, publicKeyMultibase: issuer.did.slice('did:key:'.length), validFrom: '2024-01-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z', ...opts.key }],
    catalogue: { achievements: [CATALOGUE_ENTRY as never] },
    statusLists: lists.map((credential) => ({
      url: credential.id as string,
      purpose: (credential.credentialSubject as { statusPurpose: 'revocation' | 'suspension' }).statusPurpose,
      fetchedAt: opts.fetchedAt ?? '2025-01-14T00:00:00Z',
      credential,
    })),
  };
}

/** A bundle signed by `anchor`, verified as the pipeline receives it. */
export async function makeBundle(anchor: Party, issuer: Party, lists: Record<string, unknown>[], opts: BundleOptions = {}): Promise<{ jws: FlattenedJws; bundle: VerifiedTrustBundle }> {
  const fragments = [];
  if (opts.omitIssuer) fragments.push(fragment(await party(99), [], opts));
  else fragments.push(fragment(issuer, lists, opts));
  const payload = buildTrustBundle({
    fragments,
    sequence: opts.sequence ?? 5,
    issuedAt: opts.issuedAt ?? '2025-01-14T00:00:00Z',
    expires: opts.expires ?? '2025-04-01T00:00:00Z',
    anchorDid: anchor.did,
  });
  const jws = await signTrustBundle(payload, anchor.keyPair);
  const v = await verifyTrustBundle(jws, { anchors: [anchor.did], now: NOW });
  if (!v.ok) throw new Error(`test bundle does not verify: ${v.code} ${v.message}`);
  const { ok: _ok, ...bundle } = v;
  return { jws, bundle };
}

export async function makeWorld(): Promise<World> {
  const anchor = await party(1);
  const issuer = await party(2);
  const lists = {
    revocation: await statusList(issuer, REVOCATION_LIST, 'revocation', [REVOKED_INDEX]),
    suspension: await statusList(issuer, SUSPENSION_LIST, 'suspension', [SUSPENDED_INDEX]),
  };
  const good = await issue(issuer);
  const { jws, bundle } = await makeBundle(anchor, issuer, [lists.revocation, lists.suspension]);
  return { anchor, issuer, lists, good, jws, bundle, ctx: (o = {}) => ({ bundle, now: NOW, ...o }) };
}

/** Replaces globalThis.fetch with a spy that throws: nothing may reach the network. */
export function forbidNetwork(): { calls: unknown[]; restore(): void } {
  const original = globalThis.fetch;
  const calls: unknown[] = [];
  globalThis.fetch = ((...args: unknown[]) => {
    calls.push(args[0]);
    throw new Error(`network access in a test: ${String(args[0])}`);
  }) as typeof fetch;
  return { calls, restore: () => { globalThis.fetch = original; } };
}
