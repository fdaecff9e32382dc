/** The page's languages; each name in its own language, as a language selector should show it. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'ar', name: 'العربية' },
  { code: 'fa', name: 'فارسی' },
  { code: 'uk', name: 'Українська' },
] as const;

export const RTL = new Set(['ar', 'fa']);

/** The first of the browser's preferred languages we have (navigator.languages order), else English. */
export function detectLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0]!;
    // Dari (prs) is written like Persian.
    const code = base === 'prs' ? 'fa' : base;
    if (LANGUAGES.some((l) => l.code === code)) return code;
  }
  return 'en';
}
