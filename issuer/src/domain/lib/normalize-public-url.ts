import { IssuerError } from '../../errors.ts';

/**
 * An issuer's public base URL as stored and compared: absolute http(s), no query, fragment or
 * credentials, no trailing slash, host lower-cased (URL parsing does that), so `HTTPS://Exams.example/`
 * and `https://exams.example` are the same issuer address. Throws PUBLIC_URL_INVALID.
 */
export function normalizePublicUrl(text: string, label = 'the public URL'): string {
  let u: URL;
  try {
    u = new URL(text.trim());
  } catch {
    throw new IssuerError('PUBLIC_URL_INVALID', `${label} "${text}" is not an absolute URL (e.g. https://exams.example.org)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new IssuerError('PUBLIC_URL_INVALID', `${label} must be http or https, not ${u.protocol}`);
  if (u.search || u.hash || u.username || u.password) throw new IssuerError('PUBLIC_URL_INVALID', `${label} must have no query, fragment or credentials`);
  return `${u.origin}${u.pathname}`.replace(/\/+$/, '');
}
