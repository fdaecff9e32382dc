import { RTL } from '../languages.ts';

/**
 * "Loading…" and "This page needs JavaScript." in each of the pages' languages, drafted by the
 * project team like the pages' other non-English messages (README, Languages: not yet reviewed by
 * native speakers). They live here, not in the pages' message files, because they are drawn by the
 * HTML alone, before any message file or code has arrived.
 */
export const LOADING_WORDS: Readonly<Record<string, { loading: string; needsScript: string }>> = {
  en: { loading: 'Loading…', needsScript: 'This page needs JavaScript.' },
  fr: { loading: 'Chargement…', needsScript: 'Cette page a besoin de JavaScript.' },
  es: { loading: 'Cargando…', needsScript: 'Esta página necesita JavaScript.' },
  tr: { loading: 'Yükleniyor…', needsScript: 'Bu sayfa JavaScript gerektirir.' },
  uk: { loading: 'Завантаження…', needsScript: 'Ця сторінка потребує JavaScript.' },
  ar: { loading: 'جارٍ التحميل…', needsScript: 'تحتاج هذه الصفحة إلى JavaScript.' },
  fa: { loading: 'در حال بارگذاری…', needsScript: 'این صفحه به JavaScript نیاز دارد.' },
  prs: { loading: 'در حال بارگذاری…', needsScript: 'این صفحه به JavaScript ضرورت دارد.' },
  ps: { loading: 'بارېږي…', needsScript: 'دا پاڼه JavaScript ته اړتیا لري.' },
  ur: { loading: 'لوڈ ہو رہا ہے…', needsScript: 'اس صفحے کے لیے JavaScript ضروری ہے۔' },
};

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The loading state's styles, the only ones in the head. Until the page's code marks the body
 * ready, everything but the loading state is `display: none`: the first paint then lays out one line
 * instead of the whole page (on a 6× slower CPU that layout and the page's 9 KB of styles held the
 * first paint past a second), and no Arabic-script font is fetched for text nobody sees yet, which
 * would share the slow link with the code. The words are set in the system font for the same
 * reason. Nothing here needs a script: the state is drawn from the HTML as it arrives. No script
 * comes before it either: the first script of a document starts its JavaScript engine, 40–60 ms
 * on a 6× slower CPU, which the first paint need not wait for (LOADING_SAFEGUARD follows the
 * loading state's markup).
 */
export const LOADING_HEAD = '<style>'
  + 'html:not([data-lp-failed]) body:not([data-ready=true])>:not(#lp-loading){display:none!important}'
  + 'body[data-ready=true]>#lp-loading,[data-lp-failed] #lp-loading{display:none}'
  + '#lp-loading{display:flex;flex-direction:column;align-items:center;justify-content:center;gap:1rem;min-block-size:60vh;padding:1rem;'
  + 'font:1.15rem/1.5 system-ui,sans-serif;color:#222;background:#fff;text-align:center}'
  + '.lp-loading-mark{inline-size:2.5rem;block-size:2.5rem;box-sizing:border-box;border:5px solid #c8d3e6;border-block-start-color:#1a5fb4;border-radius:50%;animation:lp-spin 1s linear infinite}'
  + '@keyframes lp-spin{to{transform:rotate(1turn)}}'
  // The bar along the top, the language-neutral sign that something is coming; it runs the way
  // the page's text does.
  + 'body:not([data-ready=true]){cursor:progress;margin:0}'
  + 'body:not([data-ready=true])::before{content:"";position:fixed;inset:0 0 auto 0;height:4px;z-index:9999;'
  + 'background:linear-gradient(90deg,transparent,#1a5fb4,transparent);background-size:50% 100%;background-repeat:no-repeat;'
  + 'animation:lp-loading 1.2s linear infinite}'
  + '[dir=rtl] body:not([data-ready=true])::before{animation-direction:reverse}'
  + '[data-lp-failed] body::before{content:none!important}'
  + '@keyframes lp-loading{from{background-position:-100% 0}to{background-position:200% 0}}'
  + '@media (prefers-reduced-motion:reduce){body:not([data-ready=true])::before,.lp-loading-mark{animation:none}'
  + 'body:not([data-ready=true])::before{background:#1a5fb4;opacity:.5}}'
  + '</style>'
  // Without scripts the page cannot become usable: say so rather than spin for ever.
  + '<noscript><style>.lp-loading-mark,.lp-loading-word{display:none}body:not([data-ready=true])::before{content:none}</style></noscript>';

/**
 * When the page's code cannot run to its end (not fetched, offline before the first visit
 * completed, a start-up error), the page is shown as it is, as it was before this loading state,
 * rather than a spinner for ever. A failed script element or a promise nobody handled (the
 * pages start with `void main()`) says so; a capturing listener sees the script's own error.
 * It goes after the loading state's markup and before the page's code (createPageRouter).
 */
export const LOADING_SAFEGUARD = '<script>(()=>{const f=()=>{document.documentElement.dataset.lpFailed="true"};'
  + 'addEventListener("error",(e)=>{if(e.target instanceof HTMLScriptElement)f()},true);addEventListener("unhandledrejection",f)})()</script>';

/**
 * The loading state's markup, the body's first child: a spinner (no words needed) and "Loading…"
 * in `lang` — the language the server can tell the page will show — else in English. The page's
 * code does not touch it: the body's `data-ready` hides it when the page is usable.
 */
export function renderLoadingState(lang: string | undefined): string {
  const code = lang !== undefined && LOADING_WORDS[lang] ? lang : 'en';
  const words = LOADING_WORDS[code]!;
  const dir = RTL.has(code) ? 'rtl' : 'ltr';
  return `<div id="lp-loading" role="status" lang="${code}" dir="${dir}">`
    + '<span class="lp-loading-mark" aria-hidden="true"></span>'
    + `<span class="lp-loading-word">${escapeText(words.loading)}</span>`
    + `<noscript>${escapeText(words.needsScript)}</noscript>`
    + '</div>';
}
