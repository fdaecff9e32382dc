import { parse } from 'csv-parse/sync';
import type { BulkIssue } from './bulk-issue.ts';
import { csvParseOptions, delimiterOf, ResultsCsvChecker } from './lib/results-csv-checker.ts';
import type { CheckedCsvRow } from './lib/results-csv-checker.ts';
import type { BulkColumn } from './z-bulk-row.ts';

/** 64 MB and 500,000 rows: a national cohort fits; a wrong file (a database dump) does not. */
export const MAX_RESULTS_CSV_BYTES = 64 * 1024 * 1024;
export const MAX_RESULTS_CSV_ROWS = 500_000;

export type ResultsCsvRow = CheckedCsvRow;

export interface ResultsCsv {
  /** The header cells as written, by column. */
  header: Partial<Record<BulkColumn, string>>;
  /** Rows that passed the row schema (issues may still name them: duplicates, mismatches). */
  rows: ResultsCsvRow[];
  /** Number of data rows in the file (valid or not). */
  total: number;
  issues: BulkIssue[];
}

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

  const firstLine = text.slice(0, text.search(/\r|\n|$/));
  let records: { record: string[]; info: { lines: number; empty_lines: number } }[];
  try {
    records = parse(text, { ...csvParseOptions(delimiterOf(firstLine)), to: MAX_RESULTS_CSV_ROWS + 2 }) as unknown as typeof records;
  } catch (e) {
    return empty(csvSyntaxIssue(e));
  }
  if (records.length === 0) return empty({ row: 0, code: 'CSV_EMPTY', message: 'the file is empty: expected a header row and one row per result' });
  if (records.length > MAX_RESULTS_CSV_ROWS + 1) return empty(tooManyRows());

  const checker = new ResultsCsvChecker(opts.now);
  const [head, ...body] = records;
  if (!checker.readHeader(checker.locate(head!.info), head!.record)) return { header: checker.header, rows: [], total: body.length, issues: checker.issues };
  if (body.length === 0) return { header: checker.header, rows: [], total: 0, issues: [noRows()] };
  const rows: ResultsCsvRow[] = [];
  for (const { record, info } of body) {
    const row = checker.checkRow(checker.locate(info), record);
    if (row) rows.push(row);
  }
  return { header: checker.header, rows, total: checker.total, issues: checker.issues };
}

export function csvSyntaxIssue(e: unknown): BulkIssue {
  const err = e as { code?: string; message?: string; lines?: number };
  return { row: err.lines ?? 0, code: 'CSV_SYNTAX', message: `${(err.message ?? 'cannot parse the CSV').replace(/\s+/g, ' ')}${err.code ? ` (${err.code})` : ''}` };
}

export function tooManyRows(): BulkIssue {
  return { row: 0, code: 'CSV_TOO_LARGE', message: `more than ${MAX_RESULTS_CSV_ROWS.toLocaleString('en-US')} rows; split the file by school or session` };
}

export function noRows(): BulkIssue {
  return { row: 0, code: 'CSV_EMPTY', message: 'the file has a header but no rows' };
}

/** UTF-8 only (a BOM is fine): anything else is refused with a hint, never guessed. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { issue: BulkIssue } {
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
export function firstInvalidUtf8(b: Uint8Array): number {
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
