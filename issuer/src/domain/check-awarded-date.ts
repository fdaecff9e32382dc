import { IssuerError } from '../errors.ts';
import { awardedDateProblem } from './lib/awarded-date-problem.ts';

/**
 * The award date of an API or CLI issuance as the credential's date-time (midnight UTC), or
 * IssuerError CREDENTIAL_INVALID (not a YYYY-MM-DD date, before 1950) / DATE_IN_FUTURE.
 *
 * @example checkAwardedDate('2019-06-30', new Date()) // '2019-06-30T00:00:00Z'
 */
export function checkAwardedDate(value: unknown, now: Date, path = '$.options.awardedDate'): string {
  if (typeof value !== 'string') throw new IssuerError('CREDENTIAL_INVALID', `awardedDate must be a date written YYYY-MM-DD at ${path}`, path);
  const problem = awardedDateProblem(value, now);
  if (problem) throw new IssuerError(problem.kind === 'in-future' ? 'DATE_IN_FUTURE' : 'CREDENTIAL_INVALID', `awardedDate ${problem.message}`, path);
  return `${value}T00:00:00Z`;
}
