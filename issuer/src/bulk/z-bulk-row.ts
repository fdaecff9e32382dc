import { z } from 'zod';

/**
 * The columns of a results CSV (README "Bulk issuance"): header name → field. Headers match
 * case-insensitively, with spaces, hyphens and underscores alike (`Candidate Number` =
 * `candidate_number`).
 */
export const BULK_COLUMNS = {
  candidate_number: 'candidateNumber',
  name: 'name',
  name_latin: 'nameLatin',
  date_of_birth: 'dateOfBirth',
  achievement_code: 'achievementCode',
  result: 'result',
  learner_id: 'learnerId',
  awarded_date: 'awardedDate',
  months_completed: 'monthsCompleted',
  terms_completed: 'termsCompleted',
  competencies: 'competencies',
} as const;
export type BulkColumn = keyof typeof BULK_COLUMNS;
export const REQUIRED_BULK_COLUMNS: readonly BulkColumn[] = ['candidate_number', 'name', 'name_latin', 'date_of_birth', 'achievement_code', 'result'];

/** Printable on one line: what ends up on a certificate (its schema refuses control characters). */
const line = (max: number) =>
  z.string().trim().min(1, 'is empty').max(max, `is longer than ${max} characters`).regex(/^[^\p{Cc}\p{Cs}]*$/u, 'holds control characters');

/** Every letter is a Latin letter (accents allowed): the name as read abroad, on passports. */
const LATIN_ONLY = /^(?:[\p{Script=Latin}\p{M}]|[^\p{L}])*$/u;

/**
 * One row, as text. Cells that start with `=`, `+`, `-` or `@` stay text here (names keep their
 * text); only CSV files this tool writes neutralise them (write-csv.ts).
 * Limits follow the certificate's (z-certificate-input.ts) so every valid row prints.
 */
export const BulkRowSchema = z.strictObject({
  candidateNumber: line(40).regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, 'use letters, digits, space, ".", "/", "_" or "-" (starting with a letter or digit)'),
  name: line(120),
  nameLatin: line(120).regex(LATIN_ONLY, 'must be written in Latin letters'),
  dateOfBirth: z.string().trim().refine(isCalendarDate, 'must be a real date written YYYY-MM-DD, from 1900 on'),
  achievementCode: line(64),
  result: line(40),
  learnerId: z.string().trim().regex(/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/, 'must be a URI (e.g. a DID)').max(500).optional(),
  /** When the result was awarded, YYYY-MM-DD; checked against the calendar and today by readResultsCsv. */
  awardedDate: z.string().trim().optional(),
  /** Months of the grade completed, for a grade left part-way (0 to the grade's length, checked against the catalogue). */
  monthsCompleted: z.string().trim().regex(/^\d{1,2}$/, 'must be a whole number of months from 0 to 12').transform(Number)
    .pipe(z.number().max(12, 'must be a whole number of months from 0 to 12')).optional(),
  /** Terms of the grade completed, for a grade left part-way (0 to the grade's number of terms, checked against the catalogue). */
  termsCompleted: z.string().trim().regex(/^\d$/, 'must be a whole number of terms from 0 to 4').transform(Number)
    .pipe(z.number().max(4, 'must be a whole number of terms from 0 to 4')).optional(),
  /** Competency results without a grade: `reading:Achieved|numeracy:Developing` (competency id : level). */
  competencies: z.string().trim().max(600).transform((v, ctx) => {
    const out: Record<string, string> = {};
    for (const part of v.split('|').map((p) => p.trim()).filter(Boolean)) {
      const m = /^([A-Za-z0-9._-]{1,64})\s*:\s*(.{1,40})$/.exec(part);
      if (!m || m[1]! in out) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not competency:level (e.g. reading:Achieved), or names a competency twice` });
        return z.NEVER;
      }
      out[m[1]!] = m[2]!.trim();
    }
    return out;
  }).optional(),
});
export type BulkRow = z.output<typeof BulkRowSchema>;

function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number) as [number, number, number];
  if (y < 1900) return false;
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
