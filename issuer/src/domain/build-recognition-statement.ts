import { resultDescriptionIdOf, achievementIdOf } from '@lp/model';
import type { CatalogueAchievement } from '@lp/model';
import type { IssuerProfile } from '../store/index.ts';
import { buildAchievementCredential } from './build-achievement-credential.ts';
import { STATEMENT_EXPLANATION } from './recognition-catalogue.ts';
import type { CredentialEvidence, RecognitionDecision } from './z-recognition-decision.ts';

const LABEL_TEXT: Record<CredentialEvidence['label'], string> = {
  'national-examination-body': 'national examination body',
  'accredited-school': 'accredited school',
  'ngo-programme': 'non-formal / accelerated programme (NGO)',
  'assessment-based': 'assessment-based recognition',
  'self-declared': 'self-declared',
  'issuer-not-listed': 'issuer not in the trust bundle',
};

export interface BuildRecognitionStatementInput {
  id: string;
  profile: IssuerProfile;
  /** RECOGNITION-PLACEMENT, or its assessment-only twin when no paper survived. */
  entry: CatalogueAchievement;
  decision: RecognitionDecision;
  /** The placement country's name and the ISCED 2011 level of the grade (when a grade is given). */
  countryName: string;
  iscedLevel: string | undefined;
  validFrom: string;
  validUntil: string;
  baseUrl: string;
}

/**
 * The unsigned OB 3.0 AchievementCredential of a recognition statement, in the terms of the
 * VC 2.0 and OB 3.0 contexts only (any Open Badges verifier expands it): achievementType
 * "Assessment"; the placement, the subjects needing support and the language-of-instruction
 * support as Results on the entry's result descriptions (the placement first: it is the result
 * the QR seal carries); the ISCED 2011 level of the placement grade as an Alignment; what was
 * considered as VC 2.0 `evidence` (OB 3.0 Evidence: a credential by id with its digest, label and
 * verdict; documents sighted; the interview; placement tests with their result; the assessors);
 * `validUntil` for the statement's validity and the EQPR-style explanation as `description`.
 */
export function buildRecognitionStatement(input: BuildRecognitionStatementInput): Record<string, unknown> {
  const { decision: d, entry } = input;
  const p = d.placement;
  const placementValue = p.grade !== undefined ? String(p.grade) : p.programme!;
  const base = buildAchievementCredential({
    id: input.id,
    profile: input.profile,
    entry: { ...entry, ...(input.iscedLevel !== undefined ? { iscedLevel: input.iscedLevel } : {}) },
    subject: d.learner,
    result: { value: placementValue },
    validFrom: input.validFrom,
    baseUrl: input.baseUrl,
  });
  const achievementId = achievementIdOf(entry, input.baseUrl);
  const rdId = (key: string) => resultDescriptionIdOf({ id: key }, entry.resultDescriptions.findIndex((r) => r.id === key), achievementId);
  const subject = base.credentialSubject as Record<string, unknown>;
  const results = subject.result as Record<string, unknown>[];
  if (p.grade !== undefined && p.programme !== undefined) results.push({ type: ['Result'], resultDescription: rdId('placement'), value: p.programme });
  for (const s of d.support?.subjects ?? []) results.push({ type: ['Result'], resultDescription: rdId('learning-support'), value: s });
  if (d.support?.languageOfInstruction !== undefined) results.push({ type: ['Result'], resultDescription: rdId('language-support'), value: d.support.languageOfInstruction });

  const placed = p.grade !== undefined ? `Grade ${p.grade}${p.programme !== undefined ? ` (${p.programme})` : ''}` : p.programme!;
  const assessmentOnly = entry.code.endsWith('ASSESSMENT-ONLY');
  const achievement = subject.achievement as Record<string, unknown>;
  achievement.criteria = { narrative: criteriaOf(d, placed, input.countryName, input.validFrom, input.validUntil, assessmentOnly) };

  return {
    ...base,
    name: `Recognition statement: placement in ${placed}, ${input.countryName}${assessmentOnly ? ' (assessment only)' : ''}`,
    description: STATEMENT_EXPLANATION.en,
    validUntil: input.validUntil,
    evidence: evidenceOf(d),
  };
}

function evidenceOf(d: RecognitionDecision): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const c of d.evidence.credentials ?? []) {
    out.push({
      id: c.id,
      type: ['Evidence'],
      genre: 'Credential',
      name: c.name ?? `Credential ${c.id}`,
      // A credential that was not VALID is kept in the record of what was seen, and says so.
      description: `${LABEL_TEXT[c.label]}; verdict when considered: ${c.verdict}${c.verdict === 'VALID' ? '' : '; not relied on as completed learning'}`,
      digestMultibase: c.digest,
    });
  }
  for (const doc of d.evidence.documents ?? []) {
    out.push({ type: ['Evidence'], genre: 'Document sighted', name: doc.name, ...(doc.note !== undefined ? { narrative: doc.note } : {}) });
  }
  const i = d.evidence.interview;
  if (i) {
    out.push({
      type: ['Evidence'], genre: 'Interview', name: `Structured interview${i.date !== undefined ? ` on ${i.date}` : ''}`,
      ...(i.languages?.length ? { description: `Languages: ${i.languages.join(', ')}` } : {}),
      ...(i.note !== undefined ? { narrative: i.note } : {}),
    });
  }
  for (const t of d.evidence.placementTests ?? []) {
    out.push({ type: ['Evidence'], genre: 'Placement test', name: `Placement test: ${t.subject}`, description: `Result: ${t.result}${t.date !== undefined ? ` (${t.date})` : ''}` });
  }
  for (const a of d.assessors) {
    out.push({ type: ['Evidence'], genre: 'Assessor', name: a.name, ...(a.role !== undefined ? { description: a.role } : {}) });
  }
  return out;
}

function criteriaOf(d: RecognitionDecision, placed: string, country: string, from: string, until: string, assessmentOnly: boolean): string {
  const lines = [
    `Placed in ${placed} in ${country} on ${from.slice(0, 10)}, valid until ${until.slice(0, 10)}.`,
    assessmentOnly ? 'Assessment only: no document of prior learning survived; the placement rests on the interview and placement tests below.' : '',
    d.support?.subjects?.length ? `Learning support needed in: ${d.support.subjects.join(', ')}.` : '',
    d.support?.languageOfInstruction !== undefined ? `Support in the language of instruction: ${d.support.languageOfInstruction}.` : '',
    `Assessed by ${d.assessors.map((a) => a.role !== undefined ? `${a.name} (${a.role})` : a.name).join(' and ')}.`,
    d.note ?? '',
  ];
  return lines.filter((l) => l !== '').join('\n');
}
