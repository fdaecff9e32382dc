import { LANGUAGES } from '../languages.ts';

/** Whether a code is one of the pages' languages (LANGUAGES). */
export function isPageLanguage(code: string | undefined): code is string {
  return code !== undefined && LANGUAGES.some((l) => l.code === code);
}

// A header is advisory: past this many entries the rest is not read (a browser sends a handful).
const MAX_RANGES = 32;

/**
 * The language ranges of an Accept-Language header, best first (RFC 9110 §12.5.4: by weight, ties
 * in the order sent); `q=0` ("not acceptable") and the wildcard `*` say nothing about which
 * language to show and are left out. Malformed parts are skipped, never an error.
 */
export function parseAcceptLanguage(header: string | undefined): string[] {
  const ranges: { tag: string; q: number; at: number }[] = [];
  for (const [at, part] of (header ?? '').split(',').slice(0, MAX_RANGES).entries()) {
    const [tag, ...params] = part.trim().split(';').map((x) => x.trim());
    if (!tag || !/^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$/.test(tag)) continue;
    const qParam = params.find((p) => /^q=/i.test(p));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    ranges.push({ tag, q, at });
  }
  return ranges.sort((a, b) => b.q - a.q || a.at - b.at).map((r) => r.tag);
}

/**
 * The language the server can tell a page will show, for what it draws before the page's code
 * has run (the loading state, `<html lang dir>`): the URL's `?lang=` when it names one of the
 * pages' languages, else the first of Accept-Language that the pages have, with fa-AF read as Dari
 * — detectLanguage's rule (languages.ts), which a test holds both to. Undefined when neither
 * says: the server then does not know.
 */
export function pickPageLanguage(query: unknown, acceptLanguage: string | undefined): string | undefined {
  if (typeof query === 'string' && isPageLanguage(query)) return query;
  for (const tag of parseAcceptLanguage(acceptLanguage)) {
    const parts = tag.toLowerCase().split('-');
    const code = parts[0] === 'fa' && parts.includes('af') ? 'prs' : parts[0];
    if (isPageLanguage(code)) return code;
  }
  return undefined;
}
