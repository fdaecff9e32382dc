// The loading state a page's HTML carries: which language the server can tell (URL, then
// Accept-Language, by the pages' own rule), the words and direction it is drawn in, and the HTML
// served per language with Vary: Accept-Language.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { detectLanguage, LANGUAGES, RTL } from '../src/languages.ts';
import { createPageRouter } from '../src/node/index.ts';
import { parseAcceptLanguage, pickPageLanguage } from '../src/node/pick-page-language.ts';
import { LOADING_WORDS, renderLoadingState } from '../src/node/render-loading-state.ts';
import { listen } from '../../../test/lib/listen.ts';

const CODES = LANGUAGES.map((l) => l.code as string);

describe('parseAcceptLanguage', () => {
  it.each<[string | undefined, string[]]>([
    ['fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5', ['fr-CH', 'fr', 'en', 'de']],
    ['en;q=0.2, ar', ['ar', 'en']],
    ['uk;q=0.5, tr;q=0.5, es;q=0.6', ['es', 'uk', 'tr']],
    ['ar;q=0, fr', ['fr']],
    ['fr;q=1.5, es;q=abc, tr', ['tr']],
    ['<script>, en', ['en']],
    ['', []],
    [undefined, []],
  ])('%j → %j', (header, ranges) => {
    expect(parseAcceptLanguage(header)).toEqual(ranges);
  });
});

describe('pickPageLanguage', () => {
  it('the URL first, when it names one of the languages', () => {
    expect(pickPageLanguage('ar', 'fr')).toBe('ar');
    expect(pickPageLanguage('xx', 'fr')).toBe('fr');
    expect(pickPageLanguage(['ar'], 'fr')).toBe('fr');
    expect(pickPageLanguage(undefined, undefined)).toBeUndefined();
    expect(pickPageLanguage(undefined, 'de-DE, ja')).toBeUndefined();
  });

  it("agrees with the pages' detectLanguage on the same list whenever one of it is known", () => {
    const tag = fc.constantFrom('en', 'en-GB', 'fr', 'fr-CA', 'ar-SY', 'fa-AF', 'fa-IR', 'fa', 'prs', 'ps', 'ur-PK', 'uk', 'tr', 'es-419', 'de', 'ja', 'zh-Hant-TW');
    fc.assert(fc.property(fc.array(tag, { maxLength: 6 }), (tags) => {
      const picked = pickPageLanguage(undefined, tags.join(', '));
      const codeOf = (t: string) => { const p = t.toLowerCase().split('-'); return p[0] === 'fa' && p.includes('af') ? 'prs' : p[0]!; };
      const known = tags.some((t) => CODES.includes(codeOf(t)));
      expect(picked).toBe(known ? detectLanguage(tags) : undefined);
    }), { numRuns: 300 });
  });
});

describe('renderLoadingState', () => {
  it('has its words in every language of the pages, and no markup in them', () => {
    expect(Object.keys(LOADING_WORDS).sort()).toEqual([...CODES].sort());
    for (const w of Object.values(LOADING_WORDS)) expect(`${w.loading}${w.needsScript}`).not.toMatch(/[<>&"]/);
  });

  it.each(CODES)('%s: its words, its direction', (code) => {
    const html = renderLoadingState(code);
    expect(html).toContain(`lang="${code}" dir="${RTL.has(code) ? 'rtl' : 'ltr'}"`);
    expect(html).toContain(LOADING_WORDS[code]!.loading);
  });

  it('a language the server cannot tell: English, left to right', () => {
    expect(renderLoadingState(undefined)).toBe(renderLoadingState('en'));
    expect(renderLoadingState('xx')).toBe(renderLoadingState('en'));
  });
});

describe('createPageRouter: the HTML in the language the request names', () => {
  let dir: string;
  let stop: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lp-page-loading-state-'));
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html>\n<html lang="en" dir="ltr"><head><!--lp-head--></head><body class="x"><main>page</main></body></html>');
    fs.writeFileSync(path.join(dir, 'styles.css'), 'body { margin: 0 }');
    const app = express();
    app.use(createPageRouter({ base: '/p', webDir: `${dir}/`, page: Promise.resolve({ js: new TextEncoder().encode('export {}'), gzipBytes: 0, etag: '"v1"' }), anchors: [] }));
    ({ url, stop } = await listen(app));
  });
  afterAll(async () => {
    await stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each<[string, Record<string, string>, string, string]>([
    ['/p', { 'accept-language': 'ar-SY,ar;q=0.9,en;q=0.8' }, 'ar', 'rtl'],
    ['/p', { 'accept-language': 'fa-AF' }, 'prs', 'rtl'],
    ['/p', { 'accept-language': 'de-DE, fr;q=0.5' }, 'fr', 'ltr'],
    ['/p?lang=ur', { 'accept-language': 'fr' }, 'ur', 'rtl'],
    ['/p', { 'accept-language': 'de-DE' }, 'en', 'ltr'],
    ['/p', {}, 'en', 'ltr'],
  ])('%s %j → %s, %s', async (at, headers, lang, dir) => {
    const res = await fetch(`${url}${at}`, { headers: { 'accept-encoding': 'br', ...headers } });
    const html = await res.text();
    expect(res.headers.get('vary')).toMatch(/Accept-Language/i);
    expect(html).toContain(`<html lang="${lang}" dir="${dir}">`);
    // The loading state is the body's first child, so that it is drawn before anything else.
    expect(html).toContain(`<body class="x">\n<div id="lp-loading" role="status" lang="${lang}" dir="${dir}">`);
    expect(html).toContain(LOADING_WORDS[lang]!.loading);
    // Its styles are the head's only ones; the page's styles and every script come after its
    // markup, so that the first paint waits for none of them.
    const loadingAt = html.indexOf('<div id="lp-loading"');
    expect(html.indexOf('#lp-loading{')).toBeLessThan(html.indexOf('</head>'));
    expect(html).not.toContain('body { margin: 0 }');
    expect(html.indexOf('<link rel="stylesheet" href="/p/app.css?v=')).toBeGreaterThan(loadingAt);
    expect(html.indexOf('<script')).toBeGreaterThan(loadingAt);
  });

  it('a page whose HTML has no <body> tag is refused at start, not served without its loading state', () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<html><head><!--lp-head--></head></html>');
    expect(() => createPageRouter({ base: '/q', webDir: `${dir}/`, page: Promise.resolve({ js: new Uint8Array(), gzipBytes: 0, etag: '"v1"' }), anchors: [] })).toThrow(TypeError);
  });
});
