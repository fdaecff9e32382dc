import { z } from 'zod';

/**
 * An absolute URI (RFC 3986 §3: scheme ":" rest, no whitespace). VC 2.0 §4.4 identifiers are
 * URLs, but `urn:uuid:` and `did:` are common and allowed, so only the shape is checked.
 */
export const ABSOLUTE_URI_PATTERN = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
export const UriSchema = z.string().regex(ABSOLUTE_URI_PATTERN, { message: 'Must be an absolute URI (scheme:…)' });

/**
 * XML Schema 1.1 dateTimeStamp: a dateTime with a time zone, as VC 2.0 §4.9 requires for
 * `validFrom`/`validUntil` (`2024-07-20T00:00:00Z`, `…+02:00`, fractional seconds allowed).
 */
export const DATE_TIME_STAMP_PATTERN = /^-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)$/;
export const DateTimeStampSchema = z.string().regex(DATE_TIME_STAMP_PATTERN, {
  message: 'Must be an XML Schema dateTimeStamp, e.g. 2024-07-20T00:00:00Z',
});

/** JSON-LD `type`: one term or a set of terms (VC 2.0 §4.5). */
export const TypeSchema = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** The `type` value as an array, whatever its form; [] for anything else. */
export function typesOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((t): t is string => typeof t === 'string');
  return [];
}

/** A `type` that must include every one of `required`. */
export function typeIncluding(...required: string[]) {
  return TypeSchema.refine((t) => required.every((r) => typesOf(t).includes(r)), {
    message: `type must include ${required.map((r) => `'${r}'`).join(' and ')}`,
  });
}

/** Property that is one object or a non-empty array of them (VC 2.0 "one or more"). */
export function oneOrMore<T extends z.ZodType>(item: T) {
  return z.union([item, z.array(item).min(1)]);
}

/** The value as an array: one value becomes [value], undefined becomes []. */
export function asArray<T>(value: T | readonly T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}
