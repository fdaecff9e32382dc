import { currentIntlLocales } from '@lp/web-kit';

/** A country's name in the reader's language (CLDR through Intl), else the dataset's English name. */
export function countryName(iso2: string, fallback: string): string {
  try {
    return new Intl.DisplayNames(currentIntlLocales(), { type: 'region' }).of(iso2) ?? fallback;
  } catch {
    return fallback;
  }
}
