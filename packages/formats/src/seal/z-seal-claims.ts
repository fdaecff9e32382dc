import { z } from 'zod';
import { SealError } from './seal-error.ts';
import { precheckWireClaims } from './lib/precheck-wire-claims.ts';
import { bytesToUuidUrn, uuidUrnToBytes } from './lib/uuid.ts';

/**
 * Seal claims: the named form callers use, and the integer-keyed wire form (CLAIMS.md) that is
 * CBOR-encoded inside the COSE_Sign1 payload. Parsing the wire form with zod is the pipeline's
 * `parse` step for a seal.
 */

/** OB 3.0 ResultStatusType, in wire order (claim 8.3 carries the index). */
export const SEAL_RESULT_STATUSES = [
  'Completed',
  'Enrolled',
  'Failed',
  'InProgress',
  'OnHold',
  'Provisional',
  'Withdrew',
] as const;
export type SealResultStatus = (typeof SEAL_RESULT_STATUSES)[number];

/** Claim 10, in wire order. */
export const SEAL_KINDS = ['AchievementCredential', 'ClrCredential'] as const;
export type SealKind = (typeof SEAL_KINDS)[number];

/** Claim 9.1, in wire order (Bitstring Status List statusPurpose). */
export const SEAL_STATUS_PURPOSES = ['revocation', 'suspension'] as const;
export type SealStatusPurpose = (typeof SEAL_STATUS_PURPOSES)[number];

export interface SealAchievement {
  /** Code in the issuer's achievement catalogue (trust bundle); absent → `id` and `name`. */
  code?: string;
  /** Achievement id (URL) when not in the catalogue. */
  id?: string;
  /** Achievement name by language tag when not in the catalogue. */
  name?: Record<string, string>;
  /** Result value as in the record (OB 3.0 Result.value, a string). */
  value?: string;
  status?: SealResultStatus;
  /** awardedDate, epoch seconds. */
  awardedAt?: number;
  /** Months completed of a grade left part-way (the result on the entry's months-completed scale). */
  monthsCompleted?: number;
  /** Terms completed of a grade left part-way (the result on the entry's terms-completed scale). */
  termsCompleted?: number;
  /**
   * Competency results without a grade: the index of the result description in the achievement's
   * `resultDescription` list (= the catalogue entry's order) and the rubric level as written.
   */
  competencies?: { index: number; level: string }[];
}

export interface SealStatusEntry {
  purpose: SealStatusPurpose;
  /** statusListCredential URL. */
  list: string;
  /** statusListIndex. */
  index: number;
}

export interface SealClaims {
  credentialId: string;
  issuer: string;
  /** Full verification method id (the wire form drops the issuer prefix when it can). */
  keyId: string;
  /** validFrom, epoch seconds. */
  issuedAt: number;
  /** validUntil, epoch seconds. */
  expiresAt?: number;
  learnerName: string;
  /** YYYY-MM-DD. */
  learnerBirthDate?: string;
  /**
   * The name in Latin letters, when claim 6 is written in another script: a school abroad must
   * match the seal against a passport or UNHCR document, which spell it in Latin letters.
   */
  learnerNameLatin?: string;
  achievements: SealAchievement[];
  status?: SealStatusEntry[];
  kind: SealKind;
  session?: string;
  /** First 16 bytes of SHA-256 of the full record (see digestFullRecord). */
  recordDigest?: Uint8Array;
  /**
   * When the key signed (the full record's proof.created), epoch seconds. The key's validity
   * window bounds this, never claim 4: validFrom may be an award date decades before the key.
   */
  signedAt?: number;
}

const text = (max: number) => z.string().min(1).max(max);
const epoch = z.number().int().min(0).max(2 ** 40);
const bytes16 = z.instanceof(Uint8Array).refine((b) => b.length === 16, 'expected 16 bytes');
const LANG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;
/** Canonical decimal integers travel as CBOR numbers (2 to 5 bytes instead of a string). */
const CANONICAL_INT = /^(0|[1-9][0-9]{0,8})$/;

const zWireAchievement = z
  .strictObject({
    '1': text(64).optional(),
    // Number first: most results travel as CBOR uints, and a union pays for each branch that fails.
    '2': z.union([z.number().int().min(0).max(999_999_999), text(64)]).optional(),
    '3': z.number().int().min(0).max(SEAL_RESULT_STATUSES.length - 1).optional(),
    '4': text(512).optional(),
    '5': z
      .record(z.string().regex(LANG, 'expected a BCP 47 language tag'), text(256))
      .refine((m) => Object.keys(m).length >= 1 && Object.keys(m).length <= 8, '1 to 8 languages')
      .optional(),
    '6': epoch.optional(),
    '7': z.number().int().min(0).max(12).optional(),
    '8': z.array(z.tuple([z.number().int().min(0).max(63), text(40)])).min(1).max(16).optional(),
    '9': z.number().int().min(0).max(4).optional(),
  })
  .superRefine((a, ctx) => {
    if (a['8'] !== undefined && a['1'] === undefined) {
      ctx.addIssue({ code: 'custom', message: 'competency results need a catalogue code (they name its result descriptions)', path: ['8'] });
    }
    if (a['1'] !== undefined) {
      if (a['4'] !== undefined || a['5'] !== undefined) {
        ctx.addIssue({ code: 'custom', message: 'a catalogue code excludes id and name', path: ['4'] });
      }
    } else if (a['4'] === undefined || a['5'] === undefined) {
      ctx.addIssue({ code: 'custom', message: 'without a catalogue code, id and name are required', path: ['1'] });
    }
  });

const zWireStatus = z.strictObject({
  '1': z.number().int().min(0).max(SEAL_STATUS_PURPOSES.length - 1),
  '2': text(512),
  '3': z.number().int().min(0).max(2 ** 32 - 1),
});

/** The decoded claims map (integer keys as strings after CBOR → object), CLAIMS.md. */
export const zWireSealClaims = z
  .strictObject({
    '1': z.union([bytes16, text(256)]),
    '2': text(256),
    '3': text(256),
    '4': epoch,
    '5': epoch.optional(),
    '6': text(256),
    '7': z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD').optional(),
    '8': z.array(zWireAchievement).min(1).max(32),
    '9': z.array(zWireStatus).min(1).max(4).optional(),
    '10': z.number().int().min(0).max(SEAL_KINDS.length - 1),
    '11': text(64).optional(),
    '12': bytes16.optional(),
    '13': epoch.optional(),
    '14': text(256).optional(),
  })
  .superRefine((c, ctx) => {
    if (c['5'] !== undefined && c['5'] <= c['4']) {
      ctx.addIssue({ code: 'custom', message: 'expires must be after issued at', path: ['5'] });
    }
    if (c['10'] === 0 && c['8'].length !== 1) {
      ctx.addIssue({ code: 'custom', message: 'an AchievementCredential seal has one achievement', path: ['8'] });
    }
  });
export type WireSealClaims = z.infer<typeof zWireSealClaims>;

/**
 * Validates the plain-object form of the claims map and returns the named claims. Throws
 * SealError SEAL_CLAIMS_INVALID whose `path` is the claim path, e.g. `8.0.5`.
 */
export function parseWireSealClaims(input: unknown): SealClaims {
  const result = zWireSealClaims.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({
      path: i.path.map(String).join('.'),
      code: i.code,
      message: i.message,
    }));
    const first = issues[0]!;
    throw new SealError(
      'SEAL_CLAIMS_INVALID',
      `seal claim ${first.path || '(root)'}: ${first.message}`,
      first.path,
      { issues },
    );
  }
  return fromWire(result.data);
}

function fromWire(w: WireSealClaims): SealClaims {
  const issuer = w['2'];
  const claims: SealClaims = {
    credentialId: typeof w['1'] === 'string' ? w['1'] : bytesToUuidUrn(w['1']),
    issuer,
    keyId: resolveKeyId(w['3'], issuer),
    issuedAt: w['4'],
    learnerName: w['6'],
    achievements: w['8'].map((a) => {
      const out: SealAchievement = {};
      if (a['1'] !== undefined) out.code = a['1'];
      if (a['4'] !== undefined) out.id = a['4'];
      if (a['5'] !== undefined) out.name = { ...a['5'] };
      if (a['2'] !== undefined) out.value = String(a['2']);
      if (a['3'] !== undefined) out.status = SEAL_RESULT_STATUSES[a['3']]!;
      if (a['6'] !== undefined) out.awardedAt = a['6'];
      if (a['7'] !== undefined) out.monthsCompleted = a['7'];
      if (a['9'] !== undefined) out.termsCompleted = a['9'];
      if (a['8'] !== undefined) out.competencies = a['8'].map(([index, level]) => ({ index, level }));
      return out;
    }),
    kind: SEAL_KINDS[w['10']]!,
  };
  if (w['5'] !== undefined) claims.expiresAt = w['5'];
  if (w['7'] !== undefined) claims.learnerBirthDate = w['7'];
  if (w['9'] !== undefined) {
    claims.status = w['9'].map((s) => ({ purpose: SEAL_STATUS_PURPOSES[s['1']]!, list: s['2'], index: s['3'] }));
  }
  if (w['11'] !== undefined) claims.session = w['11'];
  if (w['12'] !== undefined) claims.recordDigest = w['12'];
  if (w['13'] !== undefined) claims.signedAt = w['13'];
  if (w['14'] !== undefined) claims.learnerNameLatin = w['14'];
  return claims;
}

/**
 * The integer-keyed map to CBOR-encode (CLAIMS.md). Validates through the same schema as
 * decoding, so whatever encodes also decodes; throws SealError SEAL_CLAIMS_INVALID otherwise.
 */
export function toWireSealClaims(c: SealClaims): Map<number, unknown> {
  const m = new Map<number, unknown>();
  m.set(1, uuidUrnToBytes(c.credentialId) ?? c.credentialId);
  m.set(2, c.issuer);
  m.set(3, c.keyId.startsWith(`${c.issuer}#`) ? c.keyId.slice(c.issuer.length) : c.keyId);
  m.set(4, c.issuedAt);
  if (c.expiresAt !== undefined) m.set(5, c.expiresAt);
  m.set(6, c.learnerName);
  if (c.learnerBirthDate !== undefined) m.set(7, c.learnerBirthDate);
  m.set(
    8,
    c.achievements.map((a) => {
      const e = new Map<number, unknown>();
      if (a.code !== undefined) e.set(1, a.code);
      if (a.value !== undefined) e.set(2, CANONICAL_INT.test(a.value) ? Number(a.value) : a.value);
      if (a.status !== undefined) e.set(3, indexIn(SEAL_RESULT_STATUSES, a.status, 'achievements.status'));
      if (a.id !== undefined) e.set(4, a.id);
      if (a.name !== undefined) e.set(5, new Map(Object.entries(a.name)));
      if (a.awardedAt !== undefined) e.set(6, a.awardedAt);
      if (a.monthsCompleted !== undefined) e.set(7, a.monthsCompleted);
      if (a.competencies !== undefined && a.competencies.length > 0) e.set(8, a.competencies.map((c) => [c.index, c.level]));
      if (a.termsCompleted !== undefined) e.set(9, a.termsCompleted);
      return e;
    }),
  );
  if (c.status !== undefined && c.status.length > 0) {
    m.set(
      9,
      c.status.map(
        (s) =>
          new Map<number, unknown>([
            [1, indexIn(SEAL_STATUS_PURPOSES, s.purpose, 'status.purpose')],
            [2, s.list],
            [3, s.index],
          ]),
      ),
    );
  }
  m.set(10, indexIn(SEAL_KINDS, c.kind, 'kind'));
  if (c.session !== undefined) m.set(11, c.session);
  if (c.recordDigest !== undefined) m.set(12, c.recordDigest);
  if (c.signedAt !== undefined) m.set(13, c.signedAt);
  if (c.learnerNameLatin !== undefined) m.set(14, c.learnerNameLatin);
  // The shapes a catalogue issuance writes are decided on the map itself (precheckWireClaims
  // passes only what the schema passes). Otherwise: createSealClaims validates the claims it
  // returns, and encodeSeal, given the same claims next, would run the schema again (measured:
  // ~8 % of a bulk row's CPU). Claims whose JSON text equals the last claims that passed give the
  // same map, so they pass again. Not with a record digest: its bytes and a plain object of the
  // same numbers read alike in JSON.
  if (precheckWireClaims(m)) return m;
  const text = c.recordDigest === undefined ? JSON.stringify(c) : undefined;
  if (text === undefined || text !== lastValidClaims) {
    parseWireSealClaims(cborMapsToObjects(m));
    lastValidClaims = text;
  }
  return m;
}

let lastValidClaims: string | undefined;

function indexIn(list: readonly string[], value: string, path: string): number {
  const i = list.indexOf(value);
  if (i < 0) throw new SealError('SEAL_CLAIMS_INVALID', `seal claim ${path}: unknown value ${JSON.stringify(value)}`, path);
  return i;
}

/** `#fragment` → issuer + `#fragment` (DID Core §3.2: a relative DID URL). */
export function resolveKeyId(keyId: string, issuer: string): string {
  return keyId.startsWith('#') ? `${issuer}${keyId}` : keyId;
}

/**
 * cborg (useMaps) gives Maps; the schema reads plain objects. A map's keys must be all
 * integers (claim maps) or all text that does not look like an integer (language maps), so a
 * text-keyed map can never pass for a claim map. Depth is already bounded by scanCbor.
 */
export function cborMapsToObjects(value: unknown, path = ''): unknown {
  if (Array.isArray(value)) return value.map((v, i) => cborMapsToObjects(v, `${path}${path ? '.' : ''}${i}`));
  if (!(value instanceof Map)) return value;
  const entries: [string, unknown][] = [];
  let kind: 'int' | 'text' | undefined;
  for (const [k, v] of value) {
    const keyKind = typeof k === 'number' && Number.isInteger(k) ? 'int' : typeof k === 'string' && !/^-?\d+$/.test(k) ? 'text' : undefined;
    if (keyKind === undefined || (kind !== undefined && keyKind !== kind)) {
      throw new SealError('SEAL_CLAIMS_INVALID', `seal claim ${path || '(root)'}: map keys must be all integers or all language tags`, path);
    }
    kind = keyKind;
    const key = String(k);
    entries.push([key, cborMapsToObjects(v, `${path}${path ? '.' : ''}${key}`)]);
  }
  return Object.fromEntries(entries);
}
