import { createHash } from 'node:crypto';
import { parse } from 'csv-parse';
import type { BulkIssue } from './bulk-issue.ts';
import { csvParseOptions, delimiterOf, ResultsCsvChecker } from './lib/results-csv-checker.ts';
import { csvSyntaxIssue, firstInvalidUtf8, noRows } from './read-results-csv.ts';
import type { ResultsCsv, ResultsCsvRow } from './read-results-csv.ts';
import type { BulkColumn } from './z-bulk-row.ts';

/** 1 GB and 2,000,000 rows when streamed: a national session (1.5 M candidates × subjects split by school or day) fits. */
export const MAX_STREAMED_CSV_BYTES = 1024 * 1024 * 1024;
export const MAX_STREAMED_CSV_ROWS = 2_000_000;

export interface ResultsCsvScan extends Omit<ResultsCsv, 'rows'> {
  /** Bytes read and their SHA-256 (hex): a second pass over the file can tell it did not change. */
  bytes: number;
  sha256: string;
}

export interface ScanResultsCsv {
  /** The rows that passed their own checks, in file order; read it once, to the end. */
  rows: AsyncGenerator<ResultsCsvRow>;
  /** The header cells as written, by column, once the first row has come (for messages naming columns). */
  header(): Partial<Record<BulkColumn, string>>;
  /** The header, row count and every issue, once `rows` is read to the end. */
  summary(): ResultsCsvScan;
}

/**
 * Reads a results CSV as a stream with the same checks as `readResultsCsv`, holding neither the
 * file nor its rows: each row is checked as it arrives and handed to the caller, and only what the
 * checks across rows need is kept (per candidate: first row, names, date of birth, codes). A file
 * that is not UTF-8, breaks CSV syntax or is past the limits gives that one issue, as
 * `readResultsCsv` does. Never throws for bad input.
 *
 * @example
 * const scan = scanResultsCsv(fs.createReadStream('results.csv'), { now: new Date() });
 * for await (const row of scan.rows) count++;
 * const { issues, total } = scan.summary();
 */
export function scanResultsCsv(
  source: AsyncIterable<Uint8Array>,
  opts: { now: Date; maxBytes?: number; maxRows?: number; acrossRows?: boolean },
): ScanResultsCsv {
  const maxBytes = opts.maxBytes ?? MAX_STREAMED_CSV_BYTES;
  const maxRows = opts.maxRows ?? MAX_STREAMED_CSV_ROWS;
  const checker = new ResultsCsvChecker(opts.now, opts.acrossRows ?? true);
  const hash = createHash('sha256');
  let bytes = 0;
  let fatal: BulkIssue | undefined;
  let records = 0;
  let headerOk = false;
  let sha256: string | undefined;

  async function* decoded(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    let tail: Uint8Array = new Uint8Array(0);
    let lines = 1;
    let first: Uint8Array | undefined = new Uint8Array(0);
    for await (const piece of source) {
      let chunk = piece;
      if (first) {
        // The first two bytes, however the source cuts them, tell UTF-16 apart.
        const joined: Uint8Array = new Uint8Array(first.length + piece.length);
        joined.set(first);
        joined.set(piece, first.length);
        if (joined.length < 2) {
          first = joined;
          continue;
        }
        first = undefined;
        chunk = joined;
        if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff)) {
          fatal = { row: 0, code: 'CSV_ENCODING', message: 'the file is UTF-16 (Excel "Unicode Text"); re-save it as "CSV UTF-8 (Comma delimited)"' };
          return;
        }
      }
      bytes += chunk.length;
      if (bytes > maxBytes) {
        fatal = { row: 0, code: 'CSV_TOO_LARGE', message: `the file is over ${maxBytes / 1024 / 1024} MB; split it by school or session` };
        return;
      }
      hash.update(chunk);
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        // The bad byte is in this chunk or in the few bytes of a sequence begun at the end of the last one.
        const seen = new Uint8Array(tail.length + chunk.length);
        seen.set(tail);
        seen.set(chunk, tail.length);
        const at = firstInvalidUtf8(seen);
        for (let i = 0; i < Math.min(at, seen.length); i++) if (seen[i] === 0x0a && i >= tail.length) lines++;
        const offset = bytes - chunk.length - tail.length + at;
        fatal = {
          row: lines, code: 'CSV_ENCODING',
          message: `the file is not UTF-8 (byte 0x${(seen[at] ?? 0).toString(16).padStart(2, '0')} at offset ${offset}, line ${lines}); it may be in a legacy code page such as Windows-1256. Re-save it as "CSV UTF-8 (Comma delimited)" (Excel) or with encoding UTF-8 (LibreOffice)`,
        };
        return;
      }
      for (const b of chunk) if (b === 0x0a) lines++;
      tail = chunk.subarray(Math.max(0, chunk.length - 3));
      if (text) yield text;
    }
    if (first && first.length > 0) {
      // A one-byte file.
      bytes += first.length;
      hash.update(first);
      try {
        const text = decoder.decode(first, { stream: true });
        if (text) yield text;
      } catch {
        fatal = { row: 1, code: 'CSV_ENCODING', message: `the file is not UTF-8 (byte 0x${first[0]!.toString(16).padStart(2, '0')} at offset 0, line 1); re-save it as "CSV UTF-8 (Comma delimited)"` };
        return;
      }
    }
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      fatal = { row: lines, code: 'CSV_ENCODING', message: 'the file ends inside a UTF-8 character; re-save it as "CSV UTF-8 (Comma delimited)"' };
    }
  }

  async function* rows(): AsyncGenerator<ResultsCsvRow> {
    const texts = decoded();
    // The delimiter comes from the header line, so text is held until the first line is whole.
    let head = '';
    let first: IteratorResult<string>;
    while (!(first = await texts.next()).done) {
      head += first.value;
      if (/\r|\n/.test(head)) break;
    }
    if (fatal) return finish();
    const parser = parse({ ...csvParseOptions(delimiterOf(head.slice(0, head.search(/\r|\n|$/)))) });
    // Backpressure: wait for the parser to drain, or to be closed (an error, or the reader stopped).
    const room = (): Promise<void> => new Promise((resolve) => {
      const done = (): void => {
        parser.off('drain', done);
        parser.off('close', done);
        resolve();
      };
      parser.on('drain', done);
      parser.on('close', done);
    });
    const pump = (async () => {
      try {
        if (head && !parser.write(head)) await room();
        for await (const text of texts) {
          if (parser.destroyed) break;
          if (!parser.write(text)) await room();
        }
      } finally {
        if (!parser.destroyed) parser.end();
      }
    })();
    try {
      for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number; empty_lines: number } }>) {
        if (fatal) break;
        records++;
        const row = checker.locate(info);
        if (records === 1) {
          headerOk = checker.readHeader(row, record);
          continue;
        }
        if (records > maxRows + 1) {
          fatal = { row: 0, code: 'CSV_TOO_LARGE', message: `more than ${maxRows.toLocaleString('en-US')} rows; split the file by school or session` };
          break;
        }
        if (!headerOk) {
          checker.total++;
          continue;
        }
        const checked = checker.checkRow(row, record);
        if (checked) yield checked;
      }
    } catch (e) {
      fatal ??= csvSyntaxIssue(e);
    } finally {
      parser.destroy();
      await pump.catch(() => undefined);
    }
    return finish();
  }

  function finish(): void {
    sha256 = hash.digest('hex');
  }

  return {
    rows: rows(),
    header: () => checker.header,
    summary(): ResultsCsvScan {
      if (sha256 === undefined) throw new TypeError('read scan.rows to the end before asking for the summary');
      const base = { bytes, sha256 };
      if (fatal) return { header: {}, total: 0, issues: [fatal], ...base };
      if (records === 0) return { header: {}, total: 0, issues: [{ row: 0, code: 'CSV_EMPTY', message: 'the file is empty: expected a header row and one row per result' }], ...base };
      if (headerOk && checker.total === 0) return { header: checker.header, total: 0, issues: [noRows()], ...base };
      return { header: checker.header, total: checker.total, issues: checker.issues, ...base };
    },
  };
}
