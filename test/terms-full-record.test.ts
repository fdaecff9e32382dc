// A grade left part-way and counted in terms, end to end: a catalogue with a terms-completed scale
// and a results row with terms_completed, read by the issuer, built, signed (Data Integrity) and
// sealed; the full record and the seal verified through a trust bundle give the same display, and
// the learner summary shows the grade as not completed.
import { describe, expect, it } from '@jest/globals';
import { sign } from '@lp/crypto';
import { createSealClaims, encodeSeal, signCredentialDi } from '@lp/formats';
import { summariseLearning } from '@lp/recognition';
import { buildTrustBundle, signTrustBundle, verifyTrustBundle, type TrustFragment } from '@lp/trust';
import { verifyAny } from '@lp/verify';
import { buildAchievementCredential, checkRowsAgainstCatalogue, parseCatalogueFile, readResultsCsv } from '../issuer/src/index.ts';
import { documentLoader, party } from '../packages/verify/test/lib/make-world.ts';

const NOW = new Date('2025-01-15T12:00:00Z');
const BASE = 'https://school.example.sy';
const CATALOGUE = [
  'code,achievementType,iscedLevel,notionalHours,nationalGrades,name_en,resultType,resultId,resultName,valueMin,valueMax,requiredValue,allowedValues',
  'SY-P5,Certificate,1,,SY:5,Primary Grade 5 (three terms),Status,status,Grade status,,,,',
  'SY-P5,,,,,,Result,terms-completed,Terms of Grade 5 completed,0,3,,',
].join('\n');
const RESULTS = [
  'candidate_number,name,name_latin,date_of_birth,achievement_code,result,awarded_date,terms_completed',
  'DMS-P5-0007,Rania Haddad,Rania Haddad,2013-02-10,SY-P5,Withdrew,2024-04-10,2',
].join('\n');

describe('terms completed of a grade, from the CSV to the summary', () => {
  it('full record and seal both show 2 of 3 terms; the summary does not count the grade', async () => {
    const anchor = await party(41);
    const school = await party(42);
    const catalogue = parseCatalogueFile(CATALOGUE, 'csv');
    const read = readResultsCsv(new TextEncoder().encode(RESULTS), { now: NOW });
    const checked = checkRowsAgainstCatalogue(read.rows, catalogue, { achievement: 'achievement_code', result: 'result' });
    expect([...read.issues, ...checked.issues]).toEqual([]);
    const row = checked.rows[0]!;
    expect(row.result).toEqual({ status: 'Withdrew', termsCompleted: 2 });

    const profile = { id: school.did, names: { en: 'Damascus Primary School 7' }, country: 'SY', didMethod: 'key' as const, createdAt: '2024-01-01T00:00:00Z' };
    const credential = buildAchievementCredential({
      id: 'urn:uuid:0b6f0c0e-4a1d-4b8e-9b1c-3f2e5d7a9c11', profile, entry: row.entry,
      subject: { name: row.data.name, dateOfBirth: row.data.dateOfBirth, candidateNumber: row.data.candidateNumber },
      result: row.result, validFrom: `${row.data.awardedDate}T00:00:00Z`, baseUrl: BASE,
    });
    const full = await signCredentialDi(credential, { keyPair: school.keyPair, verificationMethod: school.vm, documentLoader, created: new Date('2024-12-02T09:00:00Z') });
    const claims = createSealClaims(full, catalogue.map((e) => ({ code: e.code, id: `${BASE}/achievements/${e.code}` })));
    const seal = await encodeSeal(claims, { sign: (b) => sign(school.keyPair.secretKey, b), kid: claims.keyId });

    const fragment: TrustFragment = {
      type: 'LearningPassportTrustFragment', version: 1, exportedAt: '2025-01-01T00:00:00Z', id: school.did,
      names: { en: 'Damascus Primary School 7' }, country: 'SY', kind: 'school',
      keys: [{ id: school.vm, publicKeyMultibase: school.did.slice('did:key:'.length), validFrom: '2024-01-01T00:00:00Z' }],
      catalogue: { achievements: catalogue as never }, statusLists: [],
    };
    const payload = buildTrustBundle({ fragments: [fragment], sequence: 1, issuedAt: '2025-01-14T00:00:00Z', expires: '2025-04-01T00:00:00Z', anchorDid: anchor.did });
    const v = await verifyTrustBundle(await signTrustBundle(payload, anchor.keyPair), { anchors: [anchor.did], now: NOW });
    if (!v.ok) throw new Error(v.message);
    const { ok: _ok, ...bundle } = v;

    const ctx = { bundle, now: NOW, lang: 'en' };
    const record = await verifyAny(full, ctx);
    const sealed = await verifyAny(seal, ctx);
    expect([record.verdict, sealed.verdict]).toEqual(['VALID', 'VALID']);
    for (const r of [record, sealed]) {
      expect(r.display!.achievements[0]).toMatchObject({ code: 'SY-P5', resultStatus: 'Withdrew', partialTerms: { termsCompleted: 2, termsInGrade: 3 } });
    }
    const summary = summariseLearning({ results: [record], now: NOW });
    expect(summary.items[0]).toMatchObject({ counted: false, notCounted: 'PARTIAL_COMPLETION', partialTerms: { termsCompleted: 2, termsInGrade: 3 } });
    expect(summary.highestCompleted).toBeUndefined();
  });
});
