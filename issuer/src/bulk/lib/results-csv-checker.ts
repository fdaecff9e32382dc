import type { Options } from 'csv-parse';
import { inspectPersonName, ModelError, parseWithErrorHandling } from '@lp/model';
import { awardedDateProblem } from '../../domain/lib/awarded-date-problem.ts';
import type { BulkIssue } from '../bulk-issue.ts';
import { BULK_COLUMNS, BulkRowSchema, REQUIRED_BULK_COLUMNS } from '../z-bulk-row.ts';
import type { BulkColumn, BulkRow } from '../z-bulk-row.ts';

export interface CheckedCsvRow {
  /** The line where the row starts (= the spreadsheet row number; the header is 1). */
  row: number;
  data: BulkRow;
}

/** csv-parse options shared by the whole-file reader and the streaming one. */
export function csvParseOptions(delimiter: string): Options {
  return {
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    // Strict quoting (RFC 4180 §2): a quote inside an unquoted cell or text after a closing
    // quote is an error, never silently kept; every row has as many cells as the header.
    relax_quotes: false,
    relax_column_count: false,
    record_delimiter: ['\r\n', '\n', '\r'],
  };
}

/** Excel in locales with a decimal comma saves CSV with ";": accept it when the header says so. */
export function delimiterOf(firstLine: string): string {
  return !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
}

const FIELD_COLUMN: Record<string, BulkColumn> = Object.fromEntries(Object.entries(BULK_COLUMNS).map(([col, field]) => [field, col as BulkColumn]));
const LEARNER_FIELDS = [['name', 'name'], ['nameLatin', 'name_latin'], ['dateOfBirth', 'date_of_birth'], ['learnerId', 'learner_id']] as const;

/**
 * What is kept per candidate for the checks across rows, packed to stay small (a national file has
 * a million rows): the first row, the learner's fields as one string, and the codes seen with
 * their rows as one string. Strings, not objects and Maps: ~4× less memory per candidate.
 */
interface Candidate {
  row: number;
  /** name, nameLatin, dateOfBirth, learnerId joined by U+0000 (no cell holds a control character). */
  learner: string;
  /** `\u0001code\u0000row` for each achievement code seen (U+0001 starts a code, so a row number never matches one). */
  codes: string;
}

const SEP = '\u0000';
const CODE = '\u0001';

function learnerOf(d: BulkRow): string {
  return [d.name, d.nameLatin, d.dateOfBirth, d.learnerId ?? ''].join(SEP);
}

/**
 * The checks of a results CSV, one record at a time (README "Bulk issuance"): the header, each row
 * with the zod row schema, a date of birth not after `now`, an award date from 1950 up to `now`,
 * names without invisible characters, and across rows the idempotency key (candidate number +
 * achievement) unique and one name and date of birth per candidate. It keeps only what the checks
 * across rows need (per candidate: first row, names, date of birth, codes), never the rows, so the
 * streaming reader can check a national file in bounded memory.
 */
export class ResultsCsvChecker {
  readonly issues: BulkIssue[] = [];
  readonly header: Partial<Record<BulkColumn, string>> = {};
  /** Data rows seen (valid or not). */
  total = 0;
  private readonly positions: Partial<Record<BulkColumn, number>> = {};
  private readonly candidates = new Map<string, Candidate>();
  private readonly today: string;
  private prevEnd = 0;
  private prevEmpty = 0;

  /**
   * `acrossRows: false` skips the checks between rows (duplicate results, one learner's details),
   * and so keeps nothing per candidate: for a later pass over a file already checked whole.
   */
  constructor(private readonly now: Date, private readonly acrossRows = true) {
    this.today = now.toISOString().slice(0, 10);
  }

  /** The line where a record starts: after the previous record's end and the blank lines skipped. */
  locate(info: { lines: number; empty_lines: number }): number {
    const row = this.prevEnd + 1 + (info.empty_lines - this.prevEmpty);
    this.prevEnd = info.lines;
    this.prevEmpty = info.empty_lines;
    return row;
  }

  /** Reads the header; false when it has problems (then no row is checked). */
  readHeader(row: number, cells: readonly string[]): boolean {
    cells.forEach((cell, i) => {
      const written = cell.trim();
      const key = written.toLowerCase().replace(/[\s-]+/g, '_') as BulkColumn;
      if (!(key in BULK_COLUMNS)) {
        this.issues.push({ row, column: written, code: 'CSV_UNKNOWN_COLUMN', message: `unknown column "${written}"; the columns are ${Object.keys(BULK_COLUMNS).join(', ')}` });
      } else if (this.positions[key] !== undefined) {
        this.issues.push({ row, column: written, code: 'CSV_UNKNOWN_COLUMN', message: `column "${written}" appears twice` });
      } else {
        this.positions[key] = i;
        this.header[key] = written;
      }
    });
    for (const col of REQUIRED_BULK_COLUMNS) {
      if (this.positions[col] === undefined) this.issues.push({ row, column: col, code: 'CSV_MISSING_COLUMN', message: `the header has no column "${col}"` });
    }
    return this.issues.length === 0;
  }

  colName(c: BulkColumn): string {
    return this.header[c] ?? c;
  }

  /** Checks one data row; the row when it passed the checks of its own (issues may still name it later). */
  checkRow(row: number, cells: readonly string[]): CheckedCsvRow | undefined {
    this.total++;
    const raw: Record<string, string> = {};
    for (const [col, field] of Object.entries(BULK_COLUMNS)) {
      const i = this.positions[col as BulkColumn];
      if (i === undefined) continue;
      const v = cells[i] ?? '';
      // An empty optional cell means "not given".
      if ((col === 'learner_id' || col === 'awarded_date' || col === 'months_completed' || col === 'terms_completed' || col === 'competencies') && v.trim() === '') continue;
      raw[field] = v;
    }
    let data: BulkRow;
    try {
      data = parseWithErrorHandling(BulkRowSchema, raw, `row ${row}`);
    } catch (e) {
      if (!(e instanceof ModelError)) throw e;
      for (const issue of e.issues ?? [{ path: e.path ?? '$', code: 'custom', message: e.message }]) {
        const field = issue.path.replace(/^\$\.?/, '').split('.')[0] ?? '';
        const col = FIELD_COLUMN[field];
        this.issues.push({
          row,
          ...(col ? { column: this.colName(col) } : {}),
          code: col === 'date_of_birth' ? 'DATE_OF_BIRTH_INVALID' : 'CELL_INVALID',
          message: `${col ? this.colName(col) : 'the row'} ${issue.message}`,
        });
      }
      return undefined;
    }
    if (data.dateOfBirth > this.today) {
      this.issues.push({ row, column: this.colName('date_of_birth'), code: 'DATE_OF_BIRTH_IN_FUTURE', message: `date of birth ${data.dateOfBirth} is after today (${this.today})` });
      return undefined;
    }
    const awarded = data.awardedDate !== undefined ? awardedDateProblem(data.awardedDate, this.now) : undefined;
    if (awarded) {
      this.issues.push({ row, column: this.colName('awarded_date'), code: awarded.kind === 'in-future' ? 'DATE_IN_FUTURE' : 'CELL_INVALID', message: `${this.colName('awarded_date')} ${awarded.message}` });
      return undefined;
    }
    const hidden = (['name', 'name_latin'] as const).find((c) => inspectPersonName(c === 'name' ? data.name : data.nameLatin).invisible.length > 0);
    if (hidden) {
      this.issues.push({ row, column: this.colName(hidden), code: 'NAME_INVISIBLE_CHARACTERS', message: `${this.colName(hidden)} holds invisible or text-direction characters (e.g. U+202E, U+200B); remove them` });
      return undefined;
    }
    if (this.acrossRows) this.checkAcrossRows(row, data);
    return { row, data };
  }

  private checkAcrossRows(row: number, d: BulkRow): void {
    const seen = this.candidates.get(d.candidateNumber);
    if (!seen) {
      this.candidates.set(d.candidateNumber, { row, learner: learnerOf(d), codes: `${CODE}${d.achievementCode}${SEP}${row}` });
      return;
    }
    const at = seen.codes.indexOf(`${CODE}${d.achievementCode}${SEP}`);
    if (at >= 0) {
      const first = Number.parseInt(seen.codes.slice(at + d.achievementCode.length + 2), 10);
      this.issues.push({
        row, column: this.colName('achievement_code'), code: 'CSV_DUPLICATE_KEY',
        message: `rows ${first} and ${row} both give candidate ${d.candidateNumber} a result in ${d.achievementCode}; keep one`,
      });
    } else seen.codes += `${CODE}${d.achievementCode}${SEP}${row}`;
    const mine = learnerOf(d);
    if (mine === seen.learner) return;
    const [name, nameLatin, dateOfBirth, learnerId] = seen.learner.split(SEP);
    const first: Record<(typeof LEARNER_FIELDS)[number][0], string | undefined> = { name, nameLatin, dateOfBirth, learnerId: learnerId || undefined };
    for (const [field, col] of LEARNER_FIELDS) {
      if (first[field] !== d[field]) {
        this.issues.push({
          row, column: this.colName(col), code: 'LEARNER_MISMATCH',
          message: `candidate ${d.candidateNumber} has ${this.colName(col)} "${d[field] ?? ''}" here but "${first[field] ?? ''}" in row ${seen.row}`,
        });
      }
    }
  }
}
