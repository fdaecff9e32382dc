import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { z } from 'zod';
import {
  AchievementCredentialSchema,
  ClrCredentialSchema,
  VerifiableCredentialSchema,
  checkProfile,
  detectCredentialKind,
  type CredentialKind,
} from '../src/index.ts';
import { precheckLanguageValues, precheckProfile } from '../src/lib/precheck-profile.ts';
import { LanguageValuesSchema } from '../src/z-language-map.ts';

// The profile pre-check answers "certainly valid" or "ask zod". Held to the zod schemas on
// generated OB 3.0 / CLR 2.0 / VC 2.0 credentials (valid ones, and mutations of them: wrong types,
// missing and extra fields, bad dates, one value vs a list, unicode, objects that are not plain
// JSON) and on every credential in the repository: it never says valid where zod rejects, and
// checkProfile with it gives the same Check as zod alone. LP_FUZZ_RUNS sets the count (default
// 10,000), LP_FUZZ_SEED replays a run.
const RUNS = Number(process.env.LP_FUZZ_RUNS ?? 10_000);
const SEED = process.env.LP_FUZZ_SEED === undefined ? undefined : Number(process.env.LP_FUZZ_SEED);

const SCHEMAS: Record<CredentialKind, z.ZodType> = {
  ClrCredential: ClrCredentialSchema,
  AchievementCredential: AchievementCredentialSchema,
  OpenBadgeCredential: AchievementCredentialSchema,
  VerifiableCredential: VerifiableCredentialSchema,
};
const KINDS = Object.keys(SCHEMAS) as CredentialKind[];

const tally = { inputs: 0, zodValid: 0, precheckValid: 0, languageValues: 0 };

/** The two properties, for one input; returns whether the pre-check passed it as its own kind. */
function holdsToZod(input: unknown): boolean {
  for (const kind of KINDS) {
    if (precheckProfile(input, kind) && !SCHEMAS[kind].safeParse(input).success) {
      throw new Error(`pre-check passed what zod rejects as ${kind}: ${JSON.stringify(input)?.slice(0, 400)}`);
    }
  }
  // Every list inside, as a multilingual displayName (checkLpProfile's warnings read them).
  const lists = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    if (precheckLanguageValues(v)) {
      if (!LanguageValuesSchema.safeParse(v).success) throw new Error(`pre-check passed language values zod rejects: ${JSON.stringify(v)}`);
      tally.languageValues++;
    }
    for (const x of Object.values(v)) lists(x);
  };
  lists(input);
  const byZod = checkProfile(input, { precheck: false });
  expect(checkProfile(input)).toEqual(byZod);
  const fast = precheckProfile(input, detectCredentialKind(input) ?? 'VerifiableCredential');
  tally.inputs++;
  if (byZod.status === 'pass') tally.zodValid++;
  if (fast) tally.precheckValid++;
  return fast;
}

const V2 = 'https://www.w3.org/ns/credentials/v2';
const OB = ['https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json', 'https://purl.imsglobal.org/spec/ob/v3p0/context.json'];
const CLR = ['https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json', 'https://purl.imsglobal.org/spec/clr/v2p0/context.json'];
const EXTRA_CONTEXTS = ['https://w3id.org/learning-passport/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json', 'https://www.w3.org/ns/credentials/status/v1'];

const text = fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.constantFrom('الرياضيات', 'Математика', 'e\u0301', '🎓', ' '));
const uri = fc.oneof(
  fc.tuple(fc.constantFrom('https://exams.moe.example/', 'http://a.example/x/', 'https://purl.example/ach#'), fc.string({ maxLength: 6 })).map(([b, p]) => `${b}${encodeURIComponent(p)}`),
  fc.uuid().map((u) => `urn:uuid:${u}`),
  fc.constantFrom('did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK', 'did:web:exams.moe.example', 'urn:lp:ach:1'),
);
const dateTime = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString(), d.toISOString().replace('.000Z', 'Z'), d.toISOString().replace(/\.\d+Z$/, '+02:00')));
/** A `type` holding `term`: the term alone, or a list with it and others. */
const typeWith = (...terms: string[]) =>
  fc.oneof(
    terms.length === 1 ? fc.constant<unknown>(terms[0]!) : fc.constant<unknown>(terms),
    fc.array(fc.constantFrom('Extra', 'ext:Thing'), { maxLength: 2 }).map((more) => [...terms, ...more]),
  );
/** Mostly one of `valid`, now and then `bad` (a value outside an enumeration). */
const mostly = (valid: string[], bad: string) => fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 8 }, { arbitrary: fc.constant(bad), weight: 1 });
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
/** Drops keys whose value is undefined, as JSON would. */
const json = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const profile = fc.record({ id: uri, type: typeWith('Profile'), name: opt(text), url: opt(uri), email: opt(text) }).map(json);
const alignment = fc
  .record({
    type: typeWith('Alignment'),
    targetName: text,
    targetUrl: uri,
    targetCode: opt(fc.constantFrom('2', '0541', 'x')),
    targetFramework: opt(fc.constantFrom('ISCED 2011', 'ISCED-F 2013', 'Other')),
    targetType: opt(mostly(['CFItem', 'ext:Level', 'ceasn:Competency'], 'NotATargetType')),
  })
  .map(json);
const resultDescription = fc
  .record({
    id: uri,
    type: typeWith('ResultDescription'),
    name: text,
    resultType: mostly(['ScaledScore', 'LetterGrade', 'ext:Band'], 'NotAResultType'),
    allowedValue: opt(fc.array(fc.constantFrom('A', 'B', 'C'), { maxLength: 3 })),
    valueMin: opt(fc.constantFrom('0', '1')),
    valueMax: opt(fc.constantFrom('100', '20')),
    rubricCriterionLevel: opt(fc.array(fc.record({ id: uri, type: typeWith('RubricCriterionLevel'), name: text, points: opt(fc.constantFrom('1', '2')) }).map(json), { maxLength: 2 })),
    alignment: opt(fc.array(alignment, { maxLength: 2 })),
  })
  .map(json);
const displayName = fc.array(
  fc
    .record({
      '@value': text,
      '@language': mostly(['ar', 'en', 'fr-CA', 'zh-Hant-TW', 'x-private', 'i-klingon', 'EN'], 'not a tag'),
      '@direction': opt(mostly(['ltr', 'rtl'], 'auto')),
    })
    .map(json),
  { maxLength: 3 },
);
const achievement = fc
  .record({
    id: uri,
    type: typeWith('Achievement'),
    name: text,
    description: text,
    criteria: fc.oneof(fc.record({ narrative: text }), fc.record({ id: uri }), fc.record({ id: uri, narrative: text })),
    achievementType: opt(mostly(['Course', 'ext:SchoolReport', 'Diploma'], 'NotAType')),
    alignment: opt(fc.array(alignment, { maxLength: 2 })),
    creator: opt(profile),
    creditsAvailable: opt(fc.double({ min: 0, max: 60, noNaN: true })),
    inLanguage: opt(fc.constantFrom('ar', 'en', 'fr-CA')),
    displayName: opt(displayName),
    resultDescription: opt(fc.array(resultDescription, { maxLength: 2 })),
    tag: opt(fc.array(text, { maxLength: 3 })),
    version: opt(text),
  })
  .map(json);
const identityObject = fc
  .record({ type: fc.constant('IdentityObject'), hashed: fc.boolean(), identityHash: text, identityType: mostly(['name', 'studentId', 'ext:NationalId'], 'passport'), salt: opt(text) })
  .map(json);
const result = fc
  .record({ type: typeWith('Result'), resultDescription: opt(uri), value: opt(fc.constantFrom('A', '87', '12.5')), status: opt(mostly(['Completed', 'Enrolled'], 'Done')), achievedLevel: opt(uri) })
  .map(json);
const statusEntry = fc.oneof(
  fc
    .record({
      id: opt(uri),
      type: fc.constant('BitstringStatusListEntry'),
      statusPurpose: fc.constantFrom('revocation', 'suspension'),
      statusListIndex: fc.nat({ max: 131071 }).map(String),
      statusListCredential: uri,
    })
    .map(json),
  fc.record({ id: uri, type: fc.constant('1EdTechRevocationList') }),
);
const proof = fc
  .record({
    type: fc.constant('DataIntegrityProof'),
    cryptosuite: fc.constant('eddsa-rdfc-2022'),
    created: dateTime,
    verificationMethod: fc.oneof(uri, uri.map((id) => ({ id }))),
    proofPurpose: fc.constant('assertionMethod'),
    proofValue: fc.constant('z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKTSkyCePJh8W3Aj9'),
    domain: opt(fc.oneof(text, fc.array(text, { maxLength: 2 }))),
  })
  .map(json);
const vcCommon = {
  validUntil: opt(dateTime),
  credentialStatus: opt(fc.oneof(statusEntry, fc.array(statusEntry, { minLength: 1, maxLength: 2 }))),
  credentialSchema: opt(fc.record({ id: uri, type: fc.constant('1EdTechJsonSchemaValidator2019') })),
  evidence: opt(fc.array(fc.record({ type: typeWith('Evidence'), id: opt(uri) }).map(json), { minLength: 1, maxLength: 2 })),
  termsOfUse: opt(fc.record({ type: fc.constant('TrustFrameworkPolicy') })),
  proof: opt(fc.oneof(proof, fc.array(proof, { minLength: 1, maxLength: 2 }))),
};
const contexts = (profileContexts: string[]) =>
  fc.tuple(fc.constantFrom(...profileContexts), fc.subarray(EXTRA_CONTEXTS)).map(([p, more]) => [V2, p, ...more]);

const obCredential = fc
  .record({
    '@context': contexts(OB),
    id: uri,
    type: fc.constantFrom<unknown>(['VerifiableCredential', 'AchievementCredential'], ['VerifiableCredential', 'OpenBadgeCredential'], ['VerifiableCredential', 'OpenBadgeCredential', 'AchievementCredential']),
    name: text,
    description: opt(text),
    issuer: profile,
    validFrom: dateTime,
    awardedDate: opt(dateTime),
    credentialSubject: fc
      .record({
        id: fc.option(uri, { nil: undefined, freq: 6 }),
        type: typeWith('AchievementSubject'),
        achievement,
        identifier: opt(fc.array(identityObject, { maxLength: 2 })),
        result: opt(fc.array(result, { maxLength: 3 })),
        creditsEarned: opt(fc.double({ min: 0, max: 60, noNaN: true })),
        activityEndDate: opt(dateTime),
        term: opt(text),
      })
      .map(json),
    ...vcCommon,
  })
  .map(json);
const clrCredential = fc
  .record({
    '@context': contexts(CLR),
    id: uri,
    type: fc.constant<unknown>(['VerifiableCredential', 'ClrCredential']),
    name: text,
    issuer: profile,
    validFrom: dateTime,
    partial: opt(fc.boolean()),
    credentialSubject: fc
      .record({
        id: fc.option(uri, { nil: undefined, freq: 6 }),
        type: typeWith('ClrSubject'),
        identifier: opt(fc.array(identityObject, { maxLength: 1 })),
        achievement: opt(fc.array(achievement, { maxLength: 1 })),
        verifiableCredential: fc.array(obCredential, { minLength: 1, maxLength: 2 }),
        association: opt(fc.array(fc.record({ type: typeWith('Association'), associationType: mostly(['isChildOf', 'isPartOf'], 'isFriendOf'), sourceId: uri, targetId: uri }), { maxLength: 2 })),
      })
      .map(json),
    ...vcCommon,
  })
  .map(json);
const vcCredential = fc
  .record({
    '@context': fc.subarray(['https://www.w3.org/ns/credentials/examples/v2', ...EXTRA_CONTEXTS]).map((more) => [V2, ...more]),
    id: opt(uri),
    type: typeWith('VerifiableCredential'),
    name: opt(fc.oneof(text, fc.constant(''), fc.constant<unknown>([{ '@value': 'x', '@language': 'en' }]), fc.constant<unknown>({ '@value': 'x', '@language': 'en' }))),
    issuer: fc.oneof(uri, fc.record({ id: uri, name: opt(text) }).map(json)),
    credentialSubject: fc.oneof(fc.record({ id: opt(uri), degree: opt(text) }).map(json), fc.array(fc.record({ id: opt(uri) }).map(json), { minLength: 1, maxLength: 2 })),
    validFrom: opt(dateTime),
    relatedResource: opt(fc.constant([{ id: 'https://a.example/x', digestSRI: 'sha384-abc' }])),
    ...vcCommon,
  })
  .map(json);

class NotJson {
  constructor(public id = 'urn:x') {}
}
const hostileValue = fc.oneof(
  fc.constantFrom<unknown>(
    null, 0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, true, false, '', ' ', 'x', 'urn:x', 'not a uri', 'http://a b',
    '2024-13-01T00:00:00Z', '2024-02-30T00:00:00Z', '2024-01-01T00:00:00', '2024-01-01T24:00:00Z', '2024-01-01T00:00:60Z', '2024-01-01T00:00:00+14:00',
    '2024-01-01T00:00:00+14:01', '10000-01-01T00:00:00Z', '2024-01-01t00:00:00z', 'ext:Custom', 'ext:', 'Profile', 'Achievement', 'Result',
    'IdentityObject', 'BitstringStatusListEntry', 'VerifiableCredential', 'Completed', 'isChildOf', '007', '12', 'ٱلعربية', '\u0000', '\ud800', 'e\u0301',
    V2, OB[0], CLR[0], 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.x.json',
  ),
  fc.constant({}),
  fc.constant([]),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.double(),
  fc.integer(),
  fc.array(fc.constantFrom<unknown>('VerifiableCredential', 'AchievementCredential', 'ClrCredential', 'Profile', 1, null), { maxLength: 3 }),
  fc.constant(new Date('2024-01-01T00:00:00Z')),
  fc.constant(new NotJson()),
  fc.constant({ '@value': 'x', '@language': 'ar' }),
  fc.constant({ '@value': 'x', '@language': 'not a tag' }),
);
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '@context', 'type', 'id', 'name', 'identifier', 'relatedResource', 'statusSize', 'displayName', '@type'),
  fc.string({ maxLength: 6 }),
);
const OPS = ['delete', 'set', 'set', 'wrap', 'unwrap', 'empty', 'extra', 'nullProto', 'classProto', 'duplicate', 'sparse'] as const;
const mutation = fc.record({ at: fc.nat(), op: fc.constantFrom(...OPS), value: hostileValue, key: hostileKey });

type Slot = { parent: Record<string | number, unknown>; key: string | number };
function slotsOf(root: unknown): Slot[] {
  const out: Slot[] = [];
  const walk = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return;
    for (const key of Object.keys(v)) {
      out.push({ parent: v as Record<string, unknown>, key: Array.isArray(v) ? Number(key) : key });
      walk((v as Record<string, unknown>)[key]);
    }
  };
  walk(root);
  return out;
}

// JSON.parse of this realm: structuredClone would make objects of another realm, which the
// pre-check (rightly) leaves to zod.
const jsonCopy = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

/** A fresh copy of a generated value, so that no two documents (or slots) share an object. */
function fresh(v: unknown): unknown {
  if (v instanceof NotJson) return Object.assign(new NotJson(), v);
  if (v instanceof Date) return new Date(v.getTime());
  return typeof v === 'object' && v !== null ? jsonCopy(v) : v;
}

function mutate(original: unknown, mutations: readonly { at: number; op: (typeof OPS)[number]; value: unknown; key: string }[]): unknown {
  const doc = { root: jsonCopy(original) };
  for (const m of mutations) {
    const slots: Slot[] = [{ parent: doc as unknown as Record<string, unknown>, key: 'root' }, ...slotsOf(doc.root)];
    const { parent, key } = slots[m.at % slots.length]!;
    const v = parent[key];
    switch (m.op) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(key as number, 1);
        else delete parent[key];
        break;
      case 'set':
        parent[key] = fresh(m.value);
        break;
      case 'wrap':
        parent[key] = [v];
        break;
      case 'unwrap':
        parent[key] = Array.isArray(v) ? v[0] : v;
        break;
      case 'empty':
        parent[key] = Array.isArray(v) ? [] : typeof v === 'string' ? '' : {};
        break;
      case 'extra':
        // As JSON.parse makes it: an own property even for '__proto__'.
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) Object.defineProperty(v, m.key, { value: fresh(m.value), enumerable: true, writable: true, configurable: true });
        break;
      case 'nullProto':
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) parent[key] = Object.assign(Object.create(null) as object, v);
        break;
      case 'classProto':
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) parent[key] = Object.assign(new NotJson(), v);
        break;
      case 'duplicate':
        if (Array.isArray(v) && v.length > 0) v.push(fresh(v[0]));
        break;
      case 'sparse':
        if (Array.isArray(v)) v.length += 1;
        break;
    }
  }
  return doc.root;
}

const generated = fc
  .tuple(fc.oneof({ arbitrary: obCredential, weight: 3 }, { arbitrary: clrCredential, weight: 1 }, { arbitrary: vcCredential, weight: 2 }), fc.oneof({ arbitrary: fc.constant([]), weight: 3 }, { arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }), weight: 7 }))
  .map(([credential, mutations]) => mutate(credential, mutations));

function jsonFilesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFilesUnder(path);
    return name.endsWith('.json') ? [path] : [];
  });
}

describe('profile pre-check', () => {
  it(`agrees with zod on ${RUNS} generated OB 3.0 / CLR 2.0 / VC credentials, valid and mutated`, () => {
    const before = { ...tally };
    fc.assert(fc.property(generated, (input) => void holdsToZod(input)), { numRuns: RUNS, seed: SEED });
    const inputs = tally.inputs - before.inputs;
    const zodValid = tally.zodValid - before.zodValid;
    const precheckValid = tally.precheckValid - before.precheckValid;
    // Not vacuous either way: many inputs are valid, many are not, and the pre-check decides
    // most of the valid ones itself.
    expect(zodValid).toBeGreaterThan(inputs * 0.2);
    expect(inputs - zodValid).toBeGreaterThan(inputs * 0.2);
    expect(precheckValid).toBeGreaterThan(zodValid * 0.6);
    expect(tally.languageValues - before.languageValues).toBeGreaterThan(RUNS / 10);
  });

  it('agrees with zod on every credential in the repository (fixtures, 1EdTech, DCC, W3C vectors)', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url));
    const files = [
      ...jsonFilesUnder(join(root, 'test/fixtures')),
      ...jsonFilesUnder(join(root, 'test/vectors')),
      ...jsonFilesUnder(join(root, 'packages/formats/test/vectors')),
      ...jsonFilesUnder(join(root, 'packages/status/test/vectors')),
    ];
    expect(files.length).toBeGreaterThan(50);
    let credentials = 0;
    let fast = 0;
    for (const file of files) {
      const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
      // A file may hold one credential, a presentation, or a list of test cases holding them.
      const candidates: unknown[] = [];
      const collect = (v: unknown, depth: number) => {
        if (typeof v !== 'object' || v === null || depth > 6) return;
        if (detectCredentialKind(v) !== undefined) candidates.push(v);
        for (const x of Object.values(v)) collect(x, depth + 1);
      };
      collect(doc, 0);
      for (const c of candidates) {
        credentials++;
        if (holdsToZod(c)) fast++;
        // Without its proof too: as the signature suites see it.
        if (typeof c === 'object' && c !== null && 'proof' in c) {
          const { proof: _proof, ...bare } = c as Record<string, unknown>;
          holdsToZod(bare);
        }
      }
    }
    expect(credentials).toBeGreaterThan(40);
    expect(fast).toBeGreaterThan(credentials * 0.5);
  });

  it('passes the valid shapes it models, and leaves every failure to zod', () => {
    const grade9 = JSON.parse(readFileSync(fileURLToPath(new URL('../../../test/fixtures/example-achievement-credential-grade9-math.json', import.meta.url)), 'utf8')) as Record<string, any>;
    expect(precheckProfile(grade9, 'AchievementCredential')).toBe(true);
    expect(checkProfile(grade9).code).toBe('PROFILE_VALID');
    for (const bad of [
      { ...grade9, validFrom: '2024-02-30' },
      { ...grade9, issuer: grade9.issuer.id },
      { ...grade9, credentialSubject: [grade9.credentialSubject] },
      { ...grade9, name: '' },
    ]) {
      expect(precheckProfile(bad, 'AchievementCredential')).toBe(false);
      const check = checkProfile(bad);
      expect(check.code).toBe('PROFILE_INVALID');
      expect(check).toEqual(checkProfile(bad, { precheck: false }));
    }
    // Valid, but in a form the pre-check does not model: zod decides, and passes it.
    const inline = { ...grade9, '@context': [...grade9['@context'], { extra: 'https://example.org/extra' }] };
    expect(precheckProfile(inline, 'AchievementCredential')).toBe(false);
    expect(checkProfile(inline).code).toBe('PROFILE_VALID');
  });
});
