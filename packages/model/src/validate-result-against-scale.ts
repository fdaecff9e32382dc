import type { LpProfileIssue } from './lp-profile-issue.ts';

/** A decimal number as OB 3.0 scale strings write them. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * The scale part of a result description: a catalogue entry (`allowedValues`) or an OB 3.0
 * ResultDescription (`allowedValue`, §B.1.15). Bounds are strings or numbers.
 */
export interface ResultScale {
  valueMin?: string | number | undefined;
  valueMax?: string | number | undefined;
  allowedValues?: readonly string[] | undefined;
  allowedValue?: readonly string[] | undefined;
}

/**
 * Is `value` on the scale? With allowed values, it must be one of them; else with bounds, it
 * must be a decimal within valueMin..valueMax (inclusive). No scale → no opinion (undefined).
 * Returns a RESULT_OUT_OF_SCALE issue (with `path`, default `$.value`) when it is not.
 *
 * @example
 * validateResultAgainstScale({ valueMin: '0', valueMax: '600' }, '652') // { code: 'RESULT_OUT_OF_SCALE', … }
 */
export function validateResultAgainstScale(scale: ResultScale, value: unknown, path = '$.value'): LpProfileIssue | undefined {
  const allowed = scale.allowedValues ?? scale.allowedValue;
  const shown = typeof value === 'string' ? `'${value.slice(0, 40)}'` : String(value);
  if (allowed !== undefined && allowed.length > 0) {
    if (typeof value === 'string' && allowed.includes(value)) return undefined;
    return { code: 'RESULT_OUT_OF_SCALE', path, message: `Result ${shown} is not one of the allowed values (${allowed.join(', ')})` };
  }
  const min = bound(scale.valueMin);
  const max = bound(scale.valueMax);
  if (min === undefined && max === undefined) return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) {
    return { code: 'RESULT_OUT_OF_SCALE', path, message: `Result ${shown} is not a number on the scale` };
  }
  if ((min !== undefined && n < min) || (max !== undefined && n > max)) {
    return {
      code: 'RESULT_OUT_OF_SCALE',
      path,
      message: `Result ${shown} is outside the scale ${scale.valueMin ?? '…'}..${scale.valueMax ?? '…'}`,
    };
  }
  return undefined;
}

function bound(v: string | number | undefined): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'string' && DECIMAL.test(v)) return Number(v);
  return undefined;
}
