import { RESULT_STATUS_TYPES, validateResultAgainstScale } from '@lp/model';
import type { CatalogueAchievement } from '@lp/model';
import type { ResultInput } from '../domain/build-achievement-credential.ts';
import type { BulkIssue } from './bulk-issue.ts';
import type { ResultsCsvRow } from './read-results-csv.ts';

export interface CheckedRow extends ResultsCsvRow {
  entry: CatalogueAchievement;
  result: ResultInput;
}

/**
 * Checks each row's achievement code against the catalogue and its result against that
 * achievement's scale, the way issuance will (build-achievement-credential.ts): the first scale
 * that is not a Status scale takes the value; an achievement with only a Status scale takes a
 * ResultStatusType (`Completed`, `Passed`, …). Returns the rows ready to issue and the issues.
 */
export function checkRowsAgainstCatalogue(
  rows: readonly ResultsCsvRow[],
  catalogue: readonly CatalogueAchievement[],
  columns: { achievement: string; result: string },
): { rows: CheckedRow[]; issues: BulkIssue[] } {
  const byCode = new Map(catalogue.map((e) => [e.code, e]));
  const out: CheckedRow[] = [];
  const issues: BulkIssue[] = [];
  for (const r of rows) {
    const code = r.data.achievementCode;
    const entry = byCode.get(code);
    if (!entry) {
      const known = [...byCode.keys()].slice(0, 12).join(', ');
      issues.push({ row: r.row, column: columns.achievement, code: 'ACHIEVEMENT_UNKNOWN', message: `"${code}" is not in the catalogue (lp issuer achievement list): ${known || 'the catalogue is empty'}` });
      continue;
    }
    const value = r.data.result;
    const scale = entry.resultDescriptions.find((rd) => rd.resultType !== 'Status');
    if (scale) {
      const issue = validateResultAgainstScale(scale, value);
      if (issue) {
        issues.push({ row: r.row, column: columns.result, code: 'RESULT_OUT_OF_SCALE', message: `${issue.message} of ${code}` });
        continue;
      }
      out.push({ ...r, entry, result: { value } });
    } else if (entry.resultDescriptions.some((rd) => rd.resultType === 'Status')) {
      if (!(RESULT_STATUS_TYPES as readonly string[]).includes(value)) {
        issues.push({ row: r.row, column: columns.result, code: 'RESULT_OUT_OF_SCALE', message: `${code} records a status: one of ${RESULT_STATUS_TYPES.join(', ')}` });
        continue;
      }
      out.push({ ...r, entry, result: { status: value as NonNullable<ResultInput['status']> } });
    } else {
      issues.push({ row: r.row, column: columns.result, code: 'RESULT_OUT_OF_SCALE', message: `achievement ${code} has no result scale in the catalogue` });
    }
  }
  return { rows: out, issues };
}
