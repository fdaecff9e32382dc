// The requests a page's HTML starts before its code arrives: the ones named, and the message file
// of the language the code will show — chosen by the same rule as detectLanguage/setupI18n.
import { describe, expect, it } from '@jest/globals';
import { detectLanguage, LANGUAGES } from '../src/languages.ts';
import { renderEarlyFetches } from '../src/node/render-early-fetches.ts';

const CODES = LANGUAGES.map((l) => l.code as string);
type Browser = { saved?: string | null; languages: string[]; storage?: 'throws'; search?: string };

/** Runs the HTML's script with a fake browser; returns the paths it fetched. */
function run(html: string, browser: Partial<Browser>): string[] {
  const code = /^<script>([\s\S]*)<\/script>$/.exec(html)![1]!;
  const asked: string[] = [];
  const self: { lpEarly?: Record<string, Promise<unknown>> } = {};
  const localStorage = { getItem: () => { if (browser.storage === 'throws') throw new Error('denied'); return browser.saved ?? null; } };
  const fetch = (u: string) => { asked.push(u); return Promise.resolve({}); };
  new Function('self', 'localStorage', 'navigator', 'fetch', 'location', code)(self, localStorage, { languages: browser.languages ?? [] }, fetch, { search: browser.search ?? '' });
  expect(Object.keys(self.lpEarly!)).toEqual(asked);
  return asked;
}

describe('renderEarlyFetches', () => {
  it('starts the named requests', () => {
    expect(run(renderEarlyFetches(['/p/config.json', '/p/bundle.json']), {})).toEqual(['/p/config.json', '/p/bundle.json']);
  });

  it.each<[Browser]>([
    [{ languages: ['ar-SY', 'en'] }],
    [{ languages: ['fa-AF'] }],
    [{ languages: ['fa-IR'] }],
    [{ languages: ['de-DE', 'uk'] }],
    [{ languages: ['de-DE'] }],
    [{ languages: [] }],
    [{ languages: ['en-GB', 'fr'] }],
    [{ saved: 'ps', languages: ['fr'] }],
    [{ saved: 'en', languages: ['ar'] }],
    [{ saved: 'xx', languages: ['tr'] }],
    [{ storage: 'throws', languages: ['ur-PK'] }],
    [{ search: '?lang=ar', saved: 'fr', languages: ['en'] }],
    [{ search: '?lang=en', languages: ['uk'] }],
    [{ search: '?lang=xx', saved: 'tr', languages: ['en'] }],
    [{ search: '?x=1&lang=prs', languages: [] }],
  ])('the message file of the language setupI18n will show: %j', (browser) => {
    const saved = browser.storage === 'throws' ? null : browser.saved;
    const linked = new URLSearchParams(browser.search ?? '').get('lang');
    const shown = linked && CODES.includes(linked) ? linked : saved && CODES.includes(saved) ? saved : detectLanguage(browser.languages);
    const asked = run(renderEarlyFetches(['/p/config.json'], { base: '/p', codes: CODES, storageKey: 'lp.lang' }), browser);
    expect(asked).toEqual(['/p/config.json', ...(shown === 'en' ? [] : [`/p/locales/${shown}.json`])]);
  });

  it('a value cannot end the script early', () => {
    const html = renderEarlyFetches(['/p/</script><script>alert(1)</script>'], { base: '/p', codes: ['en'], storageKey: '</script>' });
    expect(html.indexOf('</script>')).toBe(html.length - '</script>'.length);
  });
});
