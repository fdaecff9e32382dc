/** No result before this date is digitised: older dates are almost always typing errors. */
export const EARLIEST_AWARDED_DATE = '1950-01-01';

export type AwardedDateProblem =
  | { kind: 'malformed' | 'too-early'; message: string }
  | { kind: 'in-future'; message: string };

/**
 * What is wrong with an award date (`YYYY-MM-DD`, a real calendar date, from 1950 up to today),
 * or undefined. "Today" is the calendar date in the easternmost time zone (UTC+14) at `now`, so an
 * office east of Greenwich can enter today's date before midnight UTC.
 */
export function awardedDateProblem(value: string, now: Date): AwardedDateProblem | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { kind: 'malformed', message: `"${value}" is not a date written YYYY-MM-DD` };
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return { kind: 'malformed', message: `${value} is not a real calendar date` };
  if (value < EARLIEST_AWARDED_DATE) return { kind: 'too-early', message: `${value} is before ${EARLIEST_AWARDED_DATE}` };
  const latest = new Date(now.getTime() + 14 * 3600_000).toISOString().slice(0, 10);
  if (value > latest) return { kind: 'in-future', message: `${value} is in the future (today is ${now.toISOString().slice(0, 10)})` };
  return undefined;
}
