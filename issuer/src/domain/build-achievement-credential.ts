import { z } from 'zod';
import { achievementFromCatalogue, resultRoleOf, ResultStatusTypeSchema, validateResultAgainstScale } from '@lp/model';
import type { CatalogueAchievement } from '@lp/model';
import { IssuerError } from '../errors.ts';
import type { IssuerProfile } from '../store/index.ts';
import { issuerOfCredential, OB_CONTEXT, VC_CONTEXT } from './issuer-profile-document.ts';

export const SubjectInputSchema = z.strictObject({
  /** Name as printed (any script). */
  name: z.string().trim().min(1).max(200),
  /** The same name in Latin letters, for documents read abroad. */
  nameLatin: z.string().trim().min(1).max(200).optional(),
  dateOfBirth: z.iso.date().optional(),
  candidateNumber: z.string().trim().min(1).max(64).optional(),
  /** The learner's DID or other URI, when known. */
  id: z.string().regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'expected a URI').max(500).optional(),
});
export type SubjectInput = z.infer<typeof SubjectInputSchema>;

export const ResultInputSchema = z.strictObject({
  value: z.union([z.string().trim().min(1).max(100), z.number().finite()]).optional(),
  status: ResultStatusTypeSchema.optional(),
  /** Months of the grade completed (a grade left part-way); the entry's months-completed scale bounds it. */
  monthsCompleted: z.number().int().min(0).max(12).optional(),
  /** Terms of the grade completed (a grade left part-way); the entry's terms-completed scale bounds it. */
  termsCompleted: z.number().int().min(0).max(4).optional(),
  /** Competency results without a grade: result description id (short key) → one of its rubric levels. */
  competencies: z.record(z.string().min(1).max(64), z.string().trim().min(1).max(40)).optional(),
});
export type ResultInput = z.infer<typeof ResultInputSchema>;

/**
 * The unsigned OB 3.0 AchievementCredential for one catalogue entry, learner and result: the
 * Achievement from `achievementFromCatalogue`, the learner as IdentityObjects (OB 3.0 §B.1.11,
 * unhashed: the name is what a school abroad reads), the result on the entry's first scale that is
 * not a Status scale, the status on its Status scale. Throws RESULT_OUT_OF_SCALE (path
 * `$.options.result.value`).
 */
export function buildAchievementCredential(input: {
  id: string;
  profile: IssuerProfile;
  entry: CatalogueAchievement;
  subject: SubjectInput;
  result?: ResultInput;
  session?: string;
  /** When the result was awarded: both validFrom and awardedDate (the signing time is proof.created). */
  validFrom: string;
  baseUrl: string;
}): Record<string, unknown> {
  const achievement = achievementFromCatalogue(input.entry, { baseUrl: input.baseUrl });
  const rds = achievement.resultDescription;
  const results: Record<string, unknown>[] = [];
  const value = input.result?.value;
  if (value !== undefined) {
    const i = input.entry.resultDescriptions.findIndex((rd) => resultRoleOf(rd) === 'main');
    if (i === -1) throw new IssuerError('RESULT_OUT_OF_SCALE', `achievement ${input.entry.code} has no scale for a result value`, '$.options.result.value');
    const issue = validateResultAgainstScale(input.entry.resultDescriptions[i]!, value, '$.options.result.value');
    if (issue) throw new IssuerError('RESULT_OUT_OF_SCALE', issue.message, issue.path);
    results.push({ type: ['Result'], resultDescription: rds[i]!.id, value: String(value) });
  }
  const status = input.result?.status;
  if (status !== undefined) {
    const i = input.entry.resultDescriptions.findIndex((rd) => rd.resultType === 'Status');
    if (i === -1 && results[0]) results[0].status = status;
    else results.push({ type: ['Result'], ...(i !== -1 ? { resultDescription: rds[i]!.id } : {}), status });
  }
  const months = input.result?.monthsCompleted;
  if (months !== undefined) {
    const i = input.entry.resultDescriptions.findIndex((rd) => resultRoleOf(rd) === 'months');
    if (i === -1) throw new IssuerError('MONTHS_NOT_RECORDED', `achievement ${input.entry.code} has no months-completed scale`, '$.options.result.monthsCompleted');
    const of = Number(input.entry.resultDescriptions[i]!.valueMax);
    if (months > of) throw new IssuerError('MONTHS_OUT_OF_RANGE', `${months} months completed, but ${input.entry.code} lasts ${of} months`, '$.options.result.monthsCompleted');
    results.push({ type: ['Result'], resultDescription: rds[i]!.id, value: String(months) });
  }
  const terms = input.result?.termsCompleted;
  if (terms !== undefined) {
    const i = input.entry.resultDescriptions.findIndex((rd) => resultRoleOf(rd) === 'terms');
    if (i === -1) throw new IssuerError('TERMS_NOT_RECORDED', `achievement ${input.entry.code} has no terms-completed scale`, '$.options.result.termsCompleted');
    const of = Number(input.entry.resultDescriptions[i]!.valueMax);
    if (terms > of) throw new IssuerError('TERMS_OUT_OF_RANGE', `${terms} terms completed, but ${input.entry.code} has ${of} terms`, '$.options.result.termsCompleted');
    results.push({ type: ['Result'], resultDescription: rds[i]!.id, value: String(terms) });
  }
  for (const [key, level] of Object.entries(input.result?.competencies ?? {})) {
    const path = `$.options.result.competencies.${key}`;
    const i = input.entry.resultDescriptions.findIndex((rd) => resultRoleOf(rd) === 'competency' && rd.id === key);
    if (i === -1) throw new IssuerError('COMPETENCY_UNKNOWN', `achievement ${input.entry.code} has no competency "${key}"`, path);
    const allowed = input.entry.resultDescriptions[i]!.allowedValues ?? [];
    if (!allowed.includes(level)) throw new IssuerError('COMPETENCY_UNKNOWN', `competency ${key}: "${level}" is not one of ${allowed.join(', ')}`, path);
    results.push({ type: ['Result'], resultDescription: rds[i]!.id, value: level });
  }
  const s = input.subject;
  const identifier: Record<string, unknown>[] = [{ type: 'IdentityObject', identityType: 'ext:name', hashed: false, identityHash: s.name }];
  if (s.nameLatin !== undefined) identifier.push({ type: 'IdentityObject', identityType: 'ext:nameLatin', hashed: false, identityHash: s.nameLatin });
  if (s.dateOfBirth !== undefined) identifier.push({ type: 'IdentityObject', identityType: 'ext:birthDate', hashed: false, identityHash: s.dateOfBirth });
  if (s.candidateNumber !== undefined) identifier.push({ type: 'IdentityObject', identityType: 'ext:candidateNumber', hashed: false, identityHash: s.candidateNumber });
  const credentialSubject: Record<string, unknown> = {
    ...(s.id !== undefined ? { id: s.id } : {}),
    type: ['AchievementSubject'],
    identifier,
    achievement,
    ...(results.length > 0 ? { result: results } : {}),
    ...(input.session !== undefined ? { term: input.session } : {}),
  };
  return {
    '@context': [VC_CONTEXT, OB_CONTEXT],
    id: input.id,
    type: ['VerifiableCredential', 'AchievementCredential'],
    name: achievement.name,
    description: achievement.description,
    issuer: issuerOfCredential(input.profile),
    validFrom: input.validFrom,
    awardedDate: input.validFrom,
    credentialSubject,
  };
}
