/**
 * A problem found in a results CSV or while issuing one of its rows. Bulk validation returns a
 * list of these (every row is checked before anything is issued) rather than throwing at the
 * first: an examination office fixes the whole file in one go.
 *
 * `row` is the spreadsheet row number (the header is row 1, the first learner row 2; a quoted
 * cell spanning several lines still counts as one row); 0 for the file as a whole.
 * `column` is the header name as the CSV spells it, when one column is at fault.
 */
export type BulkIssueCode =
  /** The file is not UTF-8 (a legacy code page such as Windows-1256, or UTF-16). */
  | 'CSV_ENCODING'
  /** Broken CSV: an unclosed or stray quote, a row with more or fewer cells than the header. */
  | 'CSV_SYNTAX'
  /** No data rows, or the file is past the size limit. */
  | 'CSV_EMPTY'
  | 'CSV_TOO_LARGE'
  /** A required column is not in the header. */
  | 'CSV_MISSING_COLUMN'
  /** A header names a column this format does not know (often a typo), or names one twice. */
  | 'CSV_UNKNOWN_COLUMN'
  /** Two rows with the same candidate number and achievement (the idempotency key). */
  | 'CSV_DUPLICATE_KEY'
  /** A cell the row schema refuses (empty, too long, control characters, not Latin letters…). */
  | 'CELL_INVALID'
  /** Not a real calendar date in YYYY-MM-DD form, or before 1900. */
  | 'DATE_OF_BIRTH_INVALID'
  | 'DATE_OF_BIRTH_IN_FUTURE'
  /** An award date (column awarded_date) after today. */
  | 'DATE_IN_FUTURE'
  /** A name with invisible or bidi-control characters (as POST /credentials/issue refuses it). */
  | 'NAME_INVISIBLE_CHARACTERS'
  /** The achievement code is not in the issuer's catalogue. */
  | 'ACHIEVEMENT_UNKNOWN'
  /** The result is not on the achievement's scale. */
  | 'RESULT_OUT_OF_SCALE'
  /** Months completed above the grade's length, or given for an achievement that records none. */
  | 'MONTHS_OUT_OF_RANGE'
  /** Terms completed above the grade's number of terms, or given for an achievement that records none. */
  | 'TERMS_OUT_OF_RANGE'
  /** A competency the achievement does not list, or a level it does not have. */
  | 'COMPETENCY_UNKNOWN'
  /** One candidate number with two different names or dates of birth. */
  | 'LEARNER_MISMATCH'
  /** The row was valid but could not be issued (e.g. SEAL_TOO_LARGE); `message` says why. */
  | 'ISSUE_FAILED';

export interface BulkIssue {
  row: number;
  column?: string;
  code: BulkIssueCode;
  message: string;
}

/** `row 7, column result: RESULT_OUT_OF_SCALE: …` */
export function formatBulkIssue(issue: BulkIssue): string {
  const where = issue.row > 0 ? `row ${issue.row}${issue.column ? `, column ${issue.column}` : ''}` : issue.column ? `column ${issue.column}` : 'file';
  return `${where}: ${issue.code}: ${issue.message}`;
}
