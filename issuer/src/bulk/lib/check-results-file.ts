import fs from 'node:fs';
import type { CatalogueAchievement } from '@lp/model';
import type { BulkIssue } from '../bulk-issue.ts';
import { checkRowsAgainstCatalogue } from '../check-rows-against-catalogue.ts';
import { scanResultsCsv } from '../scan-results-csv.ts';
import type { ResultsCsvScan } from '../scan-results-csv.ts';

export interface ResultsFileCheck {
  read: ResultsCsvScan;
  /** ACHIEVEMENT_UNKNOWN, RESULT_OUT_OF_SCALE. */
  catalogueIssues: BulkIssue[];
  /** Rows that passed every check. */
  valid: number;
  learners: number;
  /** Each candidate's rows one after the other (the output folder can then be streamed). */
  grouped: boolean;
}

/**
 * The first pass of `lp issuer bulk` over a results file: every row checked on its own, against
 * the others and against the catalogue, streamed (scanResultsCsv), keeping only counts and the
 * issues. `file` is read with `fs.createReadStream`; a read error rejects.
 */
export async function checkResultsFile(file: string, opts: { now: Date; catalogue: readonly CatalogueAchievement[] }): Promise<ResultsFileCheck> {
  const scan = scanResultsCsv(fs.createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Uint8Array>, { now: opts.now });
  const catalogueIssues: BulkIssue[] = [];
  const learners = new Set<string>();
  let valid = 0;
  let grouped = true;
  let last: string | undefined;
  for await (const row of scan.rows) {
    const h = scan.header();
    const checked = checkRowsAgainstCatalogue([row], opts.catalogue, { achievement: h.achievement_code ?? 'achievement_code', result: h.result ?? 'result' });
    catalogueIssues.push(...checked.issues);
    if (checked.rows.length === 0) continue;
    valid++;
    const cand = row.data.candidateNumber;
    // A candidate met again after another one: the file is not grouped by candidate.
    if (cand !== last && learners.has(cand)) grouped = false;
    last = cand;
    learners.add(cand);
  }
  return { read: scan.summary(), catalogueIssues, valid, learners: learners.size, grouped };
}
