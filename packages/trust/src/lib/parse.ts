import type { z } from 'zod';
import { TrustError, type TrustErrorCode } from '../errors.ts';

/** JSON path of a zod issue, e.g. `$.issuers[0].keys[1].validFrom`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return '$' + path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** The one place a ZodError becomes a TrustError: first issue's path and message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, code: TrustErrorCode, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const first = r.error.issues[0];
  const path = issuePath(first?.path ?? []);
  throw new TrustError(code, `${what}: ${path}: ${first?.message ?? 'invalid'}`, path);
}
