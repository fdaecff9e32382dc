import { z } from 'zod';
import type { MessageTree } from './check-locale.ts';
import { takeEarlyFetch } from './take-early-fetch.ts';

// A message file is a tree of strings (i18next's JSON v4); anything else is not taken.
const zMessages: z.ZodType<MessageTree> = z.lazy(() => z.record(z.string(), z.union([z.string(), zMessages])));

/**
 * The loader setupI18n calls for a language the page does not carry: GET `${base}/locales/${lang}.json`
 * (served by createPageRouter, kept by the service worker for offline use; the page's HTML has
 * usually started this request already, and takeEarlyFetch takes it). Undefined when the
 * file cannot be fetched or is not a message tree, never a throw: the page then shows English.
 *
 * @example setupI18n({ resources: { en: { translation: en } }, loadMessages: fetchMessages('/verify'), … })
 */
export function fetchMessages(base: string, fetchFn: (url: string) => Promise<Response> = takeEarlyFetch): (lang: string) => Promise<MessageTree | undefined> {
  return async (lang) => {
    if (!/^[a-z]{2,3}$/.test(lang)) return undefined;
    try {
      const res = await fetchFn(`${base}/locales/${lang}.json`);
      if (!res.ok) return undefined;
      const parsed = zMessages.safeParse(await res.json());
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
}
