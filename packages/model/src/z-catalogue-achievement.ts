import { z } from 'zod';
import { isIscedFieldCode, isIscedLevelCode } from './isced-codes.ts';
import { AchievementTypeSchema, ResultTypeSchema } from './z-ob3-enums.ts';
import { LanguageMapSchema, LanguageTagSchema } from './z-language-map.ts';
import { UriSchema } from './z-primitives.ts';

/** Scale bounds are strings in OB 3.0 (§B.1.15); a catalogue may write them as numbers. */
const ScaleValueSchema = z.union([z.string().min(1), z.number().finite()]).transform((v) => String(v));

/** A decimal number as OB scale strings write them ("600", "2.5", "-1"). */
export const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * One result scale of a catalogue achievement. `id` is a full URI or a short key resolved
 * under the achievement id (`score` → `<achievement>/results/score`).
 */
export const CatalogueResultDescriptionSchema = z
  .strictObject({
    id: z.union([UriSchema, z.string().regex(/^[A-Za-z0-9._-]+$/)]).optional(),
    name: z.string().min(1).optional(),
    names: LanguageMapSchema.optional(),
    resultType: ResultTypeSchema,
    valueMin: ScaleValueSchema.optional(),
    valueMax: ScaleValueSchema.optional(),
    requiredValue: ScaleValueSchema.optional(),
    allowedValues: z.array(z.string().min(1)).min(1).optional(),
  })
  .superRefine((rd, ctx) => {
    if (rd.name === undefined && rd.names === undefined) {
      ctx.addIssue({ code: 'custom', message: 'result description needs name or names', path: ['names'] });
    }
    for (const key of ['valueMin', 'valueMax'] as const) {
      const v = rd[key];
      if (v !== undefined && !DECIMAL.test(v)) ctx.addIssue({ code: 'custom', message: `${key} must be a number`, path: [key] });
    }
    const min = rd.valueMin !== undefined && DECIMAL.test(rd.valueMin) ? Number(rd.valueMin) : undefined;
    const max = rd.valueMax !== undefined && DECIMAL.test(rd.valueMax) ? Number(rd.valueMax) : undefined;
    if (min !== undefined && max !== undefined && min > max) {
      ctx.addIssue({ code: 'custom', message: 'valueMin is greater than valueMax', path: ['valueMin'] });
    }
    const req = rd.requiredValue;
    if (req !== undefined && rd.allowedValues !== undefined && !rd.allowedValues.includes(req)) {
      ctx.addIssue({ code: 'custom', message: 'requiredValue is not one of allowedValues', path: ['requiredValue'] });
    } else if (req !== undefined && rd.allowedValues === undefined && (min !== undefined || max !== undefined)) {
      const n = DECIMAL.test(req) ? Number(req) : Number.NaN;
      if (Number.isNaN(n) || (min !== undefined && n < min) || (max !== undefined && n > max)) {
        ctx.addIssue({ code: 'custom', message: 'requiredValue is outside valueMin..valueMax', path: ['requiredValue'] });
      }
    }
  });
export type CatalogueResultDescription = z.output<typeof CatalogueResultDescriptionSchema>;

/**
 * The short id of the result description that records a partly completed grade: how many months
 * of it the learner completed, on a scale from 0 to the grade's length in months (`valueMax`).
 * A plain OB 3.0 Result on a ResultDescription, so every Open Badges verifier reads it.
 */
export const MONTHS_COMPLETED_RESULT_ID = 'months-completed';

/**
 * The short id of the result description that records a partly completed grade in terms (school
 * systems that report by term or semester rather than by month): how many terms the learner
 * completed, from 0 to the grade's length in terms (`valueMax`, 1 to 4).
 */
export const TERMS_COMPLETED_RESULT_ID = 'terms-completed';

/**
 * What kind of result a result description carries: the main result (the one `value` of a row or
 * an issue request), months completed of a grade, or one competency judged on its own rubric
 * levels (OB 3.0 RubricCriterionLevel) without a grade.
 */
export function resultRoleOf(rd: Pick<CatalogueResultDescription, 'id' | 'resultType'>): 'status' | 'months' | 'terms' | 'competency' | 'main' {
  if (rd.resultType === 'Status') return 'status';
  if (rd.id === MONTHS_COMPLETED_RESULT_ID || rd.id?.endsWith(`/results/${MONTHS_COMPLETED_RESULT_ID}`)) return 'months';
  if (rd.id === TERMS_COMPLETED_RESULT_ID || rd.id?.endsWith(`/results/${TERMS_COMPLETED_RESULT_ID}`)) return 'terms';
  if (rd.resultType === 'RubricCriterionLevel') return 'competency';
  return 'main';
}

/**
 * The national school grades an achievement stands for: one grade (from = to) for a regular
 * grade, a condensed range for an accelerated education programme level ("AEP Level 2 = Grades
 * 3–4"). The country is ISO 3166-1 alpha-2; the grades are checked against the school-system
 * dataset by the issuer that loads the catalogue.
 */
export const NationalGradesSchema = z
  .strictObject({
    country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code (e.g. SS)'),
    from: z.number().int().min(1).max(13),
    to: z.number().int().min(1).max(13),
  })
  .refine((g) => g.from <= g.to, { message: 'from is after to', path: ['to'] });
export type NationalGrades = z.output<typeof NationalGradesSchema>;

/**
 * An entry of the issuer's achievement catalogue (DESIGN.md "trust bundle": code →
 * multilingual name, description, ISCED 2011 level, ISCED-F field, result scale). The QR seal
 * carries only `code`; the verifier finds the rest here. `achievementFromCatalogue` turns an
 * entry into the OB 3.0 Achievement of the full credential.
 */
export const CatalogueAchievementSchema = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, {
    message: 'code must be 1-64 letters, digits, dot, underscore or hyphen',
  }),
  id: UriSchema.optional(),
  achievementType: AchievementTypeSchema,
  names: LanguageMapSchema,
  descriptions: LanguageMapSchema.optional(),
  /** Multilingual criteria narrative (OB 3.0 Criteria.narrative). */
  criteria: LanguageMapSchema.optional(),
  iscedLevel: z.string().refine(isIscedLevelCode, { message: 'Not an ISCED 2011 level code' }).optional(),
  iscedField: z.string().refine(isIscedFieldCode, { message: 'Not an ISCED-F 2013 field code' }).optional(),
  languageOfAssessment: LanguageTagSchema.optional(),
  resultDescriptions: z.array(CatalogueResultDescriptionSchema),
  /** Notional learning hours (OB 3.0 Achievement.creditsAvailable carries them). */
  notionalHours: z.number().finite().min(0, 'notional hours cannot be negative').max(100_000).optional(),
  /** The national grades this achievement stands for (an OB 3.0 Alignment in the credential). */
  nationalGrades: NationalGradesSchema.optional(),
}).superRefine((e, ctx) => {
  e.resultDescriptions.forEach((rd, i) => {
    if (resultRoleOf(rd) === 'months' && (rd.valueMax === undefined || !/^([1-9]|1[0-2])$/.test(rd.valueMax))) {
      ctx.addIssue({ code: 'custom', message: 'months completed needs valueMax: the grade\'s length in months, 1 to 12', path: ['resultDescriptions', i, 'valueMax'] });
    }
    if (resultRoleOf(rd) === 'terms' && (rd.valueMax === undefined || !/^[1-4]$/.test(rd.valueMax))) {
      ctx.addIssue({ code: 'custom', message: 'terms completed needs valueMax: the grade\'s length in terms, 1 to 4', path: ['resultDescriptions', i, 'valueMax'] });
    }
    if (resultRoleOf(rd) === 'competency' && rd.allowedValues === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a competency (RubricCriterionLevel) needs allowedValues: its levels, lowest first', path: ['resultDescriptions', i, 'allowedValues'] });
    }
  });
});
export type CatalogueAchievement = z.output<typeof CatalogueAchievementSchema>;
/** What a catalogue file may hold before parsing (numbers allowed for scale bounds). */
export type CatalogueAchievementInput = z.input<typeof CatalogueAchievementSchema>;
