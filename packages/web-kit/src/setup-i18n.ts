import i18next, { type Resource } from 'i18next';
import { detectLanguage, intlLocales, isReviewed, LANGUAGES, RTL } from './languages.ts';

export type Translate = (key: string, opts?: Record<string, unknown>) => string;

export interface I18nSetup {
  /** The message files bundled into the page, at least English (the fallback): `{ en: { translation: en } }`. */
  resources: Resource;
  /**
   * Fetches one language's messages that `resources` lacks (fetchMessages), when it is first
   * shown: a page carries English only, not ten languages a reader never opens. Undefined when
   * they cannot be had (offline, never cached): the page then shows English.
   */
  loadMessages?: (lang: string) => Promise<Record<string, unknown> | undefined>;
  /** localStorage key that remembers the reader's choice. */
  storageKey: string;
  /** The language <select>; filled with LANGUAGES, each name in its own language. */
  select: HTMLSelectElement;
  /** Called after every change of language (and once by the caller at start). */
  onChange: () => void;
}

/** Returns the page's translate function; i18next's own `t` is typed for a fixed key set. */
export const t: Translate = (key, opts) => i18next.t(key, opts as never) as unknown as string;

/**
 * One i18next instance per page: the URL's `?lang=`, else the saved choice, else the first of navigator.languages that we
 * have, else English (fallback for any missing key). Values are inserted as text nodes, never as
 * HTML, so i18next's escaping is off.
 */
export async function setupI18n(opts: I18nSetup): Promise<void> {
  const known = (code: string | null): code is string => code !== null && LANGUAGES.some((l) => l.code === code);
  // A link may name the language (`/verify?lang=ar`): the server draws the loading state in it too.
  const linked = new URLSearchParams(location.search).get('lang');
  const saved = localStorage.getItem(opts.storageKey);
  const lng = known(linked) ? linked : known(saved) ? saved : detectLanguage(navigator.languages);
  const resources: Resource = { ...opts.resources };
  const first = resources[lng] || !opts.loadMessages ? undefined : await opts.loadMessages(lng);
  if (first) resources[lng] = { translation: first as Resource[string]['translation'] };
  await i18next.init({ lng, fallbackLng: 'en', resources, interpolation: { escapeValue: false }, returnNull: false });
  // `{{count, number}}` in the language's own digits: Intl gets the CLDR locale (Dari → fa-AF).
  i18next.services.formatter?.addCached('number', (l, o: Intl.NumberFormatOptions) => {
    const format = new Intl.NumberFormat(intlLocales(l ?? 'en'), o);
    return (value: number) => format.format(value);
  });
  for (const l of LANGUAGES) {
    const o = document.createElement('option');
    o.value = l.code;
    o.textContent = l.name;
    o.lang = l.code;
    opts.select.append(o);
  }
  opts.select.addEventListener('change', () => {
    const next = opts.select.value;
    localStorage.setItem(opts.storageKey, next);
    void ensureLanguage(next, opts.loadMessages).then(() => i18next.changeLanguage(next)).then(opts.onChange);
  });
}

async function ensureLanguage(lang: string, load: I18nSetup['loadMessages']): Promise<void> {
  if (!load || i18next.hasResourceBundle(lang, 'translation')) return;
  const messages = await load(lang);
  if (messages) i18next.addResourceBundle(lang, 'translation', messages);
}

/**
 * Sets lang/dir/title and every [data-i18n] element's text for the current language, and shows
 * the page's #translation-note (in that language) when no native speaker has reviewed it.
 */
export function applyDocumentLanguage(select: HTMLSelectElement): string {
  const lang = i18next.language;
  document.documentElement.lang = lang;
  document.documentElement.dir = RTL.has(lang) ? 'rtl' : 'ltr';
  document.title = t('title');
  for (const el of document.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n!);
  const note = document.getElementById('translation-note');
  if (note) note.hidden = isReviewed(lang);
  select.value = lang;
  return lang;
}

/** The language the page currently shows. */
export function currentLanguage(): string {
  return i18next.language;
}

/** The locales for Intl date and number formats in the current language, best first (Dari → fa-AF). */
export function currentIntlLocales(): string[] {
  return intlLocales(i18next.language);
}

/** True when the current language (or the English fallback) has this key. */
export function hasMessage(key: string): boolean {
  return i18next.exists(key);
}
