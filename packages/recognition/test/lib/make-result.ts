// Verification results as the pipeline (@lp/verify) returns them, for the pure-function tests:
// the issuer as a trust bundle lists it (country, kind), one achievement with its ISCED level,
// award date and result on its scale. End-to-end tests sign real records instead.
import type { TrustIssuerKind } from '@lp/trust';
import type { VerificationResult } from '@lp/verify';
import type { Verdict } from '@lp/model';
import type { CatalogueLookup } from '../../src/index.ts';

export interface ResultSpec {
  verdict?: Verdict;
  country: string;
  kind?: TrustIssuerKind;
  issuer?: string;
  issuerName?: string;
  code: string;
  name?: string;
  levelCode?: string;
  field?: string;
  /** A national grade stated by the full record (nationalGradeLevel). */
  grade?: string;
  awardedAt?: string;
  value?: string;
  status?: string;
  min?: string;
  max?: string;
  required?: string;
  allowed?: string[];
  /** What the verification display gives from the catalogue or the record (non-formal and interrupted learning). */
  nationalGrades?: { country: string; from: number; to: number };
  partial?: { monthsCompleted: number; monthsInGrade: number | undefined };
  partialTerms?: { termsCompleted: number; termsInGrade: number | undefined };
  competencies?: { name: string; level: string; levels?: string[] }[];
  notionalHours?: number;
  /** Who the record names; default a learner called "Learner". */
  learner?: { name?: string; nameLatin?: string; birthDate?: string };
}

/** Fields by catalogue code, as the bundle's catalogue would give them. */
const fields = new Map<string, string>();
export const catalogue: CatalogueLookup = (_issuer, code) => (fields.has(code) ? { iscedField: fields.get(code) } : undefined);

export function result(spec: ResultSpec): VerificationResult {
  if (spec.field) fields.set(spec.code, spec.field);
  const issuer = spec.issuer ?? `did:web:${spec.code.toLowerCase()}.example`;
  return {
    verdict: spec.verdict ?? 'VALID',
    checks: [],
    form: 'di',
    display: {
      learner: spec.learner ? { name: undefined, ...spec.learner } : { name: 'Learner' },
      issuer: { id: issuer, name: { text: spec.issuerName ?? `Issuer of ${spec.code}`, lang: 'en', dir: 'ltr' }, country: spec.country, kind: spec.kind ?? 'national-examination-body', listed: true },
      achievements: [{
        code: spec.code,
        name: { text: spec.name ?? spec.code, lang: 'en', dir: 'ltr' },
        original: undefined,
        level: undefined,
        levelCode: spec.levelCode,
        result: spec.value ?? spec.status,
        resultStatus: spec.status,
        resultScale: spec.min !== undefined || spec.allowed ? {
          resultType: spec.allowed ? 'LetterGrade' : 'RawScore',
          ...(spec.min !== undefined ? { valueMin: spec.min } : {}),
          ...(spec.max !== undefined ? { valueMax: spec.max } : {}),
          ...(spec.required !== undefined ? { requiredValue: spec.required } : {}),
          ...(spec.allowed ? { allowedValues: spec.allowed } : {}),
        } : undefined,
        ...(spec.awardedAt ? { awardedAt: new Date(spec.awardedAt).toISOString() } : {}),
        ...(spec.nationalGrades ? { nationalGrades: spec.nationalGrades } : {}),
        ...(spec.partial ? { partial: spec.partial } : {}),
        ...(spec.partialTerms ? { partialTerms: spec.partialTerms } : {}),
        ...(spec.notionalHours !== undefined ? { notionalHours: spec.notionalHours } : {}),
        ...(spec.competencies ? { competencies: spec.competencies.map((c) => ({ name: { text: c.name, lang: 'en', dir: 'ltr' as const }, level: c.level, levels: c.levels })) } : {}),
      }],
      issuedAt: spec.awardedAt ? new Date(spec.awardedAt).toISOString() : undefined,
      bundle: undefined,
      statusAsOf: undefined,
    },
    ...(spec.grade !== undefined ? { credential: { credentialSubject: { achievement: { nationalGradeLevel: spec.grade } } } } : {}),
  };
}
