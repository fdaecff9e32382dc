import { parse } from 'csv-parse/sync';
import { inspectPersonName, ModelError, parseWithErrorHandling } from '@lp/model';
import type { BulkIssue } from './bulk-issue.ts';
import { awardedDateProblem } from '../domain/lib/awarded-date-problem.ts';
import { BULK_COLUMNS, BulkRowSchema, REQUIRED_BULK_COLUMNS } from './z-bulk-row.ts';
import type { BulkColumn, BulkRow } from './z-bulk-row.ts';

/** 64 MB and 500,000 rows: a national cohort fits; a wrong file (a database dump) does not. */
export const MAX_RESULTS_CSV_BYTES = 64 * 1024 * 1024;
export const MAX_RESULTS_CSV_ROWS = 500_000;

export interface ResultsCsvRow {
  /** The line where the row starts (= the spreadsheet row number; the header is 1). */
  row: number;
  data: BulkRow;
}

export interface ResultsCsv {
  /** The header cells as written, by column. */
  header: Partial<Record<BulkColumn, string>>;
  /** Rows that passed the row schema (issues may still name them: duplicates, mismatches). */
  rows: ResultsCsvRow[];
  /** Number of data rows in the file (valid or not). */
  total: number;
  issues: BulkIssue[];
}

const FIELD_COLUMN: Record<string, BulkColumn> = Object.fromEntries(Object.entries(BULK_COLUMNS).map(([col, field]) => [field, col as BulkColumn]));

/**
 * Reads a results CSV (README "Bulk issuance") and checks every row on its own and against the
 * others: encoding (UTF-8, a BOM is fine), RFC 4180 syntax with strict quoting (csv-parse), the
 * header, each row with the zod row schema, a date of birth not after `now`, an award date from
 * 1950 up to `now` (CELL_INVALID, DATE_IN_FUTURE), the idempotency key
 * (candidate number + achievement) unique in the file, and one name and date of birth per
 * candidate. Never throws for bad input: it returns the issues (all of them, not the first).
 * Catalogue checks come after (check-rows-against-catalogue.ts).
 *
 * @example const { rows, issues } = readResultsCsv(fs.readFileSync('results.csv'), { now: new Date() });
 */
export function readResultsCsv(bytes: Uint8Array, opts: { now: Date }): ResultsCsv {
  const empty = (issue: BulkIssue): ResultsCsv => ({ header: {}, rows: [], total: 0, issues: [issue] });
  if (bytes.length > MAX_RESULTS_CSV_BYTES) {
    return empty({ row: 0, code: 'CSV_TOO_LARGE', message: `the file is over ${MAX_RESULTS_CSV_BYTES / 1024 / 1024} MB; split it by school or session` });
  }
  const decoded = decodeUtf8(bytes);
  if ('issue' in decoded) return empty(decoded.issue);
  const text = decoded.text;

  // Excel in locales with a decimal comma saves CSV with ";": accept it when the header says so.
  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  const delimiter = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      info: true,
      skip_empty_lines: true,
      // Strict quoting (RFC 4180 §2): a quote inside an unquoted cell or text after a closing
      // quote is an error, never silently kept; every row has as many cells as the header.
      relax_quotes: false,
      relax_column_count: false,
      record_delimiter: ['\r\n', '\n', '\r'],
      to: MAX_RESULTS_CSV_ROWS + 2,
    }) as unknown as typeof records;
  } catch (e) {
    const err = e as { code?: string; message?: string; lines?: number };
    return empty({ row: err.lines ?? 0, code: 'CSV_SYNTAX', message: `${(err.message ?? 'cannot parse the CSV').replace(/\s+/g, ' ')}${err.code ? ` (${err.code})` : ''}` });
  }
  if (records.length === 0) return empty({ row: 0, code: 'CSV_EMPTY', message: 'the file is empty: expected a header row and one row per result' });
  if (records.length > MAX_RESULTS_CSV_ROWS + 1) {
    return empty({ row: 0, code: 'CSV_TOO_LARGE', message: `more than ${MAX_RESULTS_CSV_ROWS} rows; split the file by school or session` });
  }

  // Line where each record starts: after the previous record's end and the blank lines skipped.
  let prevEnd = 0;
  let prevEmpty = 0;
  const located = records.map(({ record, info }) => {
    const row = prevEnd + 1 + (info.empty_lines - prevEmpty);
    prevEnd = info.lines;
    prevEmpty = info.empty_lines;
    return { row, cells: record };
  });

  const issues: BulkIssue[] = [];
  const [head, ...body] = located;
  const header: Partial<Record<BulkColumn, string>> = {};
  const positions: Partial<Record<BulkColumn, number>> = {};
  head!.cells.forEach((cell, i) => {
    const written = cell.trim();
    const key = written.toLowerCase().replace(/[\s-]+/g, '_') as BulkColumn;
    if (!(key in BULK_COLUMNS)) {
      issues.push({ row: head!.row, column: written, code: 'CSV_UNKNOWN_COLUMN', message: `unknown column "${written}"; the columns are ${Object.keys(BULK_COLUMNS).join(', ')}` });
    } else if (positions[key] !== undefined) {
      issues.push({ row: head!.row, column: written, code: 'CSV_UNKNOWN_COLUMN', message: `column "${written}" appears twice` });
    } else {
      positions[key] = i;
      header[key] = written;
    }
  });
  for (const col of REQUIRED_BULK_COLUMNS) {
    if (positions[col] === undefined) issues.push({ row: head!.row, column: col, code: 'CSV_MISSING_COLUMN', message: `the header has no column "${col}"` });
  }
  if (issues.length > 0) return { header, rows: [], total: body.length, issues };
  if (body.length === 0) return { header, rows: [], total: 0, issues: [{ row: 0, code: 'CSV_EMPTY', message: 'the file has a header but no rows' }] };

  const colName = (c: BulkColumn): string => header[c] ?? c;
  const today = opts.now.toISOString().slice(0, 10);
  const rows: ResultsCsvRow[] = [];
  for (const { row, cells } of body) {
    const raw: Record<string, string> = {};
    for (const [col, field] of Object.entries(BULK_COLUMNS)) {
      const i = positions[col as BulkColumn];
      if (i === undefined) continue;
      const v = cells[i] ?? '';
      // An empty optional cell means "not given".
      if ((col === 'learner_id' || col === 'awarded_date' || col === 'months_completed' || col === 'competencies') && v.trim() === '') continue;
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
        issues.push({
          row,
          ...(col ? { column: colName(col) } : {}),
          code: col === 'date_of_birth' ? 'DATE_OF_BIRTH_INVALID' : 'CELL_INVALID',
          message: `${col ? colName(col) : 'the row'} ${issue.message}`,
        });
      }
      continue;
    }
    if (data.dateOfBirth > today) {
      issues.push({ row, column: colName('date_of_birth'), code: 'DATE_OF_BIRTH_IN_FUTURE', message: `date of birth ${data.dateOfBirth} is after today (${today})` });
      continue;
    }
    const awarded = data.awardedDate !== undefined ? awardedDateProblem(data.awardedDate, opts.now) : undefined;
    if (awarded) {
      issues.push({ row, column: colName('awarded_date'), code: awarded.kind === 'in-future' ? 'DATE_IN_FUTURE' : 'CELL_INVALID', message: `${colName('awarded_date')} ${awarded.message}` });
      continue;
    }
    const hidden = (['name', 'name_latin'] as const).find((c) => inspectPersonName(c === 'name' ? data.name : data.nameLatin).invisible.length > 0);
    if (hidden) {
      issues.push({ row, column: colName(hidden), code: 'NAME_INVISIBLE_CHARACTERS', message: `${colName(hidden)} holds invisible or text-direction characters (e.g. U+202E, U+200B); remove them` });
      continue;
    }
    rows.push({ row, data });
  }

  const byKey = new Map<string, number>();
  const byCandidate = new Map<string, ResultsCsvRow>();
  for (const r of rows) {
    const key = `${r.data.candidateNumber}\u0000${r.data.achievementCode}`;
    const first = byKey.get(key);
    if (first !== undefined) {
      issues.push({
        row: r.row, column: colName('achievement_code'), code: 'CSV_DUPLICATE_KEY',
        message: `rows ${first} and ${r.row} both give candidate ${r.data.candidateNumber} a result in ${r.data.achievementCode}; keep one`,
      });
    } else byKey.set(key, r.row);
    const seen = byCandidate.get(r.data.candidateNumber);
    if (!seen) byCandidate.set(r.data.candidateNumber, r);
    else {
      for (const [field, col] of [['name', 'name'], ['nameLatin', 'name_latin'], ['dateOfBirth', 'date_of_birth'], ['learnerId', 'learner_id']] as const) {
        if (seen.data[field] !== r.data[field]) {
          issues.push({
            row: r.row, column: colName(col), code: 'LEARNER_MISMATCH',
            message: `candidate ${r.data.candidateNumber} has ${colName(col)} "${r.data[field] ?? ''}" here but "${seen.data[field] ?? ''}" in row ${seen.row}`,
          });
        }
      }
    }
  }
  return { header, rows, total: body.length, issues };
}

/** UTF-8 only (a BOM is fine): anything else is refused with a hint, never guessed. */
function decodeUtf8(bytes: Uint8Array): { text: string } | { issue: BulkIssue } {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { issue: { row: 0, code: 'CSV_ENCODING', message: 'the file is UTF-16 (Excel "Unicode Text"); re-save it as "CSV UTF-8 (Comma delimited)"' } };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    return {
      issue: {
        row: line, code: 'CSV_ENCODING',
        message: `the file is not UTF-8 (byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}, line ${line}); it may be in a legacy code page such as Windows-1256. Re-save it as "CSV UTF-8 (Comma delimited)" (Excel) or with encoding UTF-8 (LibreOffice)`,
      },
    };
  }
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629 §4), for the error message. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    const n = c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0) return i;
    for (let k = 1; k <= n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return b.length;
}
