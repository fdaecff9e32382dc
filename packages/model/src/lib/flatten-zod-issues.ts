import type { z } from 'zod';
import { jsonPathOf } from './json-path.ts';

/** One schema problem, as reported in ModelError.issues and check details. */
export interface SchemaIssue {
  /** JSON path of the offending value, e.g. `$.credentialSubject.achievement.name`. */
  path: string;
  /** zod's issue code (`invalid_type`, `too_small`, `custom`, …). */
  code: string;
  message: string;
}

type RawIssue = z.core.$ZodIssue;

/**
 * zod reports a failed union as one `invalid_union` issue holding every branch's issues. For
 * `issuer: URL | {id}` the useful report is the branch the value was aiming at (an object
 * without `id` → `$.issuer.id`), so pick the branch whose issues are not all "wrong type at the
 * root"; when every branch fails at the root, keep one issue naming the expected shapes.
 */
export function flattenZodIssues(issues: readonly RawIssue[], prefix: readonly PropertyKey[] = []): SchemaIssue[] {
  const out: SchemaIssue[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const aimed = issue.errors.filter(
        (branch) => !branch.every((i) => i.path.length === 0 && i.code === 'invalid_type'),
      );
      if (aimed.length > 0) {
        // The branch with the deepest first issue is the one the value matched furthest.
        const best = aimed.reduce((a, b) => (depth(b) > depth(a) ? b : a));
        out.push(...flattenZodIssues(best, path));
        continue;
      }
      const expected = issue.errors
        .flatMap((b) => b.map((i) => (i.code === 'invalid_type' ? i.expected : undefined)))
        .filter((e): e is NonNullable<typeof e> => e !== undefined);
      out.push({
        path: jsonPathOf(path),
        code: 'invalid_type',
        message: `Invalid input: expected ${[...new Set(expected)].join(' or ') || 'another shape'}`,
      });
      continue;
    }
    out.push({ path: jsonPathOf(path), code: issue.code, message: issue.message });
  }
  return out;
}

function depth(branch: readonly RawIssue[]): number {
  return branch.reduce((m, i) => Math.max(m, i.path.length), 0);
}
