import type { z } from 'zod';
import { ModelError } from './errors.ts';
import { flattenZodIssues } from './lib/flatten-zod-issues.ts';

/**
 * Parse untrusted data with a zod schema; on failure throw ModelError('SCHEMA_VIOLATION') whose
 * `path` is the JSON path of the first problem and whose `issues` list every problem (the habit
 * of oid4vc-ts `parseWithErrorHandling`). Never throws a ZodError.
 *
 * @example
 * const vc = parseWithErrorHandling(VerifiableCredentialSchema, json, 'credential');
 */
export function parseWithErrorHandling<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = flattenZodIssues(result.error.issues);
  const first = issues[0] ?? { path: '$', code: 'custom', message: 'Invalid input' };
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ModelError('SCHEMA_VIOLATION', `${what}: ${first.message} at ${first.path}${more}`, first.path, issues);
}
