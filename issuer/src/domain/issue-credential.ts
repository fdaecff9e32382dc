import { checkRelatedResources, loadBundledContext } from '@lp/contexts';
import { isVc1, profileViewOf } from '@lp/formats';
import type { SigningCryptosuite } from '@lp/formats';
import { achievementIdOf, CatalogueAchievementSchema, detectCredentialKind } from '@lp/model';
import type { CatalogueAchievement } from '@lp/model';
import { statusEntry } from '@lp/status';
import { IssuerError } from '../errors.ts';
import type { BulkKey, IssuerProfile, IssuerStoreOps } from '../store/index.ts';
import type { ResultInput, SubjectInput } from './build-achievement-credential.ts';
import { createPickupCode } from './create-pickup-code.ts';
import type { PickupCode } from './create-pickup-code.ts';
import { createCredentialOffer } from '../oid4vci/create-credential-offer.ts';
import type { CredentialOffer } from '../oid4vci/create-credential-offer.ts';
import type { IssuerDeps } from './issuer-deps.ts';
import { checkLearnerNames, learnerNamesOf } from './lib/check-learner-names.ts';
import type { IssueWarning } from './lib/check-learner-names.ts';
import { issuerOfCredential } from './issuer-profile-document.ts';
import { assertProfile } from './lib/assert-profile.ts';
import { prepareCatalogueCredential } from './lib/prepare-catalogue-credential.ts';
import { randomUrnUuid } from './lib/random-id.ts';
import { signCredentialForms } from './lib/sign-credential-forms.ts';
import { isoSeconds } from './lib/time.ts';

export interface IssueCredentialInput {
  /** An unsigned OB 3.0 (or CLR 2.0, or plain VC 2.0) credential to sign as given; its issuer becomes ours. */
  credential?: unknown;
  /** Or: a catalogue code, with `subject` and `result`, to build the credential from the catalogue. */
  achievement?: string;
  subject?: SubjectInput;
  result?: ResultInput;
  /** Examination session or term (credentialSubject.term; part of the seal). */
  session?: string;
  /**
   * With `achievement`: when the result was awarded, `YYYY-MM-DD` (from 1950 up to today); it
   * becomes awardedDate and validFrom. Default: the moment of signing. The key window bounds
   * only the signing time (proof.created, seal claim 13), so a 2012 result signed today verifies.
   */
  awardedDate?: string;
  /** `jwt` also returns the VC-JOSE form (the Data Integrity record is stored either way). */
  format?: 'di' | 'jwt';
  /** The Data Integrity cryptosuite of the record: eddsa-rdfc-2022 (default) or eddsa-jcs-2022. */
  cryptosuite?: SigningCryptosuite;
  /**
   * The QR seal: `true` requires one (SEAL_NEEDS_LEARNER_NAME when the credential names no
   * learner in clear), `false` makes none; by default one is made when a learner name exists,
   * else `seal: null` with the warning SEAL_NO_LEARNER_NAME.
   */
  seal?: boolean;
  /** Create a one-time pick-up code for the wallet in the same transaction. */
  pickup?: boolean | { ttlDays?: number };
  /** Idempotency for bulk runs: a second call with the same key returns the stored credential. */
  bulkKey?: BulkKey;
  /** Who asks, for the audit log: an API key label or `cli`. */
  actor: string;
}

export interface IssuedCredential {
  id: string;
  /** The full record (Data Integrity, eddsa-rdfc-2022), exactly as stored. */
  credential: Record<string, unknown>;
  /** The VC-JOSE form when `format` was `jwt` (or it was stored so before). */
  jwt?: string;
  /** The QR seal (`LP1:…`); null for a plain VC 2.0 credential (a seal summarises achievements). */
  seal: string | null;
  pickup?: PickupCode;
  /**
   * With `pickup`, for an OB 3.0 or CLR credential: the same hand-over as an OpenID4VCI offer
   * (one-time, binds the delivered copy to the holder's key) for wallets other than ours.
   */
  credentialOffer?: CredentialOffer;
  /** True when `bulkKey` matched a credential issued before (nothing new was written). */
  existing: boolean;
  /** What the caller should know though the credential was issued (e.g. NAME_MIXED_SCRIPTS). */
  warnings: IssueWarning[];
}

/**
 * Issues one credential (DESIGN.md "Two forms of every credential"): allocates a revocation and a
 * suspension index (random, never reused), signs the full record with eddsa-rdfc-2022 (and as
 * vc+jwt on request), makes the QR seal with the same key, refuses a seal past the QR budget, and
 * stores record, seal, status entries and audit entry in ONE transaction — durable (WAL,
 * synchronous=FULL) before this resolves, and all rolled back on any failure.
 *
 * Throws IssuerError (CREDENTIAL_INVALID, ISSUER_MISMATCH, ACHIEVEMENT_UNKNOWN,
 * RESULT_OUT_OF_SCALE, DATE_IN_FUTURE, SEAL_TOO_LARGE, SEAL_NEEDS_LEARNER_NAME, NAME_INVISIBLE_CHARACTERS, NO_ISSUER) or StoreError (STORE_BUSY, STORE_FULL,
 * STORE_CONFLICT for a credential id already used).
 *
 * @example
 * const { id, seal } = await issueCredential(deps, {
 *   achievement: 'BECE-MATH', subject: { name: 'Layla Ahmad', candidateNumber: 'C-17' },
 *   result: { value: '452' }, session: '2026-06', bulkKey: { candidateNumber: 'C-17', achievementCode: 'BECE-MATH', session: '2026-06' },
 *   actor: 'bulk:run-1',
 * });
 */
export async function issueCredential(deps: IssuerDeps, input: IssueCredentialInput): Promise<IssuedCredential> {
  const { store, signer } = deps;
  if (input.bulkKey) {
    const found = await store.getCredentialByBulkKey(input.bulkKey);
    if (found) return existingOf(found);
  }
  const profile = await store.getProfile();
  if (!profile) throw new IssuerError('NO_ISSUER', 'no issuer here: run `lp issuer init` first');
  if (profile.id !== signer.issuerId) throw new IssuerError('ISSUER_LOCKED', 'the unlocked key belongs to another issuer');
  const now = deps.clock();
  const validFrom = isoSeconds(now);
  const catalogue = (await store.listAchievements()).map((r) => CatalogueAchievementSchema.parse(r.entry));

  let unsigned: Record<string, unknown>;
  let codes: string[];
  let learnerName: string | undefined;
  let namedInClear = false;
  const warnings: IssueWarning[] = [];
  if (input.achievement !== undefined) {
    const prepared = prepareCatalogueCredential(
      { achievement: input.achievement, ...pick(input, ['subject', 'result', 'session', 'awardedDate']) },
      { profile, catalogue, now, baseUrl: deps.baseUrl, random: deps.random },
    );
    unsigned = prepared.unsigned;
    codes = prepared.codes;
    learnerName = prepared.learnerName;
    namedInClear = true;
    warnings.push(...prepared.warnings);
  } else if (input.credential !== undefined) {
    if (input.awardedDate !== undefined) {
      throw new IssuerError('CREDENTIAL_INVALID', 'options.awardedDate goes with options.achievement; a given credential carries its own awardedDate', '$.options.awardedDate');
    }
    unsigned = prepareGivenCredential(input.credential, profile, validFrom, deps.random);
    codes = codesOf(unsigned, catalogue, deps.baseUrl);
    const names = learnerNamesOf(unsigned);
    warnings.push(...checkLearnerNames(names));
    // The seal picks the name itself (createSealClaims); here only whether there is one matters.
    namedInClear = names.some((n) => n.printed);
  } else {
    throw new IssuerError('CREDENTIAL_INVALID', 'give a credential or options.achievement', '$');
  }

  const detected = detectCredentialKind(unsigned);
  const kind = detected === 'ClrCredential' ? 'clr' : detected === 'VerifiableCredential' ? 'vc' : 'achievement';
  // A seal prints the learner's name (the school abroad compares it with a passport); an Open
  // Badges credential whose subject is only a DID is ordinary OB 3.0 and is issued without one.
  const wantSeal = kind !== 'vc' && input.seal !== false && namedInClear;
  if (input.seal === true && (kind === 'vc' || !namedInClear)) {
    throw new IssuerError('SEAL_NEEDS_LEARNER_NAME', kind === 'vc'
      ? 'a plain VC 2.0 credential has no achievement to put in a QR seal'
      : 'a QR seal prints the learner\'s name: add an unhashed IdentityObject of identityType "name" (or options.subject.name)', '$.credential.credentialSubject.identifier');
  }
  if (kind !== 'vc' && input.seal === undefined && !namedInClear) {
    warnings.push({ code: 'SEAL_NO_LEARNER_NAME', message: 'no QR seal: the credential names no learner in clear (a seal prints the name); the full record was issued', path: '$.credential.credentialSubject' });
  }
  const sealCatalogue = catalogue.map((e) => ({ code: e.code, id: achievementIdOf(e, deps.baseUrl) }));
  const subjectSummary = summaryOf(unsigned, input.subject);
  const id = unsigned.id as string;

  return store.transaction(async (tx) => {
    if (input.bulkKey) {
      const found = await tx.getCredentialByBulkKey(input.bulkKey);
      if (found) return existingOf(found);
    }
    const allocations = [await tx.allocateStatus('revocation'), await tx.allocateStatus('suspension')];
    const toSign = {
      ...unsigned,
      credentialStatus: allocations.map((a) => statusEntry({ listUrl: `${deps.baseUrl}/status/${a.listId}`, index: a.index, purpose: a.purpose })),
    };
    // A plain VC 2.0 credential (VC-API callers, W3C test suites) has no achievement to summarise: no seal.
    const { credential, jwt, seal } = await signCredentialForms(signer, deps.documentLoader, {
      credential: toSign, now, ...(input.cryptosuite ? { cryptosuite: input.cryptosuite } : {}), jwt: input.format === 'jwt',
      seal: wantSeal, kind, sealCatalogue, ...(learnerName !== undefined ? { learnerName } : {}), ...(input.session !== undefined ? { session: input.session } : {}),
    });
    await tx.insertCredential({
      id, kind, subject: subjectSummary, achievementCodes: codes, record: JSON.stringify(credential),
      format: input.format ?? 'di', jwt: jwt ?? null, seal, status: allocations, createdAt: validFrom, bulkKey: input.bulkKey ?? null,
    });
    let pickup: PickupCode | undefined;
    let credentialOffer: CredentialOffer | undefined;
    if (input.pickup) {
      const ttlDays = typeof input.pickup === 'object' ? input.pickup.ttlDays : undefined;
      pickup = await createPickupCode(tx, { credentialId: id, now, random: deps.random, baseUrl: deps.baseUrl, ...(ttlDays !== undefined ? { ttlDays } : {}) });
      if (kind !== 'vc') {
        credentialOffer = await createCredentialOffer(tx, { credentialIds: [id], now, random: deps.random, baseUrl: deps.baseUrl, pickupCode: pickup.code, ...(ttlDays !== undefined ? { ttlDays } : {}) });
      }
    }
    await tx.appendAudit({
      at: validFrom, actor: input.actor, action: 'credential.issue', target: id,
      details: { kind, achievements: codes, kid: signer.kid, status: allocations, format: input.format ?? 'di', bulkKey: input.bulkKey ?? null, pickup: pickup !== undefined },
    });
    return { id, credential, seal, existing: false, warnings, ...(jwt !== undefined ? { jwt } : {}), ...(pickup ? { pickup } : {}), ...(credentialOffer ? { credentialOffer } : {}) };
  });
}

function existingOf(found: { id: string; record: string; seal: string | null; jwt: string | null }): IssuedCredential {
  return { id: found.id, credential: JSON.parse(found.record) as Record<string, unknown>, seal: found.seal, existing: true, warnings: [], ...(found.jwt ? { jwt: found.jwt } : {}) };
}

/** Our issuer, our id and dates, our status entries; then the OB 3.0 / CLR 2.0 profile check. */
function prepareGivenCredential(given: unknown, profile: IssuerProfile, validFrom: string, random: (n: number) => Uint8Array): Record<string, unknown> {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new IssuerError('CREDENTIAL_INVALID', 'credential must be a JSON object', '$.credential');
  }
  const c = { ...(given as Record<string, unknown>) };
  if ('proof' in c) throw new IssuerError('CREDENTIAL_INVALID', 'send the credential unsigned: the issuer adds the proof', '$.credential.proof');
  const issuer = c.issuer;
  const issuerId = typeof issuer === 'string' ? issuer : issuer && typeof issuer === 'object' && !Array.isArray(issuer) ? (issuer as { id?: unknown }).id : undefined;
  if (issuer !== undefined && issuerId !== profile.id) {
    // VC 2.0 §4.7: issuer is a URL or an object with an id; anything else (null, a number, a
    // list, an object without id) is described as it is, never as an issuer it does not name.
    const named = typeof issuerId === 'string'
      ? `names issuer ${issuerId}`
      : `gives issuer as ${describeValue(issuer)}, which is neither a URL nor an object with an id`;
    throw new IssuerError('ISSUER_MISMATCH', `the credential ${named}; this service issues only as ${profile.id}`, '$.credential.issuer');
  }
  const vc1 = isVc1(c);
  if (vc1) {
    // A VC-API caller (the W3C VC-API issuer and vc-di-eddsa suites among them) may hand us a VC
    // Data Model 1.1 credential. It is signed as the 1.1 credential it is — never silently
    // rewritten to 2.0, which would sign claims the caller did not send — with the terms 1.1
    // lacks for what we add and, if absent, its required issuanceDate (VC 1.1 §4.6). The proof
    // needs the Data Integrity v2 context (every VC 1.1 stack that reads DataIntegrityProof holds
    // it). The status entries need the Bitstring Status List terms, which 1.1-era stacks do not
    // hold (measured: the vc-di-eddsa suite's loader cannot load status/v1), so they travel
    // inline: the published status/v1 context's own definitions, the same IRIs, so the signed
    // statements are those the URL would give. Open Badges and CLR records are issued as VC 2.0
    // only (what our wallet, seal and pages are built for).
    if (detectCredentialKind(profileViewOf(c)) !== 'VerifiableCredential') {
      throw new IssuerError('CREDENTIAL_INVALID', 'an Open Badges or CLR credential is issued as VC Data Model 2.0 only: @context must start with https://www.w3.org/ns/credentials/v2', '$.credential["@context"]');
    }
    const contexts = Array.isArray(c['@context']) ? [...(c['@context'] as unknown[])] : [c['@context']];
    if (!contexts.includes(STATUS_LIST_CONTEXT)) contexts.push((loadBundledContext(STATUS_LIST_CONTEXT) as { '@context': unknown })['@context']);
    if (!contexts.includes(DATA_INTEGRITY_CONTEXT)) contexts.push(DATA_INTEGRITY_CONTEXT);
    c['@context'] = contexts;
    if (c.issuanceDate === undefined) c.issuanceDate = validFrom;
  }
  if (detectCredentialKind(vc1 ? profileViewOf(c) : c) === 'VerifiableCredential') {
    // A plain VC 2.0 credential keeps the issuer's form as given (VC 2.0 §4.7: a URL or an object
    // with id): the OB 3.0 `Profile` type is undefined under the VC 2.0 context alone, and
    // eddsa-rdfc-2022 canonicalization refuses an undefined type (JSON-LD safe mode).
    c.issuer = typeof issuer === 'object' && issuer !== null ? { ...(issuer as object), id: profile.id } : profile.id;
  } else {
    c.issuer = { ...issuerOfCredential(profile), ...(typeof issuer === 'object' && issuer !== null ? (issuer as object) : {}), id: profile.id };
  }
  if (c.id === undefined) c.id = randomUrnUuid(random);
  if (c.validFrom === undefined && !vc1) c.validFrom = validFrom;
  // The issuer owns revocation and suspension: entries sent by the caller are replaced, but a
  // malformed one is still refused (VC 2.0 §4.10: a status entry has a type and at most one id),
  // not silently repaired.
  if (c.credentialStatus !== undefined) assertProfile(c, vc1);
  delete c.credentialStatus;
  assertProfile(c, vc1);
  assertRelatedResources(c);
  return c;
}

/** Contexts a VC 1.1 credential needs for what this issuer adds to it (see prepareGivenCredential). */
const STATUS_LIST_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';
const DATA_INTEGRITY_CONTEXT = 'https://w3id.org/security/data-integrity/v2';

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : 'a list';
  if (typeof v === 'object') return 'an object without an id';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/**
 * VC 2.0 §5.3: an issuer that lists a related resource vouches for its digest. For the resources
 * we hold (the bundled contexts) the digest is checked before signing; others are not fetched.
 */
function assertRelatedResources(c: Record<string, unknown>): void {
  const { resources } = checkRelatedResources(c.relatedResource);
  const index = resources.findIndex((r) => r.outcome === 'mismatch' || r.outcome === 'unreadable');
  if (index < 0) return;
  const bad = resources[index]!;
  const path = Array.isArray(c.relatedResource) ? `$.credential.relatedResource[${index}]` : '$.credential.relatedResource';
  throw new IssuerError('RELATED_RESOURCE_DIGEST_MISMATCH', bad.outcome === 'mismatch'
    ? `the digest given for ${bad.id} does not match that resource`
    : `the digest given for ${bad.id} is not one we can check (digestSRI sha256/sha384/sha512, digestMultibase a sha2 multihash)`, path, { id: bad.id, outcome: bad.outcome });
}

/** Catalogue codes of the achievements a given credential carries (by id or humanCode). */
function codesOf(c: Record<string, unknown>, catalogue: CatalogueAchievement[], baseUrl: string): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const hit = catalogue.find((e) => achievementIdOf(e, baseUrl) === o.id || (typeof o.humanCode === 'string' && e.code === o.humanCode));
    if (hit && Array.isArray(o.type) && o.type.includes('Achievement')) found.add(hit.code);
    Object.values(o).forEach(visit);
  };
  visit(c.credentialSubject);
  return [...found];
}

function summaryOf(c: Record<string, unknown>, subject: SubjectInput | undefined): Record<string, unknown> {
  if (subject) return { ...subject };
  const s = c.credentialSubject as Record<string, unknown> | undefined;
  const ids = Array.isArray(s?.identifier) ? (s.identifier as Record<string, unknown>[]) : [];
  const name = ids.find((x) => x?.hashed !== true && (x?.identityType === 'name' || x?.identityType === 'ext:name'))?.identityHash ?? s?.name;
  return { ...(typeof name === 'string' ? { name } : {}), ...(typeof s?.id === 'string' ? { id: s.id } : {}) };
}

/** The keys of `o` that are set, so that optional properties stay absent (exactOptionalPropertyTypes). */
function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as Partial<Pick<T, K>>;
}
