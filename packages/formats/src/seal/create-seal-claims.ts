import { digestFullRecord } from './digest-full-record.ts';
import { SealError } from './seal-error.ts';
import { SEAL_RESULT_STATUSES, resolveKeyId, toWireSealClaims } from './z-seal-claims.ts';
import type { SealAchievement, SealClaims, SealKind, SealResultStatus, SealStatusEntry } from './z-seal-claims.ts';

export interface CatalogueEntryLike {
  code: string;
  /** Achievement id (URL); an entry without id matches by the achievement's humanCode. */
  id?: string;
}

/** The issuer's achievement catalogue (the one the trust bundle carries), or a plain list. */
export type CatalogueLike =
  | { findByAchievementId(id: string): { code: string } | undefined }
  | readonly CatalogueEntryLike[];

export interface CreateSealClaimsOptions {
  /** Verification method that signs; default: the record's proof.verificationMethod. */
  keyId?: string;
  /** Name as printed; default: the subject's unhashed `name`/`ext:name` identifier. */
  learnerName?: string;
  /** YYYY-MM-DD; default: an unhashed `ext:birthDate`/`ext:dateOfBirth` identifier, else none. */
  learnerBirthDate?: string;
  /** Name in Latin letters; default: an unhashed `ext:nameLatin` identifier, left out when it equals the name. */
  learnerNameLatin?: string;
  /** Session or term; default: credentialSubject.term (of the first embedded credential for a CLR). */
  session?: string;
  /** Languages of the name of an achievement not in the catalogue; default [inLanguage, 'en']. */
  nameLanguages?: readonly string[];
  /** Add claim 12 (digestFullRecord); default false (costs ~24 characters). */
  recordDigest?: boolean;
  /** For a CLR, also list ClrSubject.achievement entries no embedded credential carries (e.g. the
   * certificate itself), without a result; default true. */
  includeClrAchievements?: boolean;
  /** When the key signs (claim 13); default: the record's proof.created, else none. */
  signedAt?: Date;
}

type Json = Record<string, unknown>;

/**
 * Summarises a full record as seal claims (CLAIMS.md): an OB 3.0 AchievementCredential gives one
 * achievement, a CLR 2.0 ClrCredential a transcript (one entry per embedded AchievementCredential).
 * Achievements in `catalogue` travel as their code; others by id and a multilingual name. Throws
 * SealError SEAL_SOURCE_INVALID (with `path`) when the record lacks what a seal needs, and
 * SEAL_CLAIMS_INVALID when the summary breaks a claim limit.
 *
 * @example const claims = createSealClaims(credential, [{ code: 'BECE-MATH', id: achievementId }]);
 */
export function createSealClaims(fullRecord: object, catalogue: CatalogueLike, opts: CreateSealClaimsOptions = {}): SealClaims {
  const rec = fullRecord as Json;
  const types = asArray(rec['type']);
  const kind: SealKind = types.includes('ClrCredential')
    ? 'ClrCredential'
    : types.includes('AchievementCredential') || types.includes('OpenBadgeCredential')
      ? 'AchievementCredential'
      : fail('type', 'not an AchievementCredential or ClrCredential');
  const credentialId = str(rec['id'], 'id');
  const issuerValue = rec['issuer'];
  const issuer = typeof issuerValue === 'string' ? issuerValue : str(obj(issuerValue, 'issuer')['id'], 'issuer.id');
  const proof = asArray(rec['proof'])[0] as Json | undefined;
  const keyId = resolveKeyId(
    opts.keyId ?? (proof ? str(proof['verificationMethod'], 'proof.verificationMethod') : fail('proof', 'no proof: pass opts.keyId')),
    issuer,
  );
  const subject = obj(rec['credentialSubject'], 'credentialSubject');
  const langs = opts.nameLanguages;

  const achievements: SealAchievement[] = [];
  let session = opts.session ?? optStr(subject['term']);
  if (kind === 'AchievementCredential') {
    achievements.push(entryOf(subject, rec['awardedDate'], catalogue, langs, 'credentialSubject'));
  } else {
    const carried = new Set<string>();
    asArray(subject['verifiableCredential']).forEach((vc, i) => {
      const path = `credentialSubject.verifiableCredential.${i}`;
      const inner = obj(vc, path);
      const innerSubject = obj(inner['credentialSubject'], `${path}.credentialSubject`);
      const a = obj(innerSubject['achievement'], `${path}.credentialSubject.achievement`);
      if (typeof a['id'] === 'string') carried.add(a['id']);
      session ??= optStr(innerSubject['term']);
      achievements.push(entryOf(innerSubject, inner['awardedDate'] ?? rec['awardedDate'], catalogue, langs, `${path}.credentialSubject`));
    });
    if (opts.includeClrAchievements ?? true) {
      asArray(subject['achievement']).forEach((a, i) => {
        const achievement = obj(a, `credentialSubject.achievement.${i}`);
        if (typeof achievement['id'] === 'string' && carried.has(achievement['id'])) return;
        achievements.push(entryOf({ achievement }, rec['awardedDate'], catalogue, langs, `credentialSubject.achievement.${i}`, true));
      });
    }
    if (achievements.length === 0) fail('credentialSubject.verifiableCredential', 'a transcript needs at least one result');
  }

  const identifiers = asArray(subject['identifier']).filter((x): x is Json => typeof x === 'object' && x !== null);
  const unhashed = (kinds: string[]) =>
    identifiers.find((x) => x['hashed'] !== true && kinds.includes(String(x['identityType'])))?.['identityHash'];
  const learnerName =
    opts.learnerName ?? optStr(unhashed(['name', 'ext:name'])) ?? optStr(subject['name']) ?? fail('credentialSubject.identifier', 'no unhashed learner name');
  const birth = opts.learnerBirthDate ?? optStr(unhashed(['ext:birthDate', 'ext:dateOfBirth', 'birthDate', 'dateOfBirth']));
  const latin = opts.learnerNameLatin ?? optStr(unhashed(['ext:nameLatin']));

  const status: SealStatusEntry[] = [];
  for (const s of asArray(rec['credentialStatus'])) {
    const entry = s as Json;
    const purpose = entry['statusPurpose'];
    // Only the purposes a seal verifier acts on; `message`/`refresh` need the full record.
    if (entry['type'] !== 'BitstringStatusListEntry' || (purpose !== 'revocation' && purpose !== 'suspension')) continue;
    const index = Number(str(entry['statusListIndex'], 'credentialStatus.statusListIndex'));
    status.push({ purpose, list: str(entry['statusListCredential'], 'credentialStatus.statusListCredential'), index });
  }

  const claims: SealClaims = {
    credentialId,
    issuer,
    keyId,
    issuedAt: epochOf(rec['validFrom'], 'validFrom'),
    learnerName,
    achievements,
    kind,
  };
  if (rec['validUntil'] !== undefined) claims.expiresAt = epochOf(rec['validUntil'], 'validUntil');
  if (birth !== undefined) claims.learnerBirthDate = birth.slice(0, 10);
  if (latin !== undefined && latin !== learnerName) claims.learnerNameLatin = latin;
  if (status.length > 0) claims.status = status;
  if (session !== undefined) claims.session = session;
  if (opts.recordDigest) claims.recordDigest = digestFullRecord(rec);
  // The signing time travels so a verifier can judge the key window by it (DESIGN.md "Time"):
  // the seal is signed with the same key at the same time as the full record.
  const signedAt = opts.signedAt !== undefined ? Math.floor(opts.signedAt.getTime() / 1000) : proof?.['created'] !== undefined ? epochOf(proof['created'], 'proof.created') : undefined;
  if (signedAt !== undefined) claims.signedAt = signedAt;
  toWireSealClaims(claims); // validates against the claim schema
  return claims;
}

function entryOf(
  subject: Json,
  awardedDate: unknown,
  catalogue: CatalogueLike,
  langs: readonly string[] | undefined,
  path: string,
  noResult = false,
): SealAchievement {
  const a = obj(subject['achievement'], `${path}.achievement`);
  const id = optStr(a['id']);
  const code = lookup(catalogue, id, optStr(a['humanCode']));
  const entry: SealAchievement = code !== undefined ? { code } : { id: id ?? fail(`${path}.achievement.id`, 'missing'), name: nameMap(a, langs, path) };
  if (!noResult) {
    const results = asArray(subject['result']).filter((r): r is Json => typeof r === 'object' && r !== null);
    // Months completed and competency levels are results on their own result descriptions
    // (CLAIMS.md 8.7, 8.8, 8.9); the main value is the first result on any other.
    const rds = asArray(a['resultDescription']).filter((r): r is Json => typeof r === 'object' && r !== null);
    const roleOf = (r: Json): { role: 'months' | 'terms' | 'competency' | 'main'; index: number } => {
      const index = rds.findIndex((rd) => rd['id'] === r['resultDescription']);
      const rd = rds[index];
      if (typeof r['resultDescription'] === 'string' && r['resultDescription'].endsWith('/results/months-completed')) return { role: 'months', index };
      if (typeof r['resultDescription'] === 'string' && r['resultDescription'].endsWith('/results/terms-completed')) return { role: 'terms', index };
      return { role: rd?.['resultType'] === 'RubricCriterionLevel' ? 'competency' : 'main', index };
    };
    const hasValue = (r: Json) => typeof r['value'] === 'string' || typeof r['value'] === 'number';
    const value = results.find((r) => hasValue(r) && roleOf(r).role === 'main')?.['value'];
    if (value !== undefined) entry.value = String(value);
    const months = results.find((r) => hasValue(r) && roleOf(r).role === 'months')?.['value'];
    if (months !== undefined) entry.monthsCompleted = Number(months);
    const terms = results.find((r) => hasValue(r) && roleOf(r).role === 'terms')?.['value'];
    if (terms !== undefined) entry.termsCompleted = Number(terms);
    const competencies = results.filter((r) => typeof r['value'] === 'string' && roleOf(r).role === 'competency').map((r) => ({ index: roleOf(r).index, level: r['value'] as string }));
    if (competencies.length > 0) entry.competencies = competencies;
    const status = results.map((r) => r['status']).find((s) => SEAL_RESULT_STATUSES.includes(s as SealResultStatus));
    if (status !== undefined) entry.status = status as SealResultStatus;
  }
  if (awardedDate !== undefined) entry.awardedAt = epochOf(awardedDate, `${path}.awardedDate`);
  return entry;
}

function lookup(catalogue: CatalogueLike, id: string | undefined, humanCode: string | undefined): string | undefined {
  if (!Array.isArray(catalogue)) {
    const finder = catalogue as { findByAchievementId(id: string): { code: string } | undefined };
    return id === undefined ? undefined : finder.findByAchievementId(id)?.code;
  }
  const list = catalogue as readonly CatalogueEntryLike[];
  return (
    list.find((e) => e.id !== undefined && e.id === id)?.code ??
    list.find((e) => e.id === undefined && humanCode !== undefined && e.code === humanCode)?.code
  );
}

/** name/displayName as JSON-LD value objects ({@value, @language}) or a plain string in inLanguage. */
function nameMap(a: Json, langs: readonly string[] | undefined, path: string): Record<string, string> {
  const inLanguage = optStr(a['inLanguage']);
  const wanted = langs ?? [...new Set([inLanguage, 'en'].filter((l): l is string => l !== undefined))];
  const values: { lang: string | undefined; text: string }[] = [];
  for (const field of ['displayName', 'name']) {
    for (const v of asArray(a[field])) {
      if (typeof v === 'string') values.push({ lang: inLanguage, text: v });
      else if (typeof v === 'object' && v !== null && typeof (v as Json)['@value'] === 'string') {
        values.push({ lang: optStr((v as Json)['@language']) ?? inLanguage, text: (v as Json)['@value'] as string });
      }
    }
  }
  const out: Record<string, string> = {};
  for (const lang of wanted) {
    const hit = values.find((v) => v.lang === lang);
    if (hit) out[lang] = hit.text;
  }
  if (Object.keys(out).length === 0) {
    const first = values[0] ?? fail(`${path}.achievement.name`, 'an achievement outside the catalogue needs a name');
    out[first.lang ?? 'und'] = first.text;
  }
  return out;
}

function epochOf(v: unknown, path: string): number {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  if (Number.isNaN(ms)) fail(path, 'not a date-time');
  return Math.floor(ms / 1000);
}

function asArray(v: unknown): unknown[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}

function obj(v: unknown, path: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(path, 'expected an object');
  return v as Json;
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string' || v.length === 0) fail(path, 'expected a string');
  return v as string;
}

function optStr(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function fail(path: string, message: string): never {
  throw new SealError('SEAL_SOURCE_INVALID', `${path}: ${message}`, path);
}
