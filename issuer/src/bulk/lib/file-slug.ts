import { createHash } from 'node:crypto';

/**
 * A file name part from a candidate number or code: kept when it is already safe, else the unsafe
 * characters become `_` and a short hash of the original keeps two candidates apart
 * (`A/12` and `A_12` must not share a file).
 */
export function fileSlug(text: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(text) && !text.includes('..')) return text;
  const safe = text.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/\.{2,}/g, '_').replace(/^[._-]+/, '').slice(0, 48);
  return `${safe || 'x'}~${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}
