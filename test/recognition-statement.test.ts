// A recognition statement end to end, every part real: a Syrian examination body (issuer app on
// port 0, real SQLite) signs a Grade 6 result; a school in Jordan verifies it and a tampered copy,
// records its placement decision through POST /recognition/statements on its own issuer app; the
// learner's wallet code receives it with the pick-up code; another school verifies the full
// record and the seal and sees it in its summary as a placement, labelled assessment-based
// recognition, never as a completed grade. Then every bad decision, each with its code, and
// nothing stored changes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeSeal, sealQrVersion } from '@lp/formats';
import { catalogueLookupFromBundle, describeEvidence, suggestPlacement, summariseLearning, type EvidenceDescription } from '@lp/recognition';
import { buildTrustBundle, signTrustBundle, verifyTrustBundle, zTrustFragment, type VerifiedTrustBundle } from '@lp/trust';
import { verifyAny } from '@lp/verify';
import { createHolderKey, importCredential, memoryStorage, receivePickup, Vault } from '@lp/wallet';
import { ISSUE_FROM_CATALOGUE, T0, post, startTestIssuer, type TestIssuer } from '../issuer/test/issuer-helpers.ts';
import { party, type Party } from '../packages/verify/test/lib/make-world.ts';

const NOW = new Date(T0.getTime() + 3600_000);
let exams: TestIssuer;
let school: TestIssuer;
let anchor: Party;
let sequence = 0;

/** The regional anchor's bundle of both issuers as of `at` (their status lists exported then). */
async function bundleOf(issuers: TestIssuer[], at = NOW): Promise<VerifiedTrustBundle> {
  for (const i of issuers) i.setNow(at);
  const fragments = await Promise.all(issuers.map(async (i) => zTrustFragment.parse(await fetch(`${i.url}/trust/fragment`).then((r) => r.json()))));
  for (const i of issuers) i.setNow(T0);
  const payload = buildTrustBundle({ fragments, sequence: ++sequence, issuedAt: at.toISOString(), expires: new Date(at.getTime() + 90 * 86400_000).toISOString(), anchorDid: anchor.did });
  const verified = await verifyTrustBundle(await signTrustBundle(payload, anchor.keyPair), { anchors: [anchor.did], now: at });
  if (!verified.ok) throw new Error(`bundle refused: ${JSON.stringify(verified)}`);
  return verified;
}

const DECISION = {
  learner: { name: 'سامي ناصر', nameLatin: 'Sami Nasser', dateOfBirth: '2013-03-01' },
  placement: { country: 'JO', grade: 7 },
  support: { subjects: ['Mathematics'], languageOfInstruction: 'Arabic' },
  evidence: {
    documents: [{ name: 'School report, Grade 5 (Aleppo), photocopy' }],
    interview: { date: '2026-06-19', languages: ['ar'], note: 'Reads and writes Arabic fluently; missed most of Grade 6.' },
    placementTests: [{ subject: 'Mathematics', result: '11/20' }],
  },
  assessors: [{ name: 'Rana Khalil', role: 'Head of admissions' }, { name: 'Omar Saleh', role: 'Teacher who knows the Syrian curriculum' }],
};

beforeAll(async () => {
  anchor = await party(7);
  exams = await startTestIssuer({ init: { names: { en: 'Ministry of Education – Examinations', ar: 'وزارة التربية – الامتحانات' }, country: 'SY' } });
  school = await startTestIssuer({ init: { names: { en: 'Al-Nour Basic School', ar: 'مدرسة النور الأساسية' }, country: 'JO', kind: 'school' } });
}, 120_000);
afterAll(async () => {
  await exams?.stop();
  await school?.stop();
});

describe('a recognition statement: issued, received by the wallet, seen by another school', () => {
  let statement: { id: string; verifiableCredential: Record<string, any>; seal: string; pickup: { code: string; url: string }; warnings?: { code: string; path: string }[]; assessmentOnly: boolean; validUntil: string };
  let evidence: EvidenceDescription[];

  it('the first school verifies the records and issues its decision; the record not VALID is listed as seen, with a warning', async () => {
    const res = await post(exams, '/credentials/issue', { options: { ...ISSUE_FROM_CATALOGUE.options, subject: { name: 'سامي ناصر', nameLatin: 'Sami Nasser' } } });
    expect(res.status).toBe(201);
    const { verifiableCredential: record, seal } = (await res.json()) as { verifiableCredential: Record<string, any>; seal: string };
    const tampered = structuredClone(record);
    tampered.credentialSubject.result[0].value = '590';
    const bundle = await bundleOf([exams, school]);
    const results = [await verifyAny(record, { bundle, now: NOW }), await verifyAny(tampered, { bundle, now: NOW })];
    expect(results.map((r) => r.verdict)).toEqual(['VALID', 'INVALID']);
    const summary = summariseLearning({ results, now: NOW, catalogue: catalogueLookupFromBundle(bundle.bundle) });
    evidence = [record, tampered].map((input, i) => describeEvidence(input, results[i]!, summary.items[i])!);
    expect(evidence.map((e) => [e.id, e.label, e.verdict])).toEqual([[record.id, 'national-examination-body', 'VALID'], [record.id, 'national-examination-body', 'INVALID']]);
    expect(evidence[0]!.digest).toMatch(/^u[A-Za-z0-9_-]{46}$/);
    expect(evidence[1]!.digest).not.toBe(evidence[0]!.digest);
    // A seal is evidence too: its id read from claim 1, its digest over the seal text.
    const sealResult = await verifyAny(seal, { bundle, now: NOW });
    const fromSeal = describeEvidence(seal, sealResult, summariseLearning({ results: [sealResult], now: NOW }).items[0], decodeSeal(seal).claims.credentialId)!;
    expect([fromSeal.id, fromSeal.label, fromSeal.verdict]).toEqual([record.id, 'national-examination-body', 'VALID']);
    expect(describeEvidence(seal, sealResult, undefined)).toBeUndefined();

    const issued = await post(school, '/recognition/statements', { ...DECISION, evidence: { ...DECISION.evidence, credentials: evidence } });
    expect(issued.status).toBe(201);
    statement = (await issued.json()) as typeof statement;
    expect(statement.assessmentOnly).toBe(false);
    expect(statement.warnings).toEqual([expect.objectContaining({ code: 'EVIDENCE_NOT_VALID', path: '$.evidence.credentials[1]' })]);
    const vc = statement.verifiableCredential;
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
    expect(vc.type).toEqual(['VerifiableCredential', 'AchievementCredential']);
    expect(vc.name).toBe('Recognition statement: placement in Grade 7, Jordan');
    expect(vc.description).toContain('It is an assessment, not a diploma');
    expect(vc.validFrom).toBe('2026-06-20T09:00:00Z');
    expect(vc.validUntil).toBe('2031-06-20T23:59:59Z');
    const a = vc.credentialSubject.achievement;
    expect([a.achievementType, a.humanCode]).toEqual(['Assessment', 'RECOGNITION-PLACEMENT']);
    expect(a.alignment).toEqual([expect.objectContaining({ targetFramework: 'ISCED 2011', targetCode: '2' })]);
    expect(a.criteria.narrative).toContain('Assessed by Rana Khalil (Head of admissions) and Omar Saleh (Teacher who knows the Syrian curriculum).');
    expect(vc.credentialSubject.result.map((r: any) => [r.resultDescription.split('/results/')[1], r.value])).toEqual([['placement', '7'], ['learning-support', 'Mathematics'], ['language-support', 'Arabic']]);
    expect(vc.evidence.map((e: any) => [e.genre, e.id ?? e.name])).toEqual([
      ['Credential', record.id], ['Credential', record.id], ['Document sighted', 'School report, Grade 5 (Aleppo), photocopy'],
      ['Interview', 'Structured interview on 2026-06-19'], ['Placement test', 'Placement test: Mathematics'], ['Assessor', 'Rana Khalil'], ['Assessor', 'Omar Saleh'],
    ]);
    expect(vc.evidence[0]).toMatchObject({ digestMultibase: evidence[0]!.digest, description: 'national examination body; verdict when considered: VALID' });
    expect(vc.evidence[1].description).toBe('national examination body; verdict when considered: INVALID; not relied on as completed learning');
    // The seal: the catalogue code and the placement; its validity (claim 5) is the statement's.
    const claims = decodeSeal(statement.seal).claims;
    expect(claims.achievements).toEqual([expect.objectContaining({ code: 'RECOGNITION-PLACEMENT', value: '7' })]);
    expect(claims.expiresAt).toBe(Date.parse('2031-06-20T23:59:59Z') / 1000);
    // Within the one-result budget (version 15 at M); measured: 526 characters, version 14, with
    // the learner's Arabic name, its Latin spelling, two status entries and the validity claim.
    expect(sealQrVersion(statement.seal)).toBeLessThanOrEqual(15);
  });

  it('the learner\'s wallet receives it with the pick-up code (VALID), once', async () => {
    const bundle = await bundleOf([exams, school]);
    const holder = await createHolderKey();
    const vault = await Vault.create(memoryStorage(), { profile: 'sami', passphrase: 'learner pass', holder, now: NOW });
    const inputs = await receivePickup(statement.pickup.url);
    expect(inputs).toHaveLength(1);
    const outcome = await importCredential(vault, inputs[0]!, { bundle, now: NOW });
    expect([outcome.outcome, outcome.result.verdict]).toEqual(['added', 'VALID']);
    expect(vault.find(statement.id)).toMatchObject({ seal: statement.seal });
    await expect(receivePickup(statement.pickup.url)).rejects.toMatchObject({ code: 'PICKUP_USED' });
  });

  it('another school sees a placement in its summary, labelled assessment-based recognition, not a completed grade', async () => {
    // Weeks later, in another school, with the anchor's bundle of that day.
    const later = new Date('2026-07-10T10:00:00Z');
    const bundle = await bundleOf([exams, school], later);
    const results = [await verifyAny(statement.verifiableCredential, { bundle, now: later }), await verifyAny(statement.seal, { bundle, now: later })];
    expect(results.map((r) => [r.form, r.verdict])).toEqual([['di', 'VALID'], ['seal', 'VALID']]);
    const summary = summariseLearning({ results, now: later, catalogue: catalogueLookupFromBundle(bundle.bundle) });
    for (const item of summary.items) {
      expect(item).toMatchObject({ evidence: 'assessment-based', counted: false, notCounted: 'PLACEMENT_NOT_COMPLETION', achievement: { code: 'RECOGNITION-PLACEMENT' } });
      expect(item.placement).toMatchObject({ grade: 7, country: { iso2: 'JO' }, expired: false, assessmentOnly: false, text: 'placed in Grade 7 in Jordan on 2026-06-20, valid until 2031-06-20' });
    }
    expect(summary.items[0]!.placement!.support).toEqual({ subjects: ['Mathematics'], languageOfInstruction: 'Arabic' });
    expect(summary.highestCompleted).toBeUndefined();
    expect(summary.notCounted).toBe(0);
    expect(summary.placements.map((p) => p.text)).toEqual(['placed in Grade 7 in Jordan on 2026-06-20, valid until 2031-06-20', 'placed in Grade 7 in Jordan on 2026-06-20, valid until 2031-06-20']);
    // A statement is never completed learning: a suggestion over it alone rests on age.
    const s = suggestPlacement({ summary, birthDate: '2013-03-01', host: 'JO', now: later });
    expect(s.sentence).not.toContain('completed Grade 7');
  });

  it('an assessment-only statement (no paper survived) is labelled as such', async () => {
    const res = await post(school, '/recognition/statements', {
      ...DECISION, learner: { name: 'Nur Begum' }, support: undefined,
      evidence: { interview: { languages: ['rhg'] }, placementTests: [{ subject: 'Mathematics', result: '9/20' }, { subject: 'Arabic reading', result: 'beginner' }] },
      assessors: [{ name: 'Rana Khalil' }],
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as typeof statement;
    expect(body.assessmentOnly).toBe(true);
    expect(body.verifiableCredential.name).toBe('Recognition statement: placement in Grade 7, Jordan (assessment only)');
    const bundle = await bundleOf([exams, school]);
    const summary = summariseLearning({ results: [await verifyAny(body.seal, { bundle, now: NOW })], now: NOW, catalogue: catalogueLookupFromBundle(bundle.bundle) });
    expect(summary.items[0]).toMatchObject({ evidence: 'assessment-based', achievement: { code: 'RECOGNITION-PLACEMENT-ASSESSMENT-ONLY' }, placement: { assessmentOnly: true } });
    expect(summary.items[0]!.achievement.name).toBe('Recognition statement: placement from assessment only (no documents; not a diploma)');
  });
});

describe('POST /recognition/statements refuses bad decisions with their code, and stores nothing', () => {
  const cases: [string, number, string, unknown][] = [
    ['an unknown country', 422, 'COUNTRY_UNKNOWN', { ...DECISION, placement: { country: 'QQ', grade: 7 } }],
    ['another country than the school\'s', 422, 'PLACEMENT_INVALID', { ...DECISION, placement: { country: 'SY', grade: 7 } }],
    ['a grade Jordan does not have', 422, 'PLACEMENT_INVALID', { ...DECISION, placement: { country: 'JO', grade: 13 } }],
    ['a validity in the past', 422, 'VALIDITY_IN_PAST', { ...DECISION, validUntil: '2026-01-31' }],
    ['no assessor', 422, 'ASSESSOR_MISSING', { ...DECISION, assessors: [] }],
    ['three assessors', 422, 'ASSESSORS_TOO_MANY', { ...DECISION, assessors: [{ name: 'A' }, { name: 'B' }, { name: 'C' }] }],
    ['nothing considered', 422, 'EVIDENCE_MISSING', { ...DECISION, evidence: {} }],
    ['a decision date in the future', 422, 'DATE_IN_FUTURE', { ...DECISION, date: '2026-07-01' }],
    ['neither grade nor programme', 422, 'DECISION_INVALID', { ...DECISION, placement: { country: 'JO' } }],
    ['an evidence credential without its digest', 422, 'DECISION_INVALID', { ...DECISION, evidence: { credentials: [{ id: 'urn:uuid:1', label: 'accredited-school', verdict: 'VALID' }] } }],
  ];
  it.each(cases)('%s → %i %s', async (_label, status, code, body) => {
    const before = (await school.store.listAchievements()).length;
    const audit = school.store.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number };
    const res = await post(school, '/recognition/statements', body);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { code: string }).code).toBe(code);
    expect((await school.store.listAchievements()).length).toBe(before);
    expect(school.store.db.prepare('SELECT COUNT(*) AS n FROM audit_log').get()).toEqual(audit);
  });

  it('without an API key → 401, nothing issued', async () => {
    const res = await fetch(`${school.url}/recognition/statements`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DECISION) });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('UNAUTHORIZED');
  });
});
