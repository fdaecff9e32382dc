import { z } from 'zod';

const age = z.coerce.number().int().min(3).max(20);
const years = z.coerce.number().int().min(1).max(10);
const optional = <T extends z.ZodType>(s: T) => z.union([z.literal('').transform(() => undefined), s]);

/** One row of data/education-systems.csv (header names as in the file). */
export const zEducationSystemRow = z.strictObject({
  iso3: z.string().regex(/^[A-Z]{3}$/),
  iso2: z.string().regex(/^[A-Z]{2}$/),
  name_en: z.string().min(1),
  primary_entrance_age: age,
  primary_duration: years,
  lower_secondary_entrance_age: optional(age),
  lower_secondary_duration: optional(years),
  upper_secondary_entrance_age: optional(age),
  upper_secondary_duration: optional(years),
  reference_year: z.coerce.number().int().min(1970).max(2100),
  school_year_start_month: optional(z.coerce.number().int().min(1).max(12)),
  grade_isced_map: z.string().regex(/^$|^\d+-\d+:[123](;\d+-\d+:[123])*$/),
  source_id: z.string().min(1),
});
export type EducationSystemRow = z.output<typeof zEducationSystemRow>;

/** A school level of ISCED 2011 as a run of national grades. */
export interface SchoolLevel {
  level: 1 | 2 | 3;
  entranceAge: number;
  firstGrade: number;
  lastGrade: number;
  years: number;
}

/** One country's school structure: entrance ages, durations, grade ↔ ISCED level, with sources. */
export interface EducationSystem {
  iso2: string;
  iso3: string;
  name: string;
  /** Primary, lower secondary, upper secondary; fewer when the source lacks secondary values. */
  levels: SchoolLevel[];
  /** All three school levels are known (221 of 224 rows). */
  complete: boolean;
  referenceYear: number;
  schoolYearStartMonth: number | undefined;
  sourceIds: string[];
}
