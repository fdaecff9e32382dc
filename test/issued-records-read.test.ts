// Records we issue now (OB 3.0 terms only) and records we issued with the old Learning Passport
// context both verify in our pipeline, and the verifier display and the seal read each from its
// own fields: name + inLanguage + ISCED alignment for the first, displayName and
// languageOfAssessment for the second.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import { createSealClaims } from '@lp/formats';
import { checkProfile } from '@lp/model';
import { verifyFullRecordWithTrust } from '../packages/verify/src/index.ts';
import { ACHIEVEMENT_ID, CATALOGUE_ENTRY, forbidNetwork, makeWorld } from '../packages/verify/test/lib/make-world.ts';
import type { World } from '../packages/verify/test/lib/make-world.ts';
import { buildGrade9, signGrade9 } from './lib/issued-grade9.ts';

const OLD = new URL('./fixtures/issued-2026-lp-v1-context-grade9.json', import.meta.url);
const LP_V1 = 'https://w3id.org/learning-passport/v1';
const NAMES = CATALOGUE_ENTRY.names as Record<string, string>;
type Json = Record<string, any>;

let world: World;
let net: ReturnType<typeof forbidNetwork>;
let current: Json;
let old: Json;
beforeAll(async () => {
  net = forbidNetwork();
  world = await makeWorld();
  current = await signGrade9(await buildGrade9());
  old = JSON.parse(fs.readFileSync(OLD, 'utf8')) as Json;
}, 300_000);
afterAll(() => {
  net.restore();
  expect(net.calls).toEqual([]);
});

/** The same achievement outside the bundle's catalogue: the display has only the record to read. */
const outsideCatalogue = (c: Json) => {
  c.credentialSubject.achievement.id = 'https://exams.moe.example/achievements/other';
  c.credentialSubject.achievement.humanCode = 'OTHER';
};

describe('records of both generations verify here', () => {
  it('the record issued now has no term outside VC 2.0 / OB 3.0.3 and is VALID', async () => {
    expect(current['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    const r = await verifyFullRecordWithTrust(current, world.ctx({ lang: 'fr' }));
    expect(r.verdict).toBe('VALID');
    expect(r.display?.achievements[0]).toMatchObject({
      code: 'BECE-MATH', name: { text: NAMES.fr, lang: 'fr' }, original: { text: NAMES.ar, lang: 'ar', dir: 'rtl' }, levelCode: '244', result: '452',
    });
  });

  it('the record issued with the old context stays VALID, with the same display', async () => {
    expect(old['@context']).toContain(LP_V1);
    const r = await verifyFullRecordWithTrust(old, world.ctx({ lang: 'fr' }));
    expect(r.verdict).toBe('VALID');
    expect(r.display?.achievements[0]).toMatchObject({
      code: 'BECE-MATH', name: { text: NAMES.fr, lang: 'fr' }, original: { text: NAMES.ar, lang: 'ar', dir: 'rtl' }, levelCode: '244', result: '452',
    });
  });

  it('a changed byte of the old record is still caught (INVALID)', async () => {
    const bad = structuredClone(old);
    bad.credentialSubject.achievement.languageOfAssessment = 'en';
    expect((await verifyFullRecordWithTrust(bad, world.ctx())).verdict).toBe('INVALID');
  });
});

describe('outside the catalogue the display reads the record itself', () => {
  it('now: name in inLanguage, ISCED level from the OB 3.0 alignment', async () => {
    const rec = await signGrade9(await buildGrade9(outsideCatalogue));
    const r = await verifyFullRecordWithTrust(rec, world.ctx({ lang: 'fr' }));
    expect(r.display?.achievements[0]).toMatchObject({
      code: undefined, name: { text: NAMES.ar, lang: 'ar' }, original: { text: NAMES.ar, lang: 'ar', dir: 'rtl' }, levelCode: '244',
    });
  });

  it('old: names in other languages from displayName, the original from languageOfAssessment', async () => {
    const unsigned = structuredClone(old);
    delete unsigned.proof;
    outsideCatalogue(unsigned);
    // The catalogue language was English first, so the old issuer wrote the plain name in English.
    unsigned.credentialSubject.achievement.name = NAMES.en;
    unsigned.credentialSubject.achievement.inLanguage = 'en';
    const rec = await signGrade9(unsigned);
    const r = await verifyFullRecordWithTrust(rec, world.ctx({ lang: 'fr' }));
    expect(r.display?.achievements[0]).toMatchObject({
      code: undefined, name: { text: NAMES.fr, lang: 'fr' }, original: { text: NAMES.ar, lang: 'ar', dir: 'rtl' }, levelCode: '244',
    });
  });
});

describe('the seal reads both', () => {
  it('in the catalogue: its code and the session from the standard `term`', () => {
    for (const rec of [current, old]) {
      const claims = createSealClaims(rec, [{ code: 'BECE-MATH', id: ACHIEVEMENT_ID }]);
      expect(claims.achievements).toEqual([expect.objectContaining({ code: 'BECE-MATH', value: '452', status: 'Completed' })]);
      expect(claims.session).toBe('2024-06');
    }
  });

  it('outside the catalogue: the name in inLanguage now, every wanted language of displayName before', () => {
    expect(createSealClaims(current, []).achievements[0]).toMatchObject({ id: ACHIEVEMENT_ID, name: { ar: NAMES.ar } });
    expect(createSealClaims(old, []).achievements[0]).toMatchObject({ id: ACHIEVEMENT_ID, name: { ar: NAMES.ar, en: NAMES.en } });
  });
});

it('the profile check passes both without warnings', () => {
  for (const rec of [current, old]) expect(checkProfile(rec)).toMatchObject({ status: 'pass', details: { warnings: [] } });
});
