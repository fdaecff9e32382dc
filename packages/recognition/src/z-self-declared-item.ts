import { z } from 'zod';
import { isIscedFieldCode, isIscedLevelCode } from '@lp/model';

/**
 * Learning the school types in from what the learner or family says, with no credential behind
 * it. Always labelled self-declared; it counts only as the policy allows, and always with a
 * placement test.
 */
export const zSelfDeclaredItem = z.strictObject({
  /** ISO 3166-1 alpha-2 or alpha-3 code of the country where it was learned. */
  country: z.string().regex(/^[A-Za-z]{2,3}$/, 'expected an ISO 3166-1 alpha-2 or alpha-3 code'),
  /** The national grade completed (Grade 1 = first year of primary). */
  grade: z.number().int().min(0).max(15).optional(),
  iscedLevel: z.string().refine(isIscedLevelCode, { message: 'not an ISCED 2011 level code' }).optional(),
  iscedField: z.string().refine(isIscedFieldCode, { message: 'not an ISCED-F 2013 field code' }).optional(),
  /** When it was completed: YYYY-MM or YYYY-MM-DD. */
  date: z.string().regex(/^\d{4}-\d\d(-\d\d)?$/, 'expected YYYY-MM or YYYY-MM-DD').optional(),
  school: z.string().min(1).max(200).optional(),
  achievement: z.string().min(1).max(200).optional(),
  note: z.string().max(1000).optional(),
}).refine((i) => i.grade !== undefined || i.iscedLevel !== undefined, { message: 'give the grade or the ISCED level', path: ['grade'] });
export type SelfDeclaredItem = z.input<typeof zSelfDeclaredItem>;
