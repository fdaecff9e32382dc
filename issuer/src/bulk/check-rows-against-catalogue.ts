import { RESULT_STATUS_TYPES, resultRoleOf, validateResultAgainstScale } from '@lp/model';
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
  columns: { achievement: string; result: string; months?: string; terms?: string; competencies?: string },
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
    const extra = extraResults(r, entry, columns, issues);
    if (extra === undefined) continue;
    const scale = entry.resultDescriptions.find((rd) => resultRoleOf(rd) === 'main');
    const isStatus = (RESULT_STATUS_TYPES as readonly string[]).includes(value);
    if (isStatus && (extra.monthsCompleted !== undefined || extra.termsCompleted !== undefined || !scale)) {
      // A grade left part-way has no final mark: its result is a status (Withdrew, InProgress…).
      out.push({ ...r, entry, result: { status: value as NonNullable<ResultInput['status']>, ...extra } });
    } else if (scale) {
      const issue = validateResultAgainstScale(scale, value);
      if (issue) {
        issues.push({ row: r.row, column: columns.result, code: 'RESULT_OUT_OF_SCALE', message: `${issue.message} of ${code}` });
        continue;
      }
      out.push({ ...r, entry, result: { value, ...extra } });
    } else if (entry.resultDescriptions.some((rd) => rd.resultType === 'Status')) {
      issues.push({ row: r.row, column: columns.result, code: 'RESULT_OUT_OF_SCALE', message: `${code} records a status: one of ${RESULT_STATUS_TYPES.join(', ')}` });
    } else {
      issues.push({ row: r.row, column: columns.result, code: 'RESULT_OUT_OF_SCALE', message: `achievement ${code} has no result scale in the catalogue` });
    }
  }
  return { rows: out, issues };
}

const PART_OF_GRADE = [
  { field: 'monthsCompleted', role: 'months', column: 'months_completed', code: 'MONTHS_OUT_OF_RANGE' },
  { field: 'termsCompleted', role: 'terms', column: 'terms_completed', code: 'TERMS_OUT_OF_RANGE' },
] as const;

/** Months or terms completed and competency results of a row, checked against the entry; undefined after an issue. */
function extraResults(
  r: ResultsCsvRow,
  entry: CatalogueAchievement,
  columns: { months?: string; terms?: string; competencies?: string },
  issues: BulkIssue[],
): Pick<ResultInput, 'monthsCompleted' | 'termsCompleted' | 'competencies'> | undefined {
  const out: Pick<ResultInput, 'monthsCompleted' | 'termsCompleted' | 'competencies'> = {};
  // Months and terms are the same check on their own scale: the entry must have the scale, and the
  // count must not pass the grade's length.
  for (const part of PART_OF_GRADE) {
    const done = r.data[part.field];
    if (done === undefined) continue;
    const rd = entry.resultDescriptions.find((x) => resultRoleOf(x) === part.role);
    const column = columns[part.role] ?? part.column;
    if (!rd) {
      issues.push({ row: r.row, column, code: part.code, message: `${entry.code} records no ${part.role} completed (its catalogue entry has no ${part.role}-completed scale)` });
      return undefined;
    }
    if (done > Number(rd.valueMax)) {
      issues.push({ row: r.row, column, code: part.code, message: `${done} ${part.role} completed, but ${entry.code} ${part.role === 'months' ? 'lasts' : 'has'} ${rd.valueMax} ${part.role}` });
      return undefined;
    }
    out[part.field] = done;
  }
  const given = r.data.competencies;
  if (given !== undefined) {
    const column = columns.competencies ?? 'competencies';
    for (const [key, level] of Object.entries(given)) {
      const rd = entry.resultDescriptions.find((x) => resultRoleOf(x) === 'competency' && x.id === key);
      const known = entry.resultDescriptions.filter((x) => resultRoleOf(x) === 'competency').map((x) => x.id).join(', ');
      if (!rd) {
        issues.push({ row: r.row, column, code: 'COMPETENCY_UNKNOWN', message: `${entry.code} has no competency "${key}"${known ? ` (it has ${known})` : ''}` });
        return undefined;
      }
      if (!(rd.allowedValues ?? []).includes(level)) {
        issues.push({ row: r.row, column, code: 'COMPETENCY_UNKNOWN', message: `competency ${key} of ${entry.code}: "${level}" is not one of ${(rd.allowedValues ?? []).join(', ')}` });
        return undefined;
      }
    }
    out.competencies = given;
  }
  return out;
}
