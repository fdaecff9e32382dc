/**
 * The pages' languages; each name in its own language, as a language selector should show it.
 * `reviewed` says whether a native speaker has reviewed the messages: English is the source;
 * every other file was drafted by the project team and no native-speaker review is recorded,
 * so the pages show a translated "not yet reviewed" note in those languages (README, Languages).
 */
export const LANGUAGES = [
  { code: 'en', name: 'English', reviewed: true },
  { code: 'fr', name: 'Français', reviewed: false },
  { code: 'es', name: 'Español', reviewed: false },
  { code: 'tr', name: 'Türkçe', reviewed: false },
  { code: 'uk', name: 'Українська', reviewed: false },
  { code: 'ar', name: 'العربية', reviewed: false },
  { code: 'fa', name: 'فارسی', reviewed: false },
  { code: 'prs', name: 'دری', reviewed: false },
  { code: 'ps', name: 'پښتو', reviewed: false },
  { code: 'ur', name: 'اردو', reviewed: false },
] as const;

export type LanguageCode = (typeof LANGUAGES)[number]['code'];

export const RTL = new Set(['ar', 'fa', 'prs', 'ps', 'ur']);

/** True when a native speaker has reviewed this language's messages. */
export function isReviewed(code: string): boolean {
  return LANGUAGES.some((l) => l.code === code && l.reviewed);
}

/**
 * The locales Intl should format dates and numbers in, best first (Intl takes the first one it has
 * data for). Dari is written `prs` in the pages (its own message files) but CLDR files it as
 * Persian of Afghanistan, `fa-AF` (Solar Hijri months with their Afghan names, Persian digits),
 * and browsers do not all alias `prs` to it. Chromium ships no Pashto date or number data, so
 * Pashto falls back to fa-AF: the same Afghan calendar and Persian digits, month names as used
 * officially in Afghanistan. Urdu is CLDR's `ur` as it is: Western digits (CLDR's default for
 * Urdu, and what forms and phones in Pakistan mostly use).
 */
export function intlLocales(code: string): string[] {
  if (code === 'prs') return ['fa-AF'];
  if (code === 'ps') return ['ps', 'fa-AF'];
  return [code];
}

/** The first of the browser's preferred languages we have (navigator.languages order), else English. */
export function detectLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const parts = tag.toLowerCase().split('-');
    const base = parts[0]!;
    // Persian of Afghanistan is Dari.
    const code = base === 'fa' && parts.includes('af') ? 'prs' : base;
    if (LANGUAGES.some((l) => l.code === code)) return code;
  }
  return 'en';
}
