import { RecognitionError } from './errors.ts';
import { parseCsv } from './lib/parse-csv.ts';
import { DEFAULT_PLACEMENT_POLICY, parsePlacementPolicy } from './parse-placement-policy.ts';
import type { PlacementPolicy } from './z-placement-policy.ts';

const MAX_POLICY_CHARS = 64 * 1024;
const COUNTRY_KEY = /^countries\.([A-Z]{2,3})\.(schoolYearStartMonth)$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A placement policy written as a spreadsheet: a header `key,value`, then one row per key the
 * ministry or school changes (`maxYearsBelowAgeGrade,1`; a country's school year as
 * `countries.UG.schoolYearStartMonth,2`). The keys and their limits are the JSON policy's (zod,
 * z-placement-policy.ts); numbers and `true`/`false` are read by the key's type. Broken CSV, a
 * wrong header or a row without two cells → POLICY_NOT_CSV; an unknown or repeated key, or a value
 * the schema refuses → POLICY_INVALID, with the CSV line as `path`. Nothing is half-applied.
 *
 * @example const policy = parsePlacementPolicyCsv('key,value\nmaxYearsBelowAgeGrade,1\n');
 */
export function parsePlacementPolicyCsv(text: string): PlacementPolicy {
  if (text.length > MAX_POLICY_CHARS) throw new RecognitionError('POLICY_INVALID', `a policy file is at most ${MAX_POLICY_CHARS} characters`);
  const body = text.replace(/^\uFEFF/, '');
  // Paired quotes are even in any well-formed RFC 4180 text: an odd count is a quote left open.
  if ((body.match(/"/g)?.length ?? 0) % 2 === 1) throw new RecognitionError('POLICY_NOT_CSV', 'the policy file is not CSV: a quote is never closed');
  const rows = parseCsv(body).map((cells, i) => ({ line: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = rows.shift();
  if (!header || header.cells.length !== 2 || header.cells[0]!.trim().toLowerCase() !== 'key' || header.cells[1]!.trim().toLowerCase() !== 'value') {
    throw new RecognitionError('POLICY_NOT_CSV', 'the policy file is not a policy CSV: its first line must be "key,value"', 'line 1');
  }
  const out: Record<string, unknown> = {};
  const countries: Record<string, Record<string, unknown>> = {};
  const lineOf = new Map<string, number>();
  const defaults = DEFAULT_PLACEMENT_POLICY as unknown as Record<string, unknown>;
  for (const { line, cells } of rows) {
    if (cells.length !== 2) throw new RecognitionError('POLICY_NOT_CSV', `line ${line}: ${cells.length} cells, expected key,value`, `line ${line}`);
    const key = cells[0]!.trim();
    const raw = cells[1]!.trim();
    if (lineOf.has(key)) throw new RecognitionError('POLICY_INVALID', `line ${line}: ${key} is already set on line ${lineOf.get(key)}`, `line ${line}`);
    lineOf.set(key, line);
    const country = COUNTRY_KEY.exec(key);
    if (country) {
      (countries[country[1]!] ??= {})[country[2]!] = NUMBER.test(raw) ? Number(raw) : raw;
      continue;
    }
    if (key === 'countries' || !(key in defaults)) {
      throw new RecognitionError('POLICY_INVALID', `line ${line}: unknown key "${key}" (the keys are ${Object.keys(defaults).filter((k) => k !== 'countries').join(', ')}, countries.CC.schoolYearStartMonth)`, `line ${line}`);
    }
    const kind = typeof defaults[key];
    out[key] = kind === 'number' && NUMBER.test(raw) ? Number(raw)
      : kind === 'boolean' && /^(true|false)$/i.test(raw) ? raw.toLowerCase() === 'true'
      : raw;
  }
  if (Object.keys(countries).length > 0) out.countries = countries;
  try {
    return parsePlacementPolicy(out);
  } catch (err) {
    if (!(err instanceof RecognitionError) || !err.path) throw err;
    // `$.countries.UG.schoolYearStartMonth` or `$.maxYearsBelowAgeGrade` → the CSV line that set it.
    const key = err.path.replace(/^\$\./, '');
    const line = lineOf.get(key) ?? lineOf.get(key.split('.')[0]!);
    throw new RecognitionError(err.code, line === undefined ? err.message : `line ${line}: ${err.message}`, line === undefined ? err.path : `line ${line}`);
  }
}
